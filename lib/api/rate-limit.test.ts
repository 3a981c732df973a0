import { RateLimiter } from "@/lib/api/rate-limit";

describe("RateLimiter", () => {
  it("allows the limit per window per key, then says when to come back", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.hit("a").ok)).toEqual([true, true, true]);
    expect(limiter.hit("a")).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(limiter.hit("b")).toEqual({ ok: true, remaining: 2 });
    now += 45_500;
    expect(limiter.hit("a")).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 14_500;
    expect(limiter.hit("a")).toEqual({ ok: true, remaining: 2 });
  });

  it("never asks to wait less than a second", () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, () => now);
    limiter.hit("a");
    now = 999;
    expect(limiter.hit("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
  });
});

it("peeks without counting: waitFor says how long once the window is used up", () => {
  let now = 0;
  const limiter = new RateLimiter(2, 60_000, () => now);
  expect(limiter.waitFor("a")).toBe(0);
  limiter.hit("a");
  expect(limiter.waitFor("a")).toBe(0);
  limiter.hit("a");
  now = 30_000;
  expect([limiter.waitFor("a"), limiter.waitFor("a")]).toEqual([30, 30]);
  now = 60_000;
  expect(limiter.waitFor("a")).toBe(0);
});
