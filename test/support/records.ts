/** One default student record for tests and benches; pass what differs. */
import type { Student } from "../../src/core/records.js";

export function studentRecord(p: Partial<Student> & Pick<Student, "id">): Student {
  return {
    row: 2,
    name: `Учащийся ${p.id}`,
    className: "9А",
    status: "active",
    parent: "",
    parentEmail: "",
    parentPhone: "",
    channel: "",
    consent: true,
    needs: "",
    note: "",
    ...p,
  };
}
