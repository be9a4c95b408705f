import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { transfer } from "../../../src/node/cli/commands/transfer.js";
import type { Ctx } from "../../../src/node/cli/context.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";

const FIXTURE = new URL("../../fixtures/issue18/transfer-ru.xlsx", import.meta.url).pathname;
const dir = await mkdtemp(join(tmpdir(), "transfer-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

function ctxOf(args: string[], options: Ctx["options"]) {
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
    now: () => new Date("2026-12-02T09:00:00Z"),
  };
  return { ctx, out, err };
}

describe("coordinator transfer", () => {
  it("writes a sheet per class and a ;-separated UTF-8 CSV with a BOM, and records the transfer", async () => {
    const file = join(dir, "school.xlsx");
    await copyFile(FIXTURE, file);
    const out = join(dir, "out");
    const { ctx, out: lines } = ctxOf([file], { month: "2026-11", out });
    expect(await transfer.run(ctx)).toBe(0);
    expect(lines.join("\n")).toContain("классов 2, предметов 3, исправлений после переноса 0");
    const bytes = await readFile(join(out, "transfer-2026-11.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(rows[0]).toBe("Класс;ID;Учащийся;Дата;Предмет;Отметка;Вид");
    expect(rows).toContain("9А;S01;Иванов Иван;10.11.2026 (2);Алгебра;оп 4;урок");
    expect(rows).toContain("9А;S01;Иванов Иван;30.11.2026;Алгебра;4;за месяц");
    expect(rows).toContain("9Б;S04;Кузнецова Мария;19.11.2026;Физика;осв;урок");
    // A blank cell (present, no mark) is not a row; S03's cells before his enrollment are not either.
    expect(rows.filter((r) => r.startsWith("9А;S02;") && r.includes("10.11.2026;"))).toEqual([]);
    expect(
      rows.filter((r) => r.startsWith("9Б;S03;") && r.includes("Алгебра") && r.includes("03.11")),
    ).toEqual([]);
    // Lesson cells holding something: 9А 5 + 4, 9Б algebra 3, physics 3 + 3; and 5 month marks.
    expect(rows.length - 1).toBe(5 + 4 + 3 + 3 + 3 + 5);
    const book = await XlsxWorkbook.open(join(out, "transfer-2026-11.xlsx"));
    expect(book.sheetNames()).toEqual(["9А", "9Б"]);
    const a = book.read(["9А"]).get("9А")!.values;
    expect(a[0][0]).toBe("Класс 9А: ноябрь 2026");
    expect(a[3]).toEqual([
      "ID",
      "Учащийся",
      "03.11.2026",
      "05.11.2026",
      "10.11.2026",
      "10.11.2026 (2)",
      "17.11.2026",
      "За месяц",
    ]);
    expect(a[4]).toEqual(["S01", "Иванов Иван", "5", "н", "4", "оп 4", "5/4", "4"]);
    const school = await XlsxWorkbook.open(file);
    const reg = school.read(["Перенос в классные журналы"]).get("Перенос в классные журналы")!.values;
    expect(reg.slice(1).map((r) => `${r[0]} ${r[2]} ${r[3]} ${r[5]}`)).toEqual([
      "9А G01 2026-11 coordinator CLI",
      "9Б G01 2026-11 coordinator CLI",
      "9Б G02 2026-11 coordinator CLI",
    ]);
  });

  it("refuses a missing month", async () => {
    const { ctx } = ctxOf([FIXTURE], {});
    await expect(transfer.run(ctx)).rejects.toThrow(/--month/);
  });
});

describe("coordinator transfer on an English workbook", () => {
  it("writes the register and the CSV in English, and reads a date-time in «Audit» as one", async () => {
    const file = join(dir, "english.xlsx");
    await copyFile(new URL("../../fixtures/issue18/registries-en.xlsx", import.meta.url).pathname, file);
    const out = join(dir, "out-en");
    const first = ctxOf([file], { month: "2026-11", class: "9Б", out });
    expect(await transfer.run(first.ctx)).toBe(0);
    expect(first.out[0].split("\n")[0]).toBe(
      "Extracts for 2026-11: 1 class, 2 subjects, 0 corrections after transfer.",
    );
    const rows = (await readFile(join(out, "transfer-2026-11-9Б.csv"), "utf8")).slice(1).split("\r\n");
    expect(rows[0]).toBe("Class;ID;Student;Date;Subject;Mark;Kind");
    expect(rows).toContain("9Б;S04;Кузнецова Мария;2026-11-05;Физика;н;lesson");
    // A tutor changes S04's 05.11 to «у» after the transfer; the Audit holds a real date-time.
    const wb = await XlsxWorkbook.open(file);
    wb.write([
      { sheet: "Journal G02", cells: [{ row: 3, col: 3, values: [["у"]] }] },
      {
        sheet: "Audit",
        create: true,
        cells: [
          {
            row: 1,
            col: 1,
            values: [
              ["When", "Who", "Action", "Sheet", "Cell", "Old", "New"],
              [
                new Date("2026-12-02T15:30:00Z"),
                "tutor@school.example",
                "mark",
                "Journal G02",
                "C3",
                "н",
                "у",
              ],
            ],
          },
        ],
      },
    ]);
    await wb.save();
    const second = ctxOf([file], { month: "2026-12", class: "9Б", out, json: true });
    expect(await transfer.run(second.ctx)).toBe(0);
    const json = JSON.parse(second.out[0]);
    expect(
      json.corrections.map((c: Record<string, string>) => [
        c.period,
        c.studentId,
        c.cell,
        c.old,
        c.new,
        c.when,
        c.who,
      ]),
    ).toEqual([["2026-11", "S04", "C3", "н", "у", "2026-12-02 15:30:00", "tutor@school.example"]]);
    const reg = (await XlsxWorkbook.open(file)).read(["Transfers"]).get("Transfers")!.values;
    expect(reg[0]).toEqual([
      "Class",
      "Subject",
      "Group",
      "Period",
      "Transferred on",
      "By",
      "Corrections",
      "Snapshot",
    ]);
  });
});
