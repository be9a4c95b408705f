import { afterEach, describe, expect, it } from "vitest";
import type { CellValue } from "../../../src/core/cells.js";
import type { AttestationResults, AttestationResultsSave } from "../../../src/rpc/contract.js";
import { demoSheets, type Setup, setup, thrown, USER } from "./school.js";

let s: Setup | undefined;
afterEach(() => {
  s?.restore();
  s = undefined;
});

const auditRows = (t: Setup) => t.read("Аудит").slice(1);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A save of `values` (studentId -> token) with what the load showed as expected. */
function changes(
  r: AttestationResults,
  values: Record<string, string>,
  comments: Record<string, string> = {},
) {
  const req: AttestationResultsSave = {
    attestationId: r.attestationId!,
    expected: {},
    values: {},
    expectedComments: {},
    comments: {},
  };
  for (const st of r.students) {
    if (st.id in values) {
      req.expected[st.id] = st.cell;
      req.values[st.id] = values[st.id];
    }
    if (st.id in comments) {
      req.expectedComments![st.id] = st.comment;
      req.comments[st.id] = comments[st.id];
    }
  }
  return req;
}

/** The result and comment of a student on a results sheet. */
function line(t: Setup, sheet: string, id: string): [CellValue, CellValue] | undefined {
  const row = t.read(sheet).find((r) => r[0] === id);
  return row ? [row[2] ?? null, row[3] ?? null] : undefined;
}

describe("attestation results: load", () => {
  it("lists only the user's attestations (examiner or assistant) and opens the latest one so far", () => {
    s = setup();
    const r = s.server.attestationResultsLoad({});
    const sheet = s.read("Аттестация");
    const mine = sheet
      .slice(1)
      .filter((x) => x[10] === "R01" || x[11] === "R01")
      .map((x) => String(x[0]));
    expect(r.attestations.map((a) => a.id).sort()).toEqual([...mine].sort());
    expect(r.attestations.some((a) => a.id === "A03")).toBe(false);
    // Today is 23.11.2026: A02 (20.10) is the latest of R01's so far.
    expect([r.attestationId, r.sheet, r.exists]).toEqual(["A02", "Аттестация A02", true]);
    expect(r.attestations.find((a) => a.id === "A02")).toEqual({
      id: "A02",
      date: "2026-10-20",
      groupId: "G02",
      subject: "Физика",
      form: "контрольная работа",
    });
    // Every student on the sheet, with the cell as it is there.
    const onSheet = s.read("Аттестация A02").slice(1);
    expect(r.students).toHaveLength(onSheet.length);
    for (const st of r.students) {
      const row = onSheet.find((x) => x[0] === st.id)!;
      expect(st.cell).toBe(row[2] === null || row[2] === undefined ? "" : String(row[2]));
    }
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it("shows names only as «Имена в отчёте» allows", () => {
    const sheets = demoSheets();
    const settings = sheets.Настройки;
    const at = settings.findIndex((x) => String(x[0]).startsWith("Имена"));
    expect(at).toBeGreaterThan(0);
    settings[at] = [settings[at][0], "ID"];
    s = setup(sheets);
    const r = s.server.attestationResultsLoad({ attestationId: "A01" });
    expect(r.students.length).toBeGreaterThan(3);
    expect(r.students.every((x) => x.name === "")).toBe(true);
  });

  it("refuses another's attestation, and someone not on the staff sheet", () => {
    s = setup();
    const e = thrown(() => s!.server.attestationResultsLoad({ attestationId: "A03" }));
    expect(e.code).toBe("no-access");
    expect(e.msg.ru).toContain("A03");
    s.restore();
    s = setup(demoSheets(), "stranger@example.org");
    expect(s.server.attestationResultsLoad({}).attestations).toEqual([]);
    expect(thrown(() => s!.server.attestationResultsLoad({ attestationId: "A01" })).code).toBe("no-access");
  });

  it("lets the coordinator enter any attestation", () => {
    s = setup(demoSheets(), "k01@school7.example");
    const r = s.server.attestationResultsLoad({ attestationId: "A03" });
    expect(r.attestationId).toBe("A03");
    expect(r.attestations.length).toBe(s.read("Аттестация").length - 1);
  });
});

describe("attestation results: save", () => {
  it("writes the changed results and comments as one block and audits old → new", () => {
    s = setup();
    const r = s.server.attestationResultsLoad({ attestationId: "A02" });
    const [a, b, c] = r.students;
    const next = (v: string) => (v === "5" ? "4" : "5");
    s.fakes.reset();
    const out = s.server.attestationResultsSave(
      changes(r, { [a.id]: next(a.cell), [c.id]: "Зач" }, { [b.id]: "пересдача 30.11" }),
    );
    expect(out.changed).toBe(3);
    expect(line(s, "Аттестация A02", a.id)).toEqual([Number(next(a.cell)), null]);
    expect(line(s, "Аттестация A02", b.id)?.[1]).toBe("пересдача 30.11");
    // A word is kept in its canonical spelling.
    expect(line(s, "Аттестация A02", c.id)?.[0]).toBe("зач");
    const rows = s.read("Аттестация A02");
    const rowOf = (id: string) => rows.findIndex((x) => x[0] === id) + 1;
    const top = Math.min(rowOf(a.id), rowOf(b.id), rowOf(c.id));
    const bottom = Math.max(rowOf(a.id), rowOf(b.id), rowOf(c.id));
    expect(out.range).toBe(`Аттестация A02!C${top}:D${bottom}`);
    expect(s.fakes.calls.count("Range.setValues")).toBe(2); // the block, the audit rows
    expect(s.fakes.lock._held()).toBe(false);
    const audit = auditRows(s);
    expect(audit.map((x) => x.slice(1, 7))).toEqual(
      [
        [USER, "attestation", "Аттестация A02", `C${rowOf(a.id)}`, a.cell || null, next(a.cell)],
        [USER, "attestation", "Аттестация A02", `C${rowOf(c.id)}`, c.cell || null, "зач"],
        [USER, "attestation", "Аттестация A02", `D${rowOf(b.id)}`, null, "пересдача 30.11"],
      ].sort((x, y) => (x[3]! < y[3]! ? -1 : 1)),
    );
    expect(out.results.students.find((x) => x.id === a.id)?.cell).toBe(next(a.cell));
    expect(out.results.students.find((x) => x.id === b.id)?.comment).toBe("пересдача 30.11");
  });

  it("refuses when a loaded cell changed meanwhile, and writes nothing", () => {
    s = setup();
    const r = s.server.attestationResultsLoad({ attestationId: "A01" });
    const a = r.students[0];
    const row = s.read("Аттестация A01").findIndex((x) => x[0] === a.id) + 1;
    s.fakes.spreadsheet._sheet("Аттестация A01")!.getRange(row, 3).setValue("у");
    const audit = auditRows(s).length;
    const e = thrown(() => s!.server.attestationResultsSave(changes(r, { [a.id]: "5" })));
    expect(e.code).toBe("conflict");
    expect(e.msg.ru).toContain(`Аттестация A01!C${row}`);
    expect(e.msg.ru).toContain("сейчас «у»");
    expect(line(s, "Аттестация A01", a.id)?.[0]).toBe("у");
    expect(auditRows(s)).toHaveLength(audit);
  });

  it("refuses a token the results grammar does not know, naming the student in either language", () => {
    s = setup();
    const r = s.server.attestationResultsLoad({ attestationId: "A01" });
    const a = r.students[1];
    for (const bad of ["6", "=1+1", "нз"]) {
      const e = thrown(() =>
        s!.server.attestationResultsSave(changes(r, { [r.students[0].id]: "5", [a.id]: bad })),
      );
      expect(e.code).toBe("bad-args");
      expect(e.msg.ru).toContain(`${a.name} (${a.id})`);
      expect(e.msg.ru).toContain(`«${bad}»`);
      expect(e.msg.en).toContain("is not an attestation result");
    }
    expect(line(s, "Аттестация A01", r.students[0].id)?.[0]).toBe(
      s.read("Аттестация A01").find((x) => x[0] === r.students[0].id)![2],
    );
    expect(auditRows(s)).toHaveLength(0);
  });

  it("refuses another's attestation and a student who does not sit it", () => {
    s = setup(demoSheets(), "t03@school7.example");
    const mine = s.server.attestationResultsLoad({ attestationId: "A03" });
    s.restore();
    s = setup();
    const req = changes(mine, { [mine.students[0].id]: "5" });
    expect(thrown(() => s!.server.attestationResultsSave(req)).code).toBe("no-access");
    const r = s.server.attestationResultsLoad({ attestationId: "A01" });
    const outsider = mine.students.find((x) => !r.students.some((y) => y.id === x.id))!;
    const e = thrown(() =>
      s!.server.attestationResultsSave({ ...changes(r, {}), values: { [outsider.id]: "5" } }),
    );
    expect(e.code).toBe("bad-args");
    expect(e.msg.ru).toContain("не сдаёт аттестацию A01");
    expect(auditRows(s)).toHaveLength(0);
  });

  it("creates a missing results sheet through the attestation plan, protected for examiner and assistant", () => {
    s = setup();
    const r = s.server.attestationResultsLoad({ attestationId: "A11" });
    expect([r.exists, r.sheet]).toEqual([false, "Аттестация A11"]);
    expect(r.students.length).toBeGreaterThan(3);
    expect(r.students.every((x) => x.cell === "" && x.comment === "")).toBe(true);
    const a = r.students[2];
    const out = s.server.attestationResultsSave(changes(r, { [a.id]: "осв" }, { [a.id]: '=HYPERLINK("x")' }));
    expect(out.changed).toBe(2);
    const grid = s.read("Аттестация A11");
    expect(grid[0]).toEqual(["ID", "Учащийся", "Результат", "Комментарий"]);
    expect(grid.slice(1).map((x) => x[0])).toEqual(r.students.map((x) => x.id));
    expect(line(s, "Аттестация A11", a.id)?.[0]).toBe("осв");
    // The formula text is neutralised: a string, never a formula.
    const sheet = s.fakes.spreadsheet._sheet("Аттестация A11")!;
    expect(sheet.getDataRange().getFormulas().flat().join("")).toBe("");
    expect(String(line(s, "Аттестация A11", a.id)?.[1])).toContain("HYPERLINK");
    const editors = sheet
      .getProtections("SHEET" as never)
      .flatMap((p) => p.getEditors().map((u) => u.getEmail()));
    expect(editors).toEqual(expect.arrayContaining(["t01@school7.example", USER]));
    expect(auditRows(s).map((x) => [x[3], x[4], x[6]])).toEqual([
      ["Аттестация A11", null, "A11"],
      ["Аттестация A11", `C${grid.findIndex((x) => x[0] === a.id) + 1}`, "осв"],
      [
        "Аттестация A11",
        `D${grid.findIndex((x) => x[0] === a.id) + 1}`,
        expect.stringContaining("HYPERLINK"),
      ],
    ]);
    expect(out.results.exists).toBe(true);
  });

  it("costs the same service calls for 10 students and for 200", () => {
    const calls = (n: number) => {
      const sheets = demoSheets({ group: n });
      sheets.Аттестация.push([
        "A99",
        "промежуточная",
        "контрольная работа",
        "G99",
        "",
        day("2026-11-18"),
        "10:00",
        "10:45",
        "онлайн",
        "",
        "T01",
        "R01",
        "2 четверть",
        null,
        "",
        null,
      ]);
      const t = setup(sheets);
      try {
        const tokens = ["5", "4", "н", "зач"];
        const first = t.server.attestationResultsLoad({ attestationId: "A99" });
        expect(first.students).toHaveLength(n);
        t.fakes.reset();
        const created = t.server.attestationResultsSave(
          changes(first, Object.fromEntries(first.students.map((x, i) => [x.id, tokens[i % 4]]))),
        );
        const create = t.fakes.calls.roundTrips;
        expect(created.changed).toBe(n);
        const again = t.server.attestationResultsLoad({ attestationId: "A99" });
        t.fakes.reset();
        const loadTrips = (() => {
          t.server.attestationResultsLoad({ attestationId: "A99" });
          return t.fakes.calls.roundTrips;
        })();
        t.fakes.reset();
        const saved = t.server.attestationResultsSave(
          changes(again, Object.fromEntries(again.students.map((x) => [x.id, "3"]))),
        );
        expect(saved.changed).toBe(n);
        return [loadTrips, create, t.fakes.calls.roundTrips];
      } finally {
        t.restore();
      }
    };
    const small = calls(10);
    expect(calls(200)).toEqual(small);
    // Measured: 15 (load), 52 (the sheet created with its protection and validation, and saved), 28 (save).
    const [load, create, save] = small;
    expect(load).toBeLessThan(20);
    expect(create).toBeLessThan(60);
    expect(save).toBeLessThan(32);
  });
});
