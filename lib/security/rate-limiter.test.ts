import { RateLimiter } from "@/lib/security/rate-limiter";

it("allows up to the limit per window, then says how long to wait", () => {
  const limiter = new RateLimiter(3, 60_000);
  const t0 = 1_000_000;
  expect([limiter.hit("a", t0), limiter.hit("a", t0), limiter.hit("a", t0)]).toEqual([0, 0, 0]);
  expect(limiter.retryAfter("a", t0 + 1000)).toBe(59);
  expect(limiter.hit("a", t0 + 1000)).toBe(59);
  expect(limiter.hit("b", t0 + 1000)).toBe(0); // keys are independent
  expect(limiter.retryAfter("a", t0 + 60_000)).toBe(0); // a new window
  expect(limiter.hit("a", t0 + 60_000)).toBe(0);
});
