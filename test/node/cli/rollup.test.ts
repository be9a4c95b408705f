import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { type GoogleEnv, startGoogleEnv } from "../../support/google-env.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

let g: GoogleEnv;
let dir: string;
let env: NodeJS.ProcessEnv;

async function xlsxSchool(name: string, seed: number): Promise<string> {
  const file = join(dir, `${seed}.xlsx`);
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24", seed, school: name });
  await wb.save();
  return file;
}

beforeAll(async () => {
  g = await startGoogleEnv();
  dir = g.dir;
  env = g.env();
  const mem = new MemoryWorkbook();
  writeDemoSchool(mem, { year: 2026, lang: "ru", today: "2026-11-24", seed: 9, school: "Гимназия № 9" });
  g.google.seedSpreadsheet("school-9", Object.fromEntries(mem.sheets));
});

afterAll(() => g.close());

describe("coordinator rollup", () => {
  it("sums .xlsx and Google schools, reports the one it could not read, exits 1", async () => {
    const a = await xlsxSchool("Школа № 1", 1);
    const b = await xlsxSchool("Школа № 2", 2);
    const out = join(dir, "out");
    const r = await cli(
      [
        "rollup",
        a,
        join(dir, "missing.xlsx"),
        b,
        "--spreadsheet",
        "school-9",
        "--month",
        "2026-10",
        "--out",
        out,
      ],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.out.split("\n")[0]).toBe("Свод за 2026-10: школ 3, не получены 1.");
    expect(r.err).toContain(`${join(dir, "missing.xlsx")}: Файл не найден: ${join(dir, "missing.xlsx")}`);
    const json = JSON.parse(await readFile(join(out, "rollup-2026-10.json"), "utf8"));
    expect(json.schools.map((s: { school: string }) => s.school)).toEqual([
      "Школа № 1",
      "Школа № 2",
      "Гимназия № 9",
    ]);
    expect(json.totals.students).toBe(
      json.schools.reduce((s: number, x: { students: number }) => s + x.students, 0),
    );
    const book = await XlsxWorkbook.open(join(out, "rollup-2026-10.xlsx"));
    expect(book.sheetNames()).toEqual([
      "Школы",
      "Заявки на ДО",
      "Сетевые преподаватели",
      "Тьюторы",
      "Мероприятия, курсы, АРМ",
      "Достижения",
      "Не получены",
    ]);
    // Issue 18: each demo school's events of October, course enrolments, workstation coverage.
    const activity = book.read(["Мероприятия, курсы, АРМ"]).get("Мероприятия, курсы, АРМ")!.values;
    expect(activity[0]).toEqual([
      "Школа",
      "Мероприятий",
      "Участий",
      "Курсов",
      "Записей на курсы",
      "Участников ДО",
      "С рабочим местом",
      "Охват АРМ, %",
    ]);
    expect(activity.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[7]])).toEqual([
      ["Школа № 1", 2, 7, 3, 15, 100],
      ["Школа № 2", 2, 7, 3, 15, 100],
      ["Гимназия № 9", 2, 7, 3, 15, 100],
    ]);
  });

  it("needs sources and --out", async () => {
    const r = await cli(["rollup", "--month", "2026-10"], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Укажите книги школ и --out");
  });
});
