import { describe, expect, it } from "vitest";
import { planTriggers } from "../../src/core/triggers.js";

const managed = ["monthlyReport", "onFormSubmitHandler", "continueReport"];

describe("planTriggers", () => {
  it("creates a missing trigger", () => {
    expect(planTriggers([{ handler: "monthlyReport", kind: "monthly" }], [], managed)).toEqual({
      create: [{ handler: "monthlyReport", kind: "monthly" }],
      remove: [],
      keep: [],
    });
  });

  it("keeps one existing trigger and removes duplicates: at most one per handler", () => {
    const existing = [
      { id: "1", handler: "monthlyReport", eventType: "CLOCK" },
      { id: "2", handler: "monthlyReport", eventType: "CLOCK" },
    ];
    expect(planTriggers([{ handler: "monthlyReport", kind: "monthly" }], existing, managed)).toEqual({
      create: [],
      remove: ["2"],
      keep: ["1"],
    });
  });

  it("removes managed triggers that are no longer wanted and never touches the user's own", () => {
    const existing = [
      { id: "1", handler: "monthlyReport", eventType: "CLOCK" },
      { id: "9", handler: "myOwnBackup", eventType: "CLOCK" },
    ];
    expect(planTriggers([], existing, managed)).toEqual({ create: [], remove: ["1"], keep: [] });
  });

  it("is stable: applying the plan and planning again gives nothing to do", () => {
    const desired = [
      { handler: "monthlyReport", kind: "monthly" as const },
      { handler: "onFormSubmitHandler", kind: "formSubmit" as const },
    ];
    const first = planTriggers(
      desired,
      [{ id: "5", handler: "onFormSubmitHandler", eventType: "ON_FORM_SUBMIT" }],
      managed,
    );
    const after = [
      { id: "5", handler: "onFormSubmitHandler", eventType: "ON_FORM_SUBMIT" },
      ...first.create.map((c, i) => ({ id: `n${i}`, handler: c.handler, eventType: "CLOCK" })),
    ];
    expect(planTriggers(desired, after, managed)).toEqual({ create: [], remove: [], keep: ["n0", "5"] });
  });
});
