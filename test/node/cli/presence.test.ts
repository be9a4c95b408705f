import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { presence } from "../../../src/node/cli/commands/presence.js";
import type { Ctx } from "../../../src/node/cli/context.js";
import { UserError } from "../../../src/node/errors.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";
import { FIXTURES, presenceTables } from "../../support/presence-school.js";

const dir = await mkdtemp(join(tmpdir(), "presence-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const WEEK = [
  "meet-2026-11-30-ru.csv",
  "zoom-2026-12-01-en.csv",
  "meet-2026-12-02-en.csv",
  "zoom-2026-12-03-ru.csv",
  "moodle-2026-12-04-ru.csv",
].map((f) => FIXTURES + f);

function ctxOf(args: string[], options: Ctx["options"] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: Ctx = {
    args,
    options,
    lang: "ru",
    langForced: false,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: () => {},
    now: () => new Date("2026-12-05T09:00:00Z"),
  };
  return { ctx, out, err };
}

async function schoolFile(name: string): Promise<string> {
  const file = join(dir, name);
  const wb = XlsxWorkbook.create(file);
  wb.write(
    Object.entries(presenceTables()).map(([sheet, values]) => ({
      sheet,
      create: true,
      cells: [{ row: 1, col: 1, values }],
    })),
  );
  await wb.save();
  return file;
}

async function cells(file: string, sheet: string, col: string): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const ws = book.getWorksheet(sheet)!;
  return Array.from({ length: ws.rowCount }, (_, i) => ws.getCell(`${col}${i + 1}`).value);
}

describe("coordinator presence import", () => {
  it("prints the week, the late staff, the unknown login and the differences; --apply fills the blank cells once", async () => {
    const file = await schoolFile("week.xlsx");
    const run = ctxOf(["import", file, ...WEEK]);
    expect(await presence.run(run.ctx)).toBe(0);
    expect(run.out.slice(0, 6)).toEqual([
      "meet-2026-11-30-ru.csv: Google Meet, записей 5",
      "zoom-2026-12-01-en.csv: Zoom, записей 5",
      "meet-2026-12-02-en.csv: Google Meet, записей 6",
      "zoom-2026-12-03-ru.csv: Zoom, записей 3",
      "moodle-2026-12-04-ru.csv: Moodle, записей 4",
      "Уроков по данным СДО: 5; строк на листе «Присутствие в СДО»: 26.",
    ]);
    expect(run.out).toContain("  2026-11-30 G01 10:00: T01 — опоздание 12 мин");
    expect(run.out).toContain("  2026-12-04 G03 14:00: T01 — опоздание 20 мин");
    expect(run.out).toContain("  guest123@gmail.com (Гость) — meet-2026-11-30-ru.csv:8");
    expect(run.out.at(-1)).toBe(
      "Пустых клеток, где в СДО входа не было: 3; поставьте отметки сами или повторите с --apply.",
    );
    expect(await cells(file, "Журнал G01", "C")).toEqual(["30.11.2026", null, null, 4, 5]);

    const apply = ctxOf(["import", file, ...WEEK], { apply: true });
    expect(await presence.run(apply.ctx)).toBe(0);
    expect(apply.out.at(-1)).toBe("Записано «н» в пустые клетки журналов: 3 (лист «Аудит»).");
    expect(await cells(file, "Журнал G01", "C")).toEqual(["30.11.2026", null, "н", 4, 5]);
    expect(await cells(file, "Журнал G02", "C")).toEqual(["01.12.2026", null, null, "н", "оп"]);
    expect((await cells(file, "Аудит", "E")).slice(1)).toEqual(["C3", "C4", "C3"]);

    const again = ctxOf(["import", file, ...WEEK], { apply: true });
    expect(await presence.run(again.ctx)).toBe(0);
    expect(again.out.some((l) => l.startsWith("Записано"))).toBe(false);
    expect((await cells(file, "Аудит", "E")).slice(1)).toHaveLength(3);
  });

  it("--json gives the rows and the fills", async () => {
    const file = await schoolFile("json.xlsx");
    const run = ctxOf(["import", file, WEEK[0]], { json: true });
    expect(await presence.run(run.ctx)).toBe(0);
    const data = JSON.parse(run.out.join("\n"));
    expect(data.rows).toHaveLength(7);
    expect(
      data.fills.map((f: { sheet: string; row: number; col: number }) => [f.sheet, f.row, f.col]),
    ).toEqual([["Журнал G01", 3, 3]]);
    expect(data.unknown[0].login).toBe("guest123@gmail.com");
  });

  it("reads a Meet attendance Google Sheet downloaded as .xlsx, date-time cells included", async () => {
    const file = await schoolFile("xlsx-meet.xlsx");
    const meet = join(dir, "attendance.xlsx");
    const wall = (h: number, m: number) => new Date(Date.UTC(2026, 10, 30, h, m));
    const x = XlsxWorkbook.create(meet);
    x.write([
      {
        sheet: "abc-defg-hij",
        create: true,
        cells: [
          {
            row: 1,
            col: 1,
            values: [
              ["Meeting code", "abc-defg-hij"],
              ["First name", "Last name", "Email", "Duration", "Time joined", "Time exited"],
              ["Olga", "Smirnova", "smirnova@school.ru", "33 min", wall(10, 12), wall(10, 45)],
              ["Ivan", "Ivanov", "ivanov@school.ru", "45 min", wall(10, 0), wall(10, 45)],
            ],
          },
        ],
      },
    ]);
    await x.save();
    const run = ctxOf(["import", file, meet], { json: true });
    expect(await presence.run(run.ctx)).toBe(0);
    const data = JSON.parse(run.out.join("\n"));
    expect(data.files).toEqual([{ name: "attendance.xlsx", kind: "meet", sessions: 2 }]);
    const t01 = data.rows.find((r: { personId: string }) => r.personId === "T01");
    expect(t01).toMatchObject({ verdict: "late", lateBy: 12, firstJoin: "10:12" });
  });

  it("writes an export's formula-looking login as text", async () => {
    const file = await schoolFile("inject.xlsx");
    const csv = join(dir, "inject.csv");
    await writeFile(
      csv,
      'Login,Start,End,Room\n"=HYPERLINK(""http://x"",""y"")",2026-11-30 10:00,2026-11-30 10:40,abc-defg-hij\n',
    );
    expect(await presence.run(ctxOf(["import", file, csv]).ctx)).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet("Присутствие в СДО")!;
    const logins = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getCell(`I${i + 2}`)).filter(
      (c) => c.value,
    );
    expect(logins).toHaveLength(1);
    expect(logins[0].type).toBe(ExcelJS.ValueType.String);
    expect(logins[0].value).toBe(`=hyperlink("http://x","y")`);
  });

  it("refuses missing arguments and files with one clear message", async () => {
    const file = await schoolFile("args.xlsx");
    const none = await presence.run(ctxOf(["import", file]).ctx).catch((e) => e);
    expect(none).toBeInstanceOf(UserError);
    expect(none.msg.ru).toMatch(/^Не указаны файлы выгрузки СДО\./);
    const missing = await presence.run(ctxOf(["import", file, join(dir, "nope.csv")]).ctx).catch((e) => e);
    expect(missing.msg.en).toBe(`File not found: ${join(dir, "nope.csv")}`);
    const sub = await presence.run(ctxOf(["export", file]).ctx).catch((e) => e);
    expect(sub.msg.ru).toMatch(/^Неизвестное действие «export»: import\./);
  });
});
