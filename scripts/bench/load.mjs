// One load run with autocannon: throughput and exact latency percentiles.
// autocannon's own summary has no p95 and rounds to whole milliseconds, so every
// response time is kept and the percentiles are read from the sorted list.
import autocannon from "autocannon";

/** Nearest-rank percentile of an ascending Float64Array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * Runs `requests` (autocannon request objects, cycled) against `url` for `duration`
 * seconds with `connections` clients. Only 2xx responses count as done; anything else
 * is reported in `errors`.
 */
export function load({ url, requests, headers, connections, duration, amount, timeout = 30 }) {
  return new Promise((resolve, reject) => {
    const times = [];
    let non2xx = 0;
    const statusCodes = {};
    const started = process.hrtime.bigint();
    const instance = autocannon({ url, requests, headers, connections, ...(amount ? { amount } : { duration }), timeout }, (err, result) => {
      if (err) return reject(err);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      const sorted = Float64Array.from(times).sort();
      resolve({
        requests: sorted.length,
        rps: sorted.length / (result.duration || elapsed),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        errors: non2xx + result.errors + result.timeouts,
        statusCodes,
      });
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
      else non2xx++;
    });
  });
}
