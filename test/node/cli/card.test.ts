/** Issue 17: `coordinator card` on the demo school, read back from the .docx (and from a PDF when LibreOffice is here). */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { docxText } from "../../support/docx-text.js";

let dir: string;
let file: string;
let names: Map<string, string>;

const SECTIONS = [
  "Индивидуальная карта обучающегося: S001",
  "Индивидуальный учебный план",
  "Корректировки ИУП",
  "Группы",
  "Отметки за месяц и динамика",
  "Посещаемость",
  "Причины пропусков",
  "Результаты аттестации",
  "Контакты об учащемся",
  "Отзывы родителей",
  "Портфолио",
];

let s001Results: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "card-"));
  file = join(dir, "school.xlsx");
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  const t = wb.read(["Контакты", "Отзывы родителей", "Учащиеся"]);
  const next = (s: string) => (t.get(s)?.values.length ?? 1) + 1;
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  wb.write([
    {
      sheet: "Контакты",
      cells: [
        {
          row: next("Контакты"),
          col: 1,
          values: [
            [d("2026-11-18"), "R01", "", "S001", "телефон", "Мама Арины просит перенести консультацию"],
            [d("2026-11-19"), "R01", "", "S002", "телефон", "Чужая семья: вопрос о справке"],
          ],
        },
      ],
    },
    {
      sheet: "Отзывы родителей",
      cells: [
        {
          row: next("Отзывы родителей"),
          col: 1,
          values: [
            ["2026-11-20T10:00:00", "tokA", "S001", 5, "Нравятся онлайн-уроки", "", "", null],
            [
              "2026-11-20T11:00:00",
              "tokB",
              "S002",
              2,
              "Другая семья довольна",
              "Другая семья недовольна",
              "",
              null,
            ],
          ],
        },
      ],
    },
    {
      sheet: "Причины пропусков",
      create: true,
      cells: [
        {
          row: 1,
          col: 1,
          values: [
            ["Учащийся", "Группа", "Дата", "Причина", "Кто внёс", "Когда"],
            ["S001", "G09", d("2026-11-10"), "болела, справка", "R01", null],
            ["S002", "G09", d("2026-11-10"), "семейные обстоятельства чужой семьи", "R01", null],
          ],
        },
      ],
    },
  ]);
  // The demo's results sheets «Аттестация <ID>»: S001's results, as typed, for the card's section.
  const resultTabs = wb.sheetNames().filter((n) => /^Аттестация \S+$/.test(n));
  s001Results = [...wb.read(resultTabs).values()].flatMap((tab) =>
    tab.values.filter((r) => r[0] === "S001" && r[2] !== null).map((r) => String(r[2])),
  );
  await wb.save();
  names = new Map((t.get("Учащиеся")?.values ?? []).slice(1).map((r) => [String(r[0]), String(r[1])]));
});

async function cardOf(id: string): Promise<string> {
  const out = join(dir, "out");
  const r = await cli(["card", file, id, "--out", out]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toBe(join(out, `card-${id}.docx`));
  return docxText(await readFile(join(out, `card-${id}.docx`)));
}

/** Every other student's ID or name that shows in a text. */
function others(text: string, id: string): string[] {
  return [...names]
    .filter(([k, n]) => k !== id && (new RegExp(`\\b${k}\\b`).test(text) || text.includes(n)))
    .map(([k]) => k);
}

describe("coordinator card", () => {
  it("holds every section of the card, this student's rows and no other student's", async () => {
    const text = await cardOf("S001");
    for (const s of SECTIONS) expect(text).toContain(s);
    expect(text).toContain(`ФИО: ${names.get("S001")}`);
    expect(text).toContain("Физическая культура\t2\tочно");
    expect(text).toContain("Часов в неделю: 3 → 2\tсправка о медицинской группе");
    expect(text).toMatch(/G09[^\n]*\tКузнецова Ольга Викторовна\tВолкова Анастасия Игоревна/);
    expect(text).toMatch(/ноябрь 2026/);
    expect(text).toContain("10.11.2026, G09: болела, справка");
    expect(text).toContain("Мама Арины просит перенести консультацию");
    expect(text).toContain("«Нравятся онлайн-уроки»");
    expect(text).toContain("Проект «Птицы нашего города»");
    expect(text).not.toContain("Чужая семья");
    expect(text).not.toContain("Другая семья");
    expect(text).not.toContain("чужой семьи");
    expect(others(text, "S001")).toEqual([]);
    const attestation = text.slice(
      text.indexOf("Результаты аттестации"),
      text.indexOf("Контакты об учащемся"),
    );
    const lines = attestation.split("\n").filter((l) => /^\d\d\.\d\d\.\d{4}\t/.test(l));
    expect(s001Results.length).toBeGreaterThan(0);
    expect(lines.map((l) => l.split("\t")[3])).toEqual(s001Results);
    expect(lines[0]).toMatch(/^\d\d\.\d\d\.2026\tМатематика\tпромежуточная, контрольная работа\t/);
  });

  it("makes one card per student of a class and refuses an unknown ID", async () => {
    const out = join(dir, "class");
    const r = await cli(["card", file, "--class", "5А", "--out", out]);
    expect(r.code).toBe(0);
    const ids = [...names.keys()].filter((k) => r.out.includes(`card-${k}.docx`));
    expect((await readdir(out)).sort()).toEqual(ids.map((k) => `card-${k}.docx`).sort());
    expect(ids.length).toBeGreaterThan(3);
    const bad = await cli(["card", file, "S999", "--out", out]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("Нет учащегося с ID «S999»");
    expect((await cli(["card", file, "S001", "--all"])).code).not.toBe(0);
  });

  const office = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find(existsSync);
  it.skipIf(!office || !existsSync("/usr/bin/pdftotext"))(
    "converts to a PDF that holds every section and no other student",
    async () => {
      await cardOf("S001");
      const docx = join(dir, "out", "card-S001.docx");
      execFileSync(
        office as string,
        [
          `-env:UserInstallation=file://${dir}/lo`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          docx,
        ],
        { timeout: 120_000, stdio: "ignore" },
      );
      const pdf = execFileSync("pdftotext", [join(dir, "card-S001.pdf"), "-"], { encoding: "utf8" });
      for (const s of SECTIONS) expect(pdf.replace(/\s+/g, " ")).toContain(s);
      expect(others(pdf, "S001")).toEqual([]);
    },
    150_000,
  );
});
