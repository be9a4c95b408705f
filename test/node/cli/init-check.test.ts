import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { loadModel } from "../../../src/app/load.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { HAND_MADE } from "../../fixtures/hand-made.js";
import { cli } from "../../support/cli.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

const dir = await mkdtemp(join(tmpdir(), "cli-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("coordinator init", () => {
  it("creates every sheet with headers, dropdowns and a frozen header row", async () => {
    const file = join(dir, "empty.xlsx");
    const r = await cli(["init", file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Создана книга");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      "Настройки",
      "Учащиеся",
      "Сотрудники",
      "Группы",
      "Зачисления",
      "Расписание",
      "Изменения расписания",
      "Каникулы",
      "Контакты",
      "Отзывы родителей",
      "Аудит",
    ]);
    const students = book.getWorksheet("Учащиеся")!;
    expect(students.getRow(1).values).toContain("Согласие на обработку ПДн");
    expect(students.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const dv = Object.values(
      (students as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
        .dataValidations.model,
    ).map((v) => v.formulae[0]);
    expect(dv).toContain('"заявка,обучается,выбыл"');
    expect(dv).toContain('"да,нет"');
  });

  it("refuses to overwrite an existing file without --force, and leaves it untouched", async () => {
    const file = join(dir, "keep.xlsx");
    await writeFile(file, "precious");
    const r = await cli(["init", "--demo", file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`Файл ${file} уже существует; чтобы перезаписать, добавьте --force`);
    expect(await readFile(file, "utf8")).toBe("precious");
    expect((await cli(["init", "--force", file])).code).toBe(0);
  });

  it("--demo fills a realistic school that reads back without a single problem", async () => {
    const file = join(dir, "demo.xlsx");
    expect((await cli(["init", "--demo", file])).code).toBe(0);
    const m = loadModel(await XlsxWorkbook.open(file));
    expect(m.issues).toEqual([]);
    expect(m.settings.schoolYear).toBe("2026/2027");
    expect(m.students.length).toBeGreaterThanOrEqual(120);
    expect(new Set(m.students.map((s) => s.className)).size).toBeGreaterThanOrEqual(6);
    expect(m.staff).toHaveLength(12);
    expect(new Set(m.staff.map((s) => s.role))).toEqual(
      new Set(["teacher", "tutor", "coordinator", "support"]),
    );
    expect(m.groups).toHaveLength(10);
    expect(m.students.filter((s) => s.status === "left")).toHaveLength(1);
    expect(m.enrollments.some((e) => e.from === "2026-10-12")).toBe(true);
    expect(m.enrollments.some((e) => e.to === "2026-10-30")).toBe(true);
    expect(m.slots.every((s) => s.from === "2026-09-01" && s.to === "2026-12-27")).toBe(true);
    expect(new Set(m.changes.map((c) => c.kind))).toEqual(
      new Set(["cancel", "move", "extra", "consultation"]),
    );
    expect(m.contacts.length).toBeGreaterThan(50);
    expect((await cli(["check", file])).code).toBe(0);
  });

  it("round-trips through .xlsx: the file holds exactly the records of the demo written in memory", async () => {
    const file = join(dir, "round.xlsx");
    await cli(["init", "--demo", file]);
    const fromFile = loadModel(await XlsxWorkbook.open(file));
    const mem = new MemoryWorkbook();
    writeDemoSchool(mem, { year: 2026, lang: "ru", today: "2026-11-24" });
    const inMemory = loadModel(mem);
    for (const key of [
      "students",
      "staff",
      "groups",
      "enrollments",
      "slots",
      "changes",
      "holidays",
      "contacts",
    ] as const)
      expect(fromFile[key]).toEqual(inMemory[key]);
    expect(fromFile.settings).toEqual(inMemory.settings);
    expect(fromFile.journals.map((j) => [j.sheet, j.columns, j.rows.map((r) => r.cells)])).toEqual(
      inMemory.journals.map((j) => [j.sheet, j.columns, j.rows.map((r) => r.cells)]),
    );
  });

  it("is deterministic: two demo workbooks hold the same records", async () => {
    const a = join(dir, "a.xlsx");
    const b = join(dir, "b.xlsx");
    await cli(["init", "--demo", a]);
    await cli(["init", "--demo", b]);
    const ma = loadModel(await XlsxWorkbook.open(a));
    const mb = loadModel(await XlsxWorkbook.open(b));
    expect(mb.students).toEqual(ma.students);
    expect(mb.enrollments).toEqual(ma.enrollments);
  });

  it("speaks English with --lang en: English tabs and headers, and they read back the same", async () => {
    const file = join(dir, "en.xlsx");
    const r = await cli(["init", "--demo", "--lang", "en", file]);
    expect(r.out).toContain("Created");
    const wb = await XlsxWorkbook.open(file);
    expect(wb.sheetNames()).toContain("Students");
    const m = loadModel(wb);
    expect(m.settings.language).toBe("en");
    expect(m.issues).toEqual([]);
    expect(m.students.length).toBeGreaterThanOrEqual(120);
  });
});

describe("coordinator check", () => {
  async function handMadeFile(): Promise<string> {
    const file = join(dir, "hand.xlsx");
    const wb = XlsxWorkbook.create(file);
    wb.write(
      Object.entries(HAND_MADE).map(([name, values]) => ({
        sheet: name,
        create: true,
        cells: [{ row: 1, col: 1, values }],
      })),
    );
    await wb.save();
    return file;
  }

  it("prints every issue as Sheet!A1: message in the workbook's language and exits 1 on errors", async () => {
    const file = await handMadeFile();
    const r = await cli(["check", file]);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines).toContain('Students!D5: "graduated" is not allowed; use one of: applied, active, left');
    expect(lines).toContain(
      'Journal G01!D4: "???" is not a mark or attendance code (5, 4, 3, 2, 1, 5/4, pass, fail, a, e, s, l, x); not counted',
    );
    expect(lines.at(-1)).toMatch(/^Found: \d+ errors, \d+ warnings\.$/);
    const ru = await cli(["check", "--lang", "ru", file]);
    expect(ru.out).toContain(
      "Students!D5: «graduated» — недопустимое значение; допустимо: заявка, обучается, выбыл",
    );
  });

  it("--json gives machine-readable issues", async () => {
    const file = await handMadeFile();
    const r = await cli(["check", "--json", file]);
    const j = JSON.parse(r.out);
    expect(j.errors).toBe(true);
    expect(
      j.issues.find((i: { cell: string; sheet: string }) => i.sheet === "Students" && i.cell === "C5").code,
    ).toBe("duplicate-id");
  });

  it("gives one clear line for bad input, never a stack trace", async () => {
    const missing = await cli(["check", join(dir, "nope.xlsx")]);
    expect(missing).toMatchObject({ code: 2, out: "" });
    expect(missing.err).toBe(`Файл не найден: ${join(dir, "nope.xlsx")}`);
    const txt = join(dir, "notes.xlsx");
    await writeFile(txt, "just text");
    expect((await cli(["check", txt])).err).toBe(`Файл ${txt} не является книгой .xlsx или повреждён`);
    const other = join(dir, "other.xlsx");
    const wb = XlsxWorkbook.create(other);
    wb.write([{ sheet: "Budget", create: true, cells: [{ row: 1, col: 1, values: [["Item", "Cost"]] }] }]);
    await wb.save();
    const none = await cli(["check", other], { LANG: "en_US.UTF-8" });
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/has none of the coordinator's sheets/);
    const unknown = await cli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("Неизвестная команда «frobnicate»");
    for (const r of [missing, none, unknown]) expect(r.err).not.toMatch(/\n\s+at /);
  });
});
