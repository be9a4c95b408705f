import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { readCsv } from "../../../src/node/csv.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { docxText } from "../../support/docx-text.js";

const dir = await mkdtemp(join(tmpdir(), "letters-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const INJECTION = '=HYPERLINK("http://x","y")';

/** The demo school as .xlsx, its school name an injection attempt (every letter body starts with it). */
async function demoFile(name: string): Promise<string> {
  const file = join(dir, name);
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  const settings = wb.read(["Настройки"]).get("Настройки")!.values;
  const row = settings.findIndex((r) => r[0] === "Школа") + 1;
  wb.write([{ sheet: "Настройки", cells: [{ row, col: 2, values: [[INJECTION]] }] }]);
  await wb.save();
  return file;
}

async function setConsent(file: string, id: string, value: string): Promise<void> {
  const wb = await XlsxWorkbook.open(file);
  const rows = wb.read(["Учащиеся"]).get("Учащиеся")!.values;
  const row = rows.findIndex((r) => r[0] === id) + 1;
  wb.write([{ sheet: "Учащиеся", cells: [{ row, col: 9, values: [[value]] }] }]);
  await wb.save();
}

describe("coordinator letters", () => {
  it("writes a .docx per family and a mail-merge CSV, records them, lists who was left out; a rerun writes nothing", async () => {
    const file = await demoFile("school.xlsx");
    const out = join(dir, "out");
    const r = await cli(["letters", file, "--month", "2026-10", "--out", out]);
    expect(r.err).toBe("Собираю письма .docx…");
    expect(r.code).toBe(0);
    const files = (await readdir(out)).sort();
    const docx = files.filter((f) => f.endsWith(".docx"));
    expect(docx).toHaveLength(118);
    expect(docx[0]).toBe("letter-2026-10-S001.docx");
    expect(files.filter((f) => f.endsWith(".csv"))).toEqual(["letters-2026-10.csv"]);

    const raw = await readFile(join(out, "letters-2026-10.csv"), "utf8");
    const csv = readCsv(raw);
    expect(csv.header).toEqual(["ID", "Email", "Тема", "Текст", "Вложение"]);
    expect(csv.records).toHaveLength(118 - 7); // the phone-only families get no CSV row
    const s1 = csv.records[0];
    expect(s1).toMatchObject({
      ID: "S001",
      Email: "parent001@mail.example",
      Вложение: "letter-2026-10-S001.docx",
    });
    // The body starts with the school's name: neutralised, so Excel shows text, not a formula.
    expect(s1.Текст.startsWith(`'${INJECTION}\n`)).toBe(true);
    expect(s1.Тема).toMatch(/^Дистанционное обучение: итоги за октябрь 2026 — /);
    expect(csv.records.some((x) => x.ID === "S023" || x.ID === "S037" || x.ID === "S017")).toBe(false);

    const letter = await docxText(await readFile(join(out, "letter-2026-10-S001.docx")));
    expect(letter).toContain("Итоги за октябрь 2026:");
    expect(letter).toContain("Что важно знать");

    expect(r.out.split("\n")).toEqual(
      expect.arrayContaining([
        `Писем за 2026-10: 118 → ${out}`,
        `Для рассылки по email (111): ${join(out, "letters-2026-10.csv")}`,
        "Только телефон — отправьте файл сами (7):",
        "Без письма: 6",
        expect.stringMatching(/^ {2}S023 .+ \(\S+\): нет согласия на обработку ПДн/),
        expect.stringMatching(/^ {2}S037 .+: выбыл\(а\)$/),
      ]),
    );

    const wb = await XlsxWorkbook.open(file);
    const sent = wb.read(["Письма"]).get("Письма")!.values;
    expect(sent[0]).toEqual(["Месяц", "Учащийся", "Отправлено", "Канал"]);
    expect(sent).toHaveLength(119);
    expect(sent[1]).toEqual(["2026-10", "S001", new Date("2026-11-24T12:00:00Z"), "csv"]);
    expect(sent.find((x) => x[1] === "S017")![3]).toBe("docx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet("Письма")!.state).toBe("hidden");

    // Rerun: nothing new, nothing written, the workbook untouched.
    const before = (await stat(file)).mtimeMs;
    const again = await cli(["letters", file, "--month", "2026-10", "--out", out]);
    expect(again.code).toBe(0);
    expect(again.out.split("\n").slice(0, 2)).toEqual([
      "Новых писем за 2026-10 нет: ничего не записано.",
      "Уже были подготовлены раньше: 118 (лист «Письма»).",
    ]);
    expect((await readdir(out)).length).toBe(files.length);
    expect((await stat(file)).mtimeMs).toBe(before);

    // A family gives consent: only its letter is written, into a new CSV beside the first.
    await setConsent(file, "S023", "да");
    const third = await cli(["letters", file, "--month", "2026-10", "--out", out, "--json"]);
    const json = JSON.parse(third.out);
    expect(json.letters).toEqual([{ studentId: "S023", channel: "csv", file: "letter-2026-10-S023.docx" }]);
    expect(json.csv).toBe(join(out, "letters-2026-10-2.csv"));
    expect(readCsv(await readFile(json.csv, "utf8")).records.map((x) => x.ID)).toEqual(["S023"]);
    expect(json.already).toHaveLength(118);
    expect(json.skipped).toEqual([
      { studentId: "S037", reason: "left" },
      { studentId: "S046", reason: "no-consent" },
      { studentId: "S069", reason: "no-consent" },
      { studentId: "S092", reason: "no-consent" },
      { studentId: "S115", reason: "no-consent" },
    ]);
  });

  it("refuses a bad month with one clear line", async () => {
    const file = await demoFile("bad-month.xlsx");
    const r = await cli(["letters", file, "--month", "2026-13"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Неверный месяц «2026-13»; ожидается ГГГГ-ММ");
  });
});
