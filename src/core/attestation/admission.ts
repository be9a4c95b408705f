/**
 * «Допуск» to a final attestation: a student who sits it is admitted when every final mark of
 * theirs in the period is 3 or higher (a typed override counts; зач and осв count as passed);
 * a 2 (or lower), незач or н/а in any group keeps them out, and the list says which.
 */
import type { Model } from "../model.js";
import { participants } from "./participants.js";
import type { PeriodMarks } from "./term.js";
import type { Attestation } from "./types.js";

export interface AdmissionLine {
  attestationId: string;
  studentId: string;
  name: string;
  consent: boolean | null;
  className: string;
  admitted: boolean;
  /** «G03: 2», «G05: н/а» */
  reasons: string[];
}

const passed = (final: number | string | null) =>
  typeof final === "number"
    ? final >= 3
    : ["зач", "осв", "pass", "exempt"].includes(
        String(final ?? "")
          .trim()
          .toLowerCase(),
      );

export function admissionList(
  model: Model,
  finals: readonly Attestation[],
  pm: PeriodMarks,
): AdmissionLine[] {
  const out: AdmissionLine[] = [];
  for (const a of finals) {
    for (const s of participants(a, model)) {
      const mine = pm.rows.filter((r) => r.studentId === s.id);
      const reasons = mine.filter((r) => !passed(r.final)).map((r) => `${r.groupId}: ${r.final ?? "—"}`);
      out.push({
        attestationId: a.id,
        studentId: s.id,
        name: s.name,
        consent: s.consent,
        className: s.className,
        admitted: reasons.length === 0,
        reasons,
      });
    }
  }
  return out;
}
