import { describe, expect, it } from "vitest";
import { clockFromEnv, parseNow, shiftedClock, systemClock } from "../../src/node/clock.js";

describe("the Node clock adapter", () => {
  it("reads COORDINATOR_NOW as a date (noon UTC) or an ISO instant", () => {
    expect(parseNow("2027-07-10")?.toISOString()).toBe("2027-07-10T12:00:00.000Z");
    expect(parseNow("2028-02-29T08:30:00+03:00")?.toISOString()).toBe("2028-02-29T05:30:00.000Z");
    expect(parseNow("10.07.2027")).toBeNull();
    expect(parseNow("2027-02-30")).toBeNull();
    expect(parseNow("tomorrow")).toBeNull();
  });

  it("starts at the given day and keeps ticking", () => {
    let t = 1_000_000;
    const base = { now: () => new Date(t) };
    const c = shiftedClock(new Date("2027-07-10T12:00:00Z"), base);
    expect(c.now().toISOString()).toBe("2027-07-10T12:00:00.000Z");
    t += 90_000;
    expect(c.now().toISOString()).toBe("2027-07-10T12:01:30.000Z");
  });

  it("is the system clock without the variable, and refuses a bad one in both languages", () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ COORDINATOR_NOW: "2026-09-01" }).now().toISOString().slice(0, 10)).toBe(
      "2026-09-01",
    );
    expect(() => clockFromEnv({ COORDINATOR_NOW: "1 сентября" })).toThrow(/COORDINATOR_NOW/);
  });
});
