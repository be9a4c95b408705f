import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  parseTokens,
  planTokens,
  resolveToken,
  TOKEN_BYTES,
  type TokenRow,
  tokensTabOf,
  tokensWrite,
} from "../../../src/core/forms/tokens.js";
import type { Student } from "../../../src/core/records.js";
import { studentRecord } from "../../support/records.js";

const student = (id: string, extra: Partial<Student> = {}): Student => studentRecord({ id, ...extra });

/** A deterministic stand-in for a CSPRNG: a hash chain of a seed. */
function seeded(seed: string) {
  let n = 0;
  const calls: number[] = [];
  const fn = (bytes: number) => {
    calls.push(bytes);
    return createHash("sha256")
      .update(`${seed}:${n++}`)
      .digest("hex")
      .slice(0, bytes * 2);
  };
  return Object.assign(fn, { calls });
}

const cryptoHex = (bytes: number) => randomBytes(bytes).toString("hex");
const TODAY = "2026-11-24";

describe("planTokens", () => {
  const students = [
    student("S001"),
    student("S002", { status: "applied" }),
    student("S003", { consent: false }),
    student("S004", { consent: null }),
    student("S005", { status: "left" }),
    student(""),
  ];

  it("gives one 24-hex token to each student with consent who has not left", () => {
    const rng = seeded("a");
    const plan = planTokens(students, [], rng, TODAY);
    expect([...plan.tokens.keys()]).toEqual(["S001", "S002"]);
    expect(plan.append.map((a) => a.studentId)).toEqual(["S001", "S002"]);
    for (const t of plan.tokens.values()) expect(t).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(plan.tokens.values()).size).toBe(2);
    expect(rng.calls).toEqual([TOKEN_BYTES, TOKEN_BYTES]);
    expect(plan.append[0]).toEqual({ studentId: "S001", token: plan.tokens.get("S001"), created: TODAY });
    expect(plan.revoke).toEqual([]);
  });

  it("makes tokens from the random source only: the same ID gets different tokens from different runs", () => {
    const a = planTokens([student("S001")], [], seeded("one"), TODAY).tokens.get("S001");
    const b = planTokens([student("S001")], [], seeded("two"), TODAY).tokens.get("S001");
    const c = planTokens([student("S001")], [], cryptoHex, TODAY).tokens.get("S001");
    expect(new Set([a, b, c]).size).toBe(3);
    expect(a).not.toContain("s001");
  });

  it("is idempotent: existing active tokens are kept and nothing is appended", () => {
    const first = planTokens(students, [], cryptoHex, TODAY);
    const rows: TokenRow[] = first.append.map((a, i) => ({
      row: i + 2,
      studentId: a.studentId,
      token: a.token,
      created: a.created,
      revoked: null,
    }));
    const second = planTokens(students, rows, cryptoHex, "2026-12-01");
    expect(second.append).toEqual([]);
    expect(second.revoke).toEqual([]);
    expect(second.tokens).toEqual(first.tokens);
  });

  it("revokes the token of a student whose consent became 'no' and issues a new one when it is back", () => {
    const rows: TokenRow[] = [
      { row: 2, studentId: "S003", token: "aaaaaaaaaaaaaaaaaaaaaaaa", created: "2026-10-01", revoked: null },
    ];
    const plan = planTokens(students, rows, seeded("x"), TODAY);
    expect(plan.revoke.map((r) => r.row)).toEqual([2]);
    expect(plan.tokens.has("S003")).toBe(false);
    const back = planTokens([student("S003")], [{ ...rows[0], revoked: TODAY }], seeded("y"), "2026-12-01");
    expect(back.append).toHaveLength(1);
    expect(back.tokens.get("S003")).not.toBe("aaaaaaaaaaaaaaaaaaaaaaaa");
  });

  it("never reuses an existing token, and refuses a source that is not hex", () => {
    const used = "bbbbbbbbbbbbbbbbbbbbbbbb";
    let n = 0;
    const repeating = () => (n++ === 0 ? used : "cccccccccccccccccccccccc");
    const plan = planTokens(
      [student("S001")],
      [{ row: 2, studentId: "S009", token: used, created: null, revoked: "2026-01-01" }],
      repeating,
      TODAY,
    );
    expect(plan.tokens.get("S001")).toBe("cccccccccccccccccccccccc");
    expect(() => planTokens([student("S001")], [], () => "S001-token", TODAY)).toThrow(/24 hex digits/);
  });
});

describe("resolveToken", () => {
  const rows: TokenRow[] = [
    { row: 2, studentId: "S001", token: "0123456789abcdef01234567", created: TODAY, revoked: null },
    { row: 3, studentId: "S002", token: "fedcba9876543210fedcba98", created: TODAY, revoked: "2026-11-30" },
  ];
  it("finds the student of an active token, ignoring case and surrounding spaces", () => {
    expect(resolveToken(" 0123456789ABCDEF01234567 ", rows)).toEqual({ studentId: "S001" });
  });
  it("tells a revoked token from an unknown one", () => {
    expect(resolveToken("fedcba9876543210fedcba98", rows)).toEqual({ revoked: "S002" });
    expect(resolveToken("000000000000000000000000", rows)).toBeNull();
    expect(resolveToken("", rows)).toBeNull();
  });
});

describe("parseTokens / tokensWrite", () => {
  it("reads headers in any order and either language; any text in Revoked revokes", () => {
    const d = new Date("2026-11-01T00:00:00Z");
    const p = parseTokens("Tokens", [
      ["Token", "Revoked", "Student", "Created"],
      ["0123456789ABCDEF01234567", null, "S001", d],
      ["fedcba9876543210fedcba98", "x", "S002", "01.11.2026"],
      [null, null, null, null],
      ["0123456789abcdef01234567", null, "S003", null],
    ]);
    expect(p.rows).toEqual([
      { row: 2, studentId: "S001", token: "0123456789abcdef01234567", created: "2026-11-01", revoked: null },
      { row: 3, studentId: "S002", token: "fedcba9876543210fedcba98", created: "2026-11-01", revoked: "x" },
      { row: 5, studentId: "S003", token: "0123456789abcdef01234567", created: null, revoked: null },
    ]);
    expect(p.issues).toMatchObject([{ sheet: "Tokens", cell: "A5", code: "duplicate-id" }]);
    expect(tokensTabOf(["Учащиеся", " токены "])).toBe(" токены ");
  });

  it("creates a hidden sheet with a header, or appends in the sheet's own column order", () => {
    const plan = planTokens([student("S001")], [], seeded("w"), TODAY);
    const created = tokensWrite(plan, undefined, {}, "ru", TODAY)!;
    expect(created).toMatchObject({ sheet: "Токены", create: true, hidden: true, frozenRows: 1 });
    expect(created.cells!.map((c) => c.values[0][0])).toEqual(["Учащийся", "Токен", "Создан", "Отозван"]);
    expect(created.append).toEqual([
      ["S001", plan.tokens.get("S001"), new Date("2026-11-24T00:00:00Z"), null],
    ]);
    const existing = tokensWrite(
      plan,
      "Tokens",
      { token: 1, revoked: 2, studentId: 3, created: 4 },
      "en",
      TODAY,
    )!;
    expect(existing.create).toBeUndefined();
    expect(existing.cells).toEqual([]);
    expect(existing.append).toEqual([
      [plan.tokens.get("S001"), null, "S001", new Date("2026-11-24T00:00:00Z")],
    ]);
    const none = planTokens([], [], seeded("z"), TODAY);
    expect(tokensWrite(none, "Tokens", {}, "en", TODAY)).toBeNull();
  });
});
