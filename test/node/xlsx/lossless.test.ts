/**
 * The enriched workbooks of issue 14 (test/fixtures/xlsx/make.sh: the demo school, enriched with
 * openpyxl, then re-saved by LibreOffice) go through journals, report, feedback import and
 * letters: every part the program does not own keeps its bytes, and no cell is lost.
 */
import { chmod, copyFile, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { type Box, overlaps, parseBox } from "../../../src/node/xlsx/address.js";
import { XlsxPackage } from "../../../src/node/xlsx/package.js";
import { listSheets } from "../../../src/node/xlsx/workbook-part.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";

const dir = await mkdtemp(join(tmpdir(), "lossless-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const FIXTURES = join(import.meta.dirname, "../../fixtures/xlsx");

type Parts = Record<string, Uint8Array>;
const same = (a?: Uint8Array, b?: Uint8Array) => !!a && !!b && Buffer.compare(a, b) === 0;

/** Sheet name -> its part, from the file's own workbook.xml. */
async function sheetParts(file: string): Promise<Map<string, string>> {
  const pkg = XlsxPackage.fromBytes(await readFile(file));
  return new Map(listSheets(pkg, "xl/workbook.xml").map((s) => [s.name, s.part]));
}

async function runAll(file: string): Promise<void> {
  const steps = [
    ["journals", file],
    ["journals", file],
    ["report", file, "--month", "2026-11", "--out", dir],
    [
      "feedback",
      "links",
      file,
      "--form-url",
      "https://docs.google.com/forms/d/e/1FAIpQLSdX/viewform",
      "--entry",
      "1",
      "--out",
      join(dir, "links.csv"),
    ],
  ];
  for (const s of steps) expect((await cli(s)).code, s.join(" ")).toBe(0);
  const token = String((await XlsxWorkbook.open(file)).read(["Токены"]).get("Токены")!.values[1][1]);
  const csv = join(dir, "responses.csv");
  await writeFile(
    csv,
    `"Отметка времени","Код семьи (не меняйте)","Как идёт дистанционное обучение?","Что получается хорошо?","Что мешает?","Вопрос координатору","Как удобнее с вами связаться?"\r\n"2026/11/20 7:05:09 PM GMT+3","${token}","4","Всё","","","Telegram"\r\n`,
  );
  expect((await cli(["feedback", "import", file, csv])).code).toBe(0);
  expect((await cli(["letters", file, "--month", "2026-11", "--out", dir])).code).toBe(0);
}

/** Every value cell of a sheet part: ref -> the cell's XML. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g))
    if (m[0].includes("<v") || m[0].includes("<is")) out.set(m[1], m[0]);
  return out;
}

function validationBoxes(xml: string): Box[] {
  return [...xml.matchAll(/<dataValidation\b[^>]*\ssqref="([^"]+)"/g)].flatMap((m) =>
    m[1].split(" ").map((r) => parseBox(r)!),
  );
}

for (const name of ["enriched-openpyxl.xlsx", "enriched-libreoffice.xlsx"]) {
  describe(`${name} through journals, report, feedback import and letters`, async () => {
    const file = join(dir, name);
    await copyFile(join(FIXTURES, name), file);
    await chmod(file, 0o600);
    const before: Parts = unzipSync(await readFile(file));
    const sheetsBefore = await sheetParts(file);
    await runAll(file);
    const after: Parts = unzipSync(await readFile(file));
    const sheetsAfter = await sheetParts(file);

    it("keeps charts, drawings, images, pivot tables and caches, comments and VML byte-identical", () => {
      const rich = Object.keys(before).filter((p) => /chart|drawing|media|pivot|comments|\.vml$/i.test(p));
      expect(rich.length).toBeGreaterThanOrEqual(8);
      expect(rich.some((p) => /pivotTable/.test(p)) && rich.some((p) => /pivotCache/.test(p))).toBe(true);
      expect(rich.some((p) => /media\//.test(p)) && rich.some((p) => /charts\//.test(p))).toBe(true);
      expect(rich.filter((p) => !same(before[p], after[p]))).toEqual([]);
    });

    it("keeps the user's own sheets byte-identical: the protected one keeps its password", () => {
      for (const s of ["Мой лист", "Диаграмма", "Учащиеся", "Группы", "Сотрудники", "Настройки"]) {
        const part = sheetsBefore.get(s)!;
        expect(same(before[part], after[part]), s).toBe(true);
      }
      const mine = new TextDecoder().decode(after[sheetsAfter.get("Мой лист")!]);
      expect(mine).toMatch(/<sheetProtection[^>]*(password|hashValue)=/);
    });

    it("loses no cell of an edited journal and keeps the user's yellow fills there", () => {
      const part = sheetsBefore.get("Журнал G01")!;
      const old = cellsOf(new TextDecoder().decode(before[part]));
      const now = cellsOf(new TextDecoder().decode(after[sheetsAfter.get("Журнал G01")!]));
      expect([...old.keys()].filter((ref) => !now.has(ref))).toEqual([]);
      // Name cells B3:B10 carry the user's yellow fill: their XML (with its style) is unchanged.
      for (let r = 3; r <= 10; r++) expect(now.get(`B${r}`), `B${r}`).toBe(old.get(`B${r}`));
    });

    it("keeps the journal's header cells (fonts) and its print titles", () => {
      const part = sheetsBefore.get("Журнал G01")!;
      const row1 = (xml: string) => [...cellsOf(xml)].filter(([ref]) => /^[A-Z]+1$/.test(ref));
      const old = row1(new TextDecoder().decode(before[part]));
      expect(old.length).toBeGreaterThan(3);
      expect(row1(new TextDecoder().decode(after[sheetsAfter.get("Журнал G01")!]))).toEqual(old);
      const titles = (x: Uint8Array) =>
        /<definedName[^>]*_xlnm\.Print_Titles[^>]*>[^<]*<\/definedName>/.exec(
          new TextDecoder().decode(x),
        )?.[0];
      expect(titles(before["xl/workbook.xml"])).toBeDefined();
      expect(titles(after["xl/workbook.xml"])).toBe(titles(before["xl/workbook.xml"]));
    });

    it("leaves no overlapping or repeated data validations after two runs", () => {
      for (const [s, part] of sheetsAfter) {
        const boxes = validationBoxes(new TextDecoder().decode(after[part]));
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++)
            expect(overlaps(boxes[i], boxes[j]), `${s}: ${i} ${j}`).toBe(false);
      }
    });

    it("changes only workbook-level parts and the sheets the program writes", () => {
      const owned = /^(Журнал |Сводная |Проблемы|Аудит|Отзывы родителей|Токены|Письма)/;
      const ownedParts = new Set([...sheetsAfter].filter(([s]) => owned.test(s)).map(([, p]) => p));
      const changed = Object.keys(after).filter((p) => !same(before[p], after[p]));
      const allowed = (p: string) =>
        ownedParts.has(p) ||
        ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"].includes(p);
      expect(changed.filter((p) => !allowed(p))).toEqual([]);
      expect(Object.keys(before).filter((p) => !(p in after))).toEqual([]);
    });

    it("keeps the file's mode 600", async () => {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });
  });
}

describe("openpyxl files with one comment, one image, one chart", () => {
  for (const f of ["openpyxl-comment.xlsx", "openpyxl-image.xlsx", "openpyxl-chart.xlsx"])
    it(`reads ${f} and saves it with its parts intact`, async () => {
      const path = join(dir, f);
      await copyFile(join(FIXTURES, f), path);
      const wb = await XlsxWorkbook.open(path);
      expect(wb.sheetNames()).toEqual(["Лист1"]);
      const first = wb.read(["Лист1"]).get("Лист1")!.values[0][0];
      expect(first).toBe(f === "openpyxl-chart.xlsx" ? "Класс" : "ID");
      const before = unzipSync(await readFile(path));
      wb.write([{ sheet: "Новый", create: true, cells: [{ row: 1, col: 1, values: [["x"]] }] }]);
      await wb.save();
      const after = unzipSync(await readFile(path));
      for (const p of Object.keys(before).filter((n) => /comments|drawing|chart|media/.test(n)))
        expect(same(before[p], after[p]), p).toBe(true);
      expect((await XlsxWorkbook.open(path)).read(["Новый"]).get("Новый")!.values).toEqual([["x"]]);
    });
});
