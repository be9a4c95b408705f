/**
 * The hand-made workbook test/fixtures/attestation/two-quarters.xlsx (openpyxl, make.py): two
 * quarters, three attestations, a clash of A1 and A2, an override typed on «Итоги 1 четверть».
 * Every expected figure below is worked out by hand from the rules in WORKBOOK-FORMAT.
 */
import { copyFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/node/cli/main.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../../fixtures/attestation/two-quarters.xlsx", import.meta.url).pathname;
const dir = await mkdtemp(join(tmpdir(), "attestation-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function copy(name: string): Promise<string> {
  const file = join(dir, name);
  await copyFile(FIXTURE, file);
  return file;
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    now: () => new Date("2026-12-20T09:00:00Z"),
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

type Mark = {
  studentId: string;
  groupId: string;
  periodMark: unknown;
  computed: unknown;
  final: unknown;
  source: string;
};

async function periodJson(file: string, period: string, out: string) {
  const r = await cli(["period", file, "--period", period, "--out", out, "--json"]);
  expect(r.code, r.err).toBe(0);
  const paths = JSON.parse(r.out);
  return { paths, json: JSON.parse(await readFile(paths.json, "utf8")) };
}

const pick = (marks: Mark[]) =>
  Object.fromEntries(
    marks.map((m) => [`${m.studentId}|${m.groupId}`, [m.periodMark, m.computed, m.final, m.source]]),
  );

describe("coordinator attestation on a hand-made workbook", () => {
  it("--check names both rows of the clash, the examiner in two places and the missing required attestation", async () => {
    const file = await copy("check.xlsx");
    const r = await cli(["attestation", file, "--check"]);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines).toContain(
      "Аттестация!F3: Аттестация!A2 (A1) и Аттестация!A3 (A2): пересекаются по времени 12.10.2026 у учащихся S1, S2",
    );
    expect(lines).toContain(
      "Аттестация!K3: Аттестация!K2 (A1) и Аттестация!K3 (A2): T1 в двух местах одновременно",
    );
    expect(lines).toContain(
      "Зачисления!A7: Зачисления!A7 и 'Учебные периоды'!E2: у S3 (G2) нет аттестации по предмету «Физика» в периоде «1 четверть»",
    );
    expect(lines.at(-1)).toBe("Проблем: 3.");
  });

  it("period marks follow the rounding, minimum-marks and «с весом аттестации» rules; the override wins and is kept", async () => {
    const file = await copy("q1.xlsx");
    const { json } = await periodJson(file, "1 четверть", join(dir, "q1"));
    expect(json.rules).toEqual({ rule: "weighted", roundingThreshold: 0.6, minimumMarks: 2, weight: 2 });
    expect(pick(json.marks)).toEqual({
      // 5 4 4 5 → 4,5 → 4 (0,5 < 0,6); with A1 = 5 twice: 28/6 = 4,67 → 5
      "S1|G1": [4, 5, 5, "weighted"],
      // 3 3 4 3 → 3,25 → 3; A1 = 2: 17/6 = 2,83 → 3; typed 4 on «Итоги 1 четверть»
      "S2|G1": [3, 3, 4, "override"],
      // 4 5 (у and blanks carry no mark) → 4,5 → 4; A1 = н: no mark, the period mark
      "S3|G1": [4, 4, 4, "marks"],
      // 5 5 4 → 4,67 → 5; A2 = 4: 22/5 = 4,4 → 4
      "S1|G2": [5, 4, 4, "weighted"],
      // 2 3 → 2,5 → 2; A2 = н
      "S2|G2": [2, 2, 2, "marks"],
    });
    expect(json.finalMarks).toMatchObject({ n5: 1, n4: 3, n3: 0, n2: 1, na: 0, overrides: 1, total: 5 });
    // Students by their period marks: S1 4/5 and S3 4 good, S2 3/2 failing.
    expect(json.school.categories).toMatchObject({ good: 2, failing: 1, excellent: 0, notAssessed: 0 });
    expect(json.school.success).toBeCloseTo(200 / 3, 9);
    expect(
      json.attestations.map((a: { id: string; held: number; absent: number; failed: number }) => [
        a.id,
        a.held,
        a.absent,
        a.failed,
      ]),
    ).toEqual([
      ["A1", 2, 1, 1],
      ["A2", 1, 1, 0],
    ]);

    // A rerun keeps the typed override and marks it.
    await periodJson(file, "1 четверть", join(dir, "q1"));
    const wb = await XlsxWorkbook.open(file);
    const rows = wb.read(["Итоги 1 четверть"]).get("Итоги 1 четверть")!.values;
    const s2 = rows.find((r) => r[0] === "S2" && r[3] === "G1")!;
    expect([s2[9], s2[10], s2[11], s2[12]]).toEqual(["3", 4, "4", "вручную"]);
  });

  it("the second quarter: dynamics against the first, the admission list, n/a below the minimum", async () => {
    const file = await copy("q2.xlsx");
    const { json, paths } = await periodJson(file, "2 четверть", join(dir, "q2"));
    expect(pick(json.marks)).toEqual({
      "S1|G1": [4, 4, 4, "weighted"], // 4,25 → 4; 27/6 = 4,5 → 4
      "S2|G1": [4, 4, 4, "weighted"], // 3,67 → 4; 19/5 = 3,8 → 4
      "S3|G1": [5, 4, 4, "weighted"], // 5; A3 = 3: 21/5 = 4,2 → 4
      "S1|G2": [4, 4, 4, "marks"],
      "S2|G2": [3, 3, 3, "marks"],
      "S3|G2": ["н/а", "н/а", "н/а", "marks"], // one mark, minimum 2
    });
    expect(json.previous.name).toBe("1 четверть");
    expect(
      json.admission.map((a: { studentId: string; admitted: boolean; reasons: string[] }) => [
        a.studentId,
        a.admitted,
        a.reasons,
      ]),
    ).toEqual([
      ["S1", true, []],
      ["S2", true, []],
      ["S3", false, ["G2: н/а"]],
    ]);
    expect((await stat(paths.docx)).size).toBeGreaterThan(5000);
  });

  it("--notices prints the schedule per group and records «Сообщено» once", async () => {
    const file = await copy("notices.xlsx");
    const first = await cli(["attestation", file, "--notices"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("Группа G1 «Математика 9»: расписание аттестации.");
    expect(first.out).toContain(
      "— Математика (промежуточная аттестация, контрольная работа): 12.10.2026, 12:00–12:45, онлайн, https://meet.example/a1. Принимает: Иванова И. И. Консультация: 09.10.2026 в 15:00.",
    );
    expect(first.out).toContain("«Сообщено» отмечено: 2026-12-20.");
    const again = await cli(["attestation", file, "--notices"]);
    expect(again.out).toBe("Вся аттестация уже сообщена.");
  });

  it("updating keeps every typed result and comment cell for cell", async () => {
    const file = await copy("update.xlsx");
    const before = (await XlsxWorkbook.open(file)).read(["Аттестация A1"]).get("Аттестация A1")!.values;
    const r = await cli(["attestation", file]);
    expect(r.code).toBe(1); // the clash is still there
    const after = (await XlsxWorkbook.open(file)).read(["Аттестация A1"]).get("Аттестация A1")!.values;
    expect(after).toEqual(before);
    expect(r.out).toContain("итоги периодов: «Итоги 1 четверть», «Итоги 2 четверть»");
  });

  it("period --letters writes a letter per consenting family once", async () => {
    const file = await copy("letters.xlsx");
    const out = join(dir, "letters");
    const first = JSON.parse(
      (await cli(["period", file, "--period", "1 четверть", "--out", out, "--letters", "--json"])).out,
    );
    expect(first.letters.map((f: string) => f.split("/").at(-1))).toEqual(["S1.docx", "S2.docx"]);
    const again = JSON.parse(
      (await cli(["period", file, "--period", "1 четверть", "--out", out, "--letters", "--json"])).out,
    );
    expect(again.letters).toEqual([]);
  });
});
