import { describe, expect, it } from "vitest";
import { LETTER_SKIP_REASONS, letterRecipients } from "../../../src/core/letters/recipients.js";
import type { Student } from "../../../src/core/records.js";
import { school, student } from "../../support/synthetic-school.js";

const s = (id: string, over: Partial<Student>): Student => ({ ...student(id, "9А", `Name ${id}`), ...over });

describe("letterRecipients", () => {
  it("honours consent and status, prefers email, falls back to phone, and lists everyone left out", () => {
    const model = school({
      students: [
        s("S1", { parent: "P1", parentEmail: "p1@mail.example", parentPhone: "+7 900", consent: true }),
        s("S2", { parentEmail: "p2@mail.example", consent: false }),
        s("S3", { parentEmail: "p3@mail.example", consent: null }),
        s("S4", { parentEmail: "p4@mail.example", status: "left" }),
        s("S5", { parentPhone: "+7 905 000-00-05" }),
        s("S6", {}),
        s("S7", { parentEmail: "not an address", parentPhone: "+7 907" }),
        s("S8", { parentEmail: "a@mail.example; b@mail.example" }),
        s("S1", { parentEmail: "dup@mail.example" }),
        s("", { parentEmail: "noid@mail.example" }),
      ],
    });
    const { send, skipped } = letterRecipients(model);
    expect(send.map((r) => [r.studentId, r.channel, r.email, r.phone])).toEqual([
      ["S1", "email", "p1@mail.example", "+7 900"],
      ["S5", "phone", "", "+7 905 000-00-05"],
      ["S7", "phone", "", "+7 907"],
      ["S8", "email", "a@mail.example, b@mail.example", ""],
    ]);
    expect(send[0]).toMatchObject({ name: "Name S1", className: "9А", parent: "P1" });
    expect(skipped.map((x) => [x.studentId, x.reason])).toEqual([
      ["S2", "no-consent"],
      ["S3", "no-consent"],
      ["S4", "left"],
      ["S6", "no-contact"],
    ]);
    expect(skipped[0].row).toBe(model.students[1].row);
    for (const r of ["left", "no-consent", "no-contact", "no-lessons"] as const) {
      expect(LETTER_SKIP_REASONS[r].ru).not.toBe("");
      expect(LETTER_SKIP_REASONS[r].en).not.toBe("");
    }
  });
});
