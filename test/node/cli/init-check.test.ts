import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { loadModel } from "../../../src/app/load.js";
import { runCli } from "../../../src/node/cli/main.js";
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
      "Учебные периоды",
      "Аттестация",
      "ИУП",
      "Корректировки ИУП",
      "Портфолио",
      "Мероприятия",
      "Курсы",
      "АРМ",
      "Вспомогательный персонал",
    ]);
    // The running school year's quarters and the year, as an editable default (issue 16).
    const periods = book.getWorksheet("Учебные периоды")!;
    expect(periods.getColumn(1).values.slice(1)).toEqual([
      "Название",
      "1 четверть",
      "2 четверть",
      "3 четверть",
      "4 четверть",
      "Год",
    ]);
    // Issue 18: the registries come with their dropdowns (kinds of events, yes/no, where).
    const events = book.getWorksheet("Мероприятия")!;
    expect(events.getRow(1).values).toContain("Участники");
    const kinds = Object.values(
      (events as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } })
        .dataValidations.model,
    ).map((v) => v.formulae[0]);
    expect(kinds[0]).toContain("дистанционная конференция");
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
    // A whole school year, September to May, with the quarter breaks and public holidays.
    expect(m.slots.every((s) => s.from === "2026-09-01" && s.to === "2027-05-26")).toBe(true);
    expect(m.holidays.map((h) => `${h.from}..${h.to}`)).toEqual(
      expect.arrayContaining(["2026-10-26..2026-11-03", "2026-12-29..2027-01-11", "2027-03-23..2027-03-31"]),
    );
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

describe("the demo through the year", () => {
  it("on a summer day: the demo holds the whole year and the report is for May, saying why", async () => {
    const file = join(dir, "summer.xlsx");
    const env = { LANG: "ru_RU.UTF-8", COORDINATOR_NOW: "2027-07-10T12:00:00+03:00" };
    const run = (args: string[]) =>
      runCli(args, { out: () => {}, err: () => {}, env }).then((code) => ({ code }));
    expect((await run(["init", "--demo", file])).code).toBe(0);
    const m = loadModel(await XlsxWorkbook.open(file));
    expect(m.settings.schoolYear).toBe("2026/2027");
    // Two students left during the year, two arrived after the winter break, one moved groups.
    expect(m.students.filter((s) => s.status === "left").map((s) => s.id)).toEqual(["S037", "S052", "S098"]);
    expect(m.students.map((s) => s.id)).toEqual(expect.arrayContaining(["S125", "S126"]));
    expect(m.enrollments.filter((e) => e.from === "2027-01-12").length).toBeGreaterThanOrEqual(3);
    expect(
      m.journals
        .flatMap((j) => j.columns.map((c) => c.date))
        .sort()
        .at(-1),
    ).toBe("2027-05-26");
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["report", file, "--out", dir], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env,
    });
    expect(code).toBe(0);
    expect(err.join("\n")).toContain("Отчёт за май 2027 г.: в июне 2027 г. уроков нет");
    expect(out.join("\n")).toContain("Сводная за 2027-05");
    const json = JSON.parse(await readFile(join(dir, "summary-2027-05.json"), "utf8")) as {
      pairs: { studentId: string }[];
    };
    const may = m.enrollments.filter(
      (e) => (!e.from || e.from <= "2027-05-31") && (!e.to || e.to >= "2027-05-01"),
    );
    expect(new Set(json.pairs.map((p) => p.studentId))).toEqual(new Set(may.map((e) => e.studentId)));
  });

  it("the demo as of a day in November holds nothing that happens later", async () => {
    const mem = new MemoryWorkbook();
    writeDemoSchool(mem, { year: 2026, lang: "ru", today: "2026-11-24" });
    const m = loadModel(mem);
    expect(m.students.filter((s) => s.status === "left").map((s) => s.id)).toEqual(["S037"]);
    expect(m.students.some((s) => s.id === "S125")).toBe(false);
    expect(m.enrollments.some((e) => (e.from ?? "") > "2026-11-24")).toBe(false);
    expect(m.contacts.every((c) => (c.date ?? "") <= "2026-11-30")).toBe(true);
  });

  it("a bad COORDINATOR_NOW is one clear line, exit 2", async () => {
    const err: string[] = [];
    const code = await runCli(["init", join(dir, "x.xlsx")], {
      out: () => {},
      err: (l) => err.push(l),
      env: { LANG: "en_US.UTF-8", COORDINATOR_NOW: "next Monday" },
    });
    expect(code).toBe(2);
    expect(err).toEqual([
      'Bad COORDINATOR_NOW "next Monday": expected a date YYYY-MM-DD or an ISO 8601 instant',
    ]);
  });
});
