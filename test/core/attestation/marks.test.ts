import { describe, expect, it } from "vitest";
import { finalMark, markOfParts, overrideValue } from "../../../src/core/attestation/marks.js";
import { parseResult } from "../../../src/core/attestation/results.js";

const rules = (rule: "marks" | "weighted" | "attestation", weight = 2) => ({
  rule,
  roundingThreshold: 0.6,
  minimumMarks: 3,
  weight,
});

describe("«Итоговая отметка»", () => {
  const marks = [4, 4, 5, 4]; // 4,25 → 4
  it("by marks: the period mark whatever the attestation", () => {
    expect(finalMark(marks, 4, { kind: "mark", mark: 2 }, rules("marks"))).toEqual({
      mark: 4,
      source: "marks",
    });
  });
  it("attestation weighted: the attestation counts as «Вес аттестации» marks", () => {
    // (17 + 2·5) / 6 = 4,5 → 4 (0,5 < 0,6); weight 3: (17 + 15) / 7 = 4,57 → 4; weight 4: 37/8 = 4,625 → 5
    expect(finalMark(marks, 4, { kind: "mark", mark: 5 }, rules("weighted"))).toEqual({
      mark: 4,
      source: "weighted",
    });
    expect(finalMark(marks, 4, { kind: "mark", mark: 5 }, rules("weighted", 3)).mark).toBe(4);
    expect(finalMark(marks, 4, { kind: "mark", mark: 5 }, rules("weighted", 4)).mark).toBe(5);
  });
  it("too few marks stay н/а under the weighted rule; the attestation decides when present", () => {
    expect(finalMark([5], "н/а", { kind: "mark", mark: 5 }, rules("weighted")).mark).toBe("н/а");
    expect(finalMark([5], "н/а", { kind: "mark", mark: 3 }, rules("attestation"))).toEqual({
      mark: 3,
      source: "attestation",
    });
  });
  it("without an attestation mark (зач, н, у, осв, none) every rule gives the period mark", () => {
    for (const r of ["marks", "weighted", "attestation"] as const)
      for (const a of [
        null,
        { kind: "pass" as const },
        { kind: "absent" as const },
        { kind: "exempt" as const },
      ])
        expect(finalMark(marks, 4, a, rules(r))).toEqual({ mark: 4, source: "marks" });
  });
  it("a year from its parts: the mean of the final marks, rounded by the period threshold", () => {
    expect(markOfParts([4, 5, 4, 5], 0.6)).toBe(4); // 4,5 → 4
    expect(markOfParts([4, 5, 5, 5], 0.6)).toBe(5); // 4,75 → 5
    expect(markOfParts(["н/а", null, 3], 0.6)).toBe(3);
    expect(markOfParts(["н/а"], 0.6)).toBe("н/а");
    expect(markOfParts([null, null], 0.6)).toBeNull();
  });
  it("reads result cells and overrides as typed", () => {
    expect(parseResult(5)).toEqual({ kind: "mark", mark: 5 });
    expect(parseResult(" Зач ")).toEqual({ kind: "pass" });
    expect(parseResult("незач")).toEqual({ kind: "fail" });
    expect(parseResult("осв")).toEqual({ kind: "exempt" });
    expect(parseResult("6")).toBe("invalid");
    expect(parseResult(null)).toBeNull();
    expect(overrideValue(" 4 ")).toBe(4);
    expect(overrideValue("н/а")).toBe("н/а");
    expect(overrideValue("")).toBeNull();
  });
});
