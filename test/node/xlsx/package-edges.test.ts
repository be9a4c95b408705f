import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { readZip } from "../../../src/node/xlsx/zip.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";

const dir = await mkdtemp(join(tmpdir(), "xlsx-edges-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A saved workbook with one sheet, its workbook.xml then changed by `patch` (another writer). */
async function patched(name: string, patch: (parts: Record<string, Uint8Array>) => void): Promise<string> {
  const path = join(dir, name);
  const wb = XlsxWorkbook.create(path);
  wb.write([{ sheet: "S", create: true, cells: [{ row: 1, col: 1, values: [["x"]] }] }]);
  await wb.save();
  const parts = unzipSync(await readFile(path));
  patch(parts);
  await writeFile(path, zipSync(parts));
  return path;
}

describe("xlsx package edges", () => {
  it("reads and writes dates of a 1904-date-system workbook in its own system", async () => {
    const path = await patched("d1904.xlsx", (p) => {
      p["xl/workbook.xml"] = strToU8(
        strFromU8(p["xl/workbook.xml"]).replace("<bookViews>", '<workbookPr date1904="1"/><bookViews>'),
      );
    });
    const wb = await XlsxWorkbook.open(path);
    wb.write([{ sheet: "S", cells: [{ row: 2, col: 1, values: [[new Date(Date.UTC(2026, 8, 1))]] }] }]);
    await wb.save();
    const again = await XlsxWorkbook.open(path);
    expect((again.read(["S"]).get("S")!.values[1][0] as Date).toISOString()).toBe("2026-09-01T00:00:00.000Z");
    // 1 Sep 2026 is serial 46266 in the 1900 system and 1462 fewer in the 1904 one.
    expect(again.cellXml("S", 2, 1)).toContain("<v>44804</v>");
  });

  it("refuses, with a clear message, a workbook whose XML uses a namespace prefix", async () => {
    const path = await patched("prefixed.xlsx", (p) => {
      const xml = strFromU8(p["xl/workbook.xml"])
        .replace('<workbook xmlns="', '<x:workbook xmlns:x="')
        .replace(/<(\/?)(bookViews|workbookView|sheets|sheet)\b/g, "<$1x:$2")
        .replace("</workbook>", "</x:workbook>");
      p["xl/workbook.xml"] = strToU8(xml);
    });
    const err = await XlsxWorkbook.open(path).catch((e) => e);
    expect(err.code).toBe("not-xlsx");
    expect(err.text("ru")).toContain("префиксом пространства имён XML («x:»)");
  });

  it("keeps an untouched part's compressed bytes exactly (not only its content)", async () => {
    const path = await patched("raw.xlsx", (p) => {
      p["xl/media/logo.png"] = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    });
    const before = await readFile(path);
    const wb = await XlsxWorkbook.open(path);
    wb.write([{ sheet: "S", cells: [{ row: 1, col: 2, values: [["y"]] }] }]);
    await wb.save();
    const after = await readFile(path);
    const rawOf = (b: Buffer, name: string) => readZip(b).find((e) => e.name === name)!;
    const [a, b] = [rawOf(before, "xl/media/logo.png"), rawOf(after, "xl/media/logo.png")];
    expect(Buffer.compare(b.raw, a.raw)).toBe(0);
    expect([b.method, b.crc]).toEqual([a.method, a.crc]);
    expect(unzipSync(after)["xl/media/logo.png"]).toEqual(new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
  });
});
