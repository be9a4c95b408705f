import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { cli } from "../../support/cli.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";

let dir: string;
let google: Awaited<ReturnType<typeof startFakeGoogle>>;
let env: NodeJS.ProcessEnv;

async function xlsxSchool(name: string, seed: number): Promise<string> {
  const file = join(dir, `${seed}.xlsx`);
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24", seed, school: name });
  await wb.save();
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rollup-"));
  google = await startFakeGoogle();
  const token = join(dir, "token.json");
  await writeFile(
    token,
    JSON.stringify({
      client_id: "id",
      client_secret: "secret",
      refresh_token: "refresh",
      access_token: "test",
      expiry_date: Date.now() + 86_400_000,
      scope:
        "https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/documents https://www.googleapis.com/auth/drive.file",
    }),
  );
  env = {
    LANG: "ru_RU.UTF-8",
    COORDINATOR_GOOGLE_ROOT_URL: `${google.url}/`,
    COORDINATOR_OAUTH_TOKEN: token,
  };
  const mem = new MemoryWorkbook();
  writeDemoSchool(mem, { year: 2026, lang: "ru", today: "2026-11-24", seed: 9, school: "Гимназия № 9" });
  google.seedSpreadsheet("school-9", Object.fromEntries(mem.sheets));
});

afterAll(async () => {
  await google.close();
  await rm(dir, { recursive: true, force: true });
});

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
      "Не получены",
    ]);
  });

  it("needs sources and --out", async () => {
    const r = await cli(["rollup", "--month", "2026-10"], env);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Укажите книги школ и --out");
  });
});
