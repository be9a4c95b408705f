import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/apps-script/clock.js";
import { propertiesStore } from "../../src/apps-script/store.js";
import { createFakes, type Fakes } from "../fakes/index.js";

let fakes: Fakes;
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe("propertiesStore", () => {
  it("keeps values in script properties under coordinator.<key>", () => {
    fakes = createFakes();
    restore = fakes.install();
    const store = propertiesStore();
    expect(store.get("report.month")).toBeNull();
    store.set("report.month", JSON.stringify({ month: "2026-10", done: 3 }));
    expect(fakes.properties.script.getProperties()).toEqual({
      "coordinator.report.month": '{"month":"2026-10","done":3}',
    });
    expect(JSON.parse(store.get("report.month")!)).toEqual({ month: "2026-10", done: 3 });
    store.delete("report.month");
    expect(store.get("report.month")).toBeNull();
    expect(fakes.properties.script.getKeys()).toEqual([]);
  });

  it("refuses a value over 9 KB with a message naming the key", () => {
    fakes = createFakes();
    restore = fakes.install();
    const store = propertiesStore();
    // 4,700 Cyrillic letters are 9,400 bytes: over the limit although under 9,216 characters.
    expect(() => store.set("big", "я".repeat(4700))).toThrow(/coordinator\.big is 9400 bytes/);
    expect(() => store.set("ok", "я".repeat(4600))).not.toThrow();
  });
});

describe("systemClock", () => {
  it("tells the current time", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
