import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { initWrites } from "../../../src/app/init.js";
import { loadModel } from "../../../src/app/load.js";
import type { CellValue } from "../../../src/core/cells.js";
import type { Lang } from "../../../src/core/i18n.js";
import { feedback } from "../../../src/node/cli/commands/feedback.js";
import type { Ctx } from "../../../src/node/cli/context.js";
import { decodeCsv, readCsv, writeCsv } from "../../../src/node/csv.js";
import { UserError } from "../../../src/node/errors.js";
import { XlsxWorkbook } from "../../../src/node/xlsx-workbook.js";

const dir = await mkdtemp(join(tmpdir(), "feedback-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const FORM = "https://docs.google.com/forms/d/e/1FAIpQLSdExample/viewform";
const INJECTION = '=HYPERLINK("http://x","y")';

describe("readCsv", () => {
  it("reads the Forms download: BOM, quoted fields, doubled quotes, commas and newlines in answers, Russian", () => {
    const text =
      '\uFEFF"Отметка времени","Код семьи (не меняйте)","Что получается хорошо?","Что мешает?"\r\n' +
      '"2022/11/30 10:39:41 PM GMT+1","abc","Всё, особенно ""Физика""","Интернет;Нет ноутбука"\r\n' +
      '"2022/11/30 10:40:00 PM GMT+1","def","Строка 1\r\nСтрока 2",""\r\n';
    const csv = readCsv(text);
    expect(csv.header).toEqual([
      "Отметка времени",
      "Код семьи (не меняйте)",
      "Что получается хорошо?",
      "Что мешает?",
    ]);
    expect(csv.records).toEqual([
      {
        "Отметка времени": "2022/11/30 10:39:41 PM GMT+1",
        "Код семьи (не меняйте)": "abc",
        "Что получается хорошо?": 'Всё, особенно "Физика"',
        "Что мешает?": "Интернет;Нет ноутбука",
      },
      {
        "Отметка времени": "2022/11/30 10:40:00 PM GMT+1",
        "Код семьи (не меняйте)": "def",
        "Что получается хорошо?": "Строка 1\r\nСтрока 2",
        "Что мешает?": "",
      },
    ]);
  });

  it("joins the answers of a repeated title, skips blank lines, tolerates short lines", () => {
    const csv = readCsv('Timestamp,Q,Q\n\n"1",a,b\n"2",,c\n"3"\n');
    expect(csv.records).toEqual([
      { Timestamp: "1", Q: "a; b" },
      { Timestamp: "2", Q: "c" },
      { Timestamp: "3", Q: "" },
    ]);
  });

  it("explains a damaged file with a line number", () => {
    expect(() => readCsv('a,b\n"x,1\n')).toThrow(UserError);
    try {
      readCsv('a,b\n"x,1\n');
    } catch (e) {
      expect((e as UserError).msg.ru).toMatch(/^Файл CSV повреждён около строки 2/);
    }
  });

  it("decodes UTF-8 and falls back to Windows-1251", () => {
    expect(decodeCsv(new TextEncoder().encode("Привет"))).toBe("Привет");
    expect(decodeCsv(Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]))).toBe("Привет");
  });
});

describe("writeCsv", () => {
  it("writes RFC 4180 with a BOM and neutralises formulas in every text field", () => {
    const text = writeCsv([
      ["ID", "Родитель", "Ссылка"],
      ["S001", INJECTION, "https://x/?a=1&b=2"],
      ["S002", 'Он сказал "да", потом\nушёл', "+7 900"],
      [3, null, "-1"],
    ]);
    expect(text).toBe(
      "\uFEFFID,Родитель,Ссылка\r\n" +
        `S001,"'=HYPERLINK(""http://x"",""y"")",https://x/?a=1&b=2\r\n` +
        `S002,"Он сказал ""да"", потом\nушёл",'+7 900\r\n` +
        "3,,'-1\r\n",
    );
    expect(readCsv(text).records[0].Родитель).toBe(`'${INJECTION}`);
  });

  it("can use ';' for Excel with Russian settings", () => {
    expect(writeCsv([["a;b", "c,d"]], ";")).toBe('\uFEFF"a;b";c,d\r\n');
  });
});

function ctxOf(args: string[], options: Ctx["options"] = {}, lang: Lang = "ru", langForced = false) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: Ctx = {
    args,
    options,
    lang,
    langForced,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: () => {},
    now: () => new Date("2026-11-24T09:00:00Z"),
  };
  return { ctx, out, err };
}

const STUDENTS: CellValue[][] = [
  ["S001", "Иванова Мария", "9А", "обучается", "Иванова Ольга", "olga@example.ru", "", "", "да"],
  ["S002", "Петров Павел", "9А", "обучается", INJECTION, "petr@example.ru", "", "", "да"],
  ["S003", "Сидоров Семён", "9Б", "обучается", "Сидорова Анна", "anna@example.ru", "", "", "нет"],
  ["S004", "Кузнецова Ксения", "9Б", "выбыл", "Кузнецов Олег", "oleg@example.ru", "", "", "да"],
];

async function schoolFile(name: string): Promise<string> {
  const file = join(dir, name);
  const wb = XlsxWorkbook.create(file);
  wb.write(initWrites("ru"));
  wb.write([{ sheet: "Учащиеся", cells: [{ row: 2, col: 1, values: STUDENTS }] }]);
  await wb.save();
  return file;
}

describe("coordinator feedback links", () => {
  it("saves tokens in the workbook, writes the links CSV, prints counts and who was skipped", async () => {
    const file = await schoolFile("links.xlsx");
    const out = join(dir, "links.csv");
    const run = ctxOf(["links", file], { "form-url": FORM, entry: "1234567", out });
    expect(await feedback.run(run.ctx)).toBe(0);
    const wb = await XlsxWorkbook.open(file);
    const tokens = wb.read(["Токены"]).get("Токены")!.values;
    expect(tokens[0]).toEqual(["Учащийся", "Токен", "Создан", "Отозван"]);
    expect(tokens.slice(1).map((r) => r[0])).toEqual(["S001", "S002"]);
    for (const r of tokens.slice(1)) expect(r[1]).toMatch(/^[0-9a-f]{24}$/);
    expect(tokens[1][1]).not.toBe(tokens[2][1]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet("Токены")!.state).toBe("hidden");

    const raw = await readFile(out, "utf8");
    expect(raw.startsWith("\uFEFF")).toBe(true);
    expect(raw).toContain(`"'${INJECTION.replace(/"/g, '""')}"`);
    const csv = readCsv(raw);
    expect(csv.header).toEqual(["ID", "Класс", "Родитель", "Контакт", "Канал связи", "Ссылка"]);
    expect(csv.records.map((r) => [r.ID, r.Контакт, r.Ссылка])).toEqual([
      ["S001", "olga@example.ru", `${FORM}?usp=pp_url&entry.1234567=${tokens[1][1]}`],
      ["S002", "petr@example.ru", `${FORM}?usp=pp_url&entry.1234567=${tokens[2][1]}`],
    ]);
    expect(run.out).toEqual([
      `Ссылок для родителей: 2 → ${out}`,
      "Новых кодов семей: 2, отозвано: 0.",
      "Без ссылки: 2",
      "  S003 Сидоров Семён (9Б): нет согласия на обработку ПДн («да» в столбце согласия)",
      "  S004 Кузнецова Ксения (9Б): выбыл(а)",
      "Файл ссылок содержит контакты родителей: не пересылайте его целиком, каждой семье — только её ссылку.",
    ]);

    // A rerun keeps every token and leaves the workbook file alone.
    const before = (await stat(file)).mtimeMs;
    const again = ctxOf(["links", file], { "form-url": FORM, entry: "entry.1234567", out }, "en", true);
    expect(await feedback.run(again.ctx)).toBe(0);
    expect(readCsv(await readFile(out, "utf8")).records.map((r) => r.Link)).toEqual(
      csv.records.map((r) => r.Ссылка),
    );
    expect(again.out[1]).toBe("New family codes: 0, revoked: 0.");
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  it("refuses bad arguments with one clear message", async () => {
    const file = await schoolFile("args.xlsx");
    const cases: [Ctx["options"], RegExp][] = [
      [{ entry: "1" }, /Не указан адрес формы \(--form-url\)/],
      [{ "form-url": "forms/abc", entry: "1" }, /«forms\/abc» — не адрес формы/],
      [{ "form-url": FORM }, /Не указан номер поля «Код семьи» \(--entry\)/],
      [{ "form-url": FORM, entry: "12ab" }, /«12ab» — не номер поля/],
      [{ "form-url": FORM, entry: "1", out: file }, /--out должен быть файлом \.csv/],
    ];
    for (const [options, text] of cases) {
      const err = await feedback.run(ctxOf(["links", file], options).ctx).catch((e) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err.code).toBe("bad-args");
      expect(err.msg.ru).toMatch(text);
    }
    const none = await feedback.run(ctxOf(["send", file]).ctx).catch((e) => e);
    expect(none.msg.en).toMatch(/^Unknown action "send": links or import\./);
    expect((await feedback.run(ctxOf(["links"]).ctx).catch((e) => e)).msg.ru).toMatch(
      /^Не указан файл книги/,
    );
  });
});

describe("coordinator feedback import", () => {
  it("appends responses, keeps an injected answer as text, reports an unknown code, and skips repeats", async () => {
    const file = await schoolFile("import.xlsx");
    await feedback.run(ctxOf(["links", file], { "form-url": FORM, entry: "1", out: join(dir, "l.csv") }).ctx);
    const tokens = (await XlsxWorkbook.open(file)).read(["Токены"]).get("Токены")!.values;
    const t1 = String(tokens[1][1]);
    const responses = join(dir, "responses.csv");
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await writeFile(
      responses,
      "\uFEFF" +
        [
          [
            "Отметка времени",
            "Код семьи (не меняйте)",
            "Как идёт дистанционное обучение?",
            "Что получается хорошо?",
            "Что мешает?",
            "Вопрос координатору",
            "Как удобнее с вами связаться?",
          ],
          [
            "2026/11/20 7:05:09 PM GMT+3",
            t1,
            "4",
            INJECTION,
            "Интернет;Техника",
            "Когда, где?\nСпасибо",
            "Telegram",
          ],
          ["2026/11/21 8:00:00 AM GMT+3", "000000000000000000000000", "5", "Всё", "", "", ""],
        ]
          .map((r) => r.map(q).join(","))
          .join("\r\n"),
    );
    const run = ctxOf(["import", file, responses]);
    expect(await feedback.run(run.ctx)).toBe(0);
    expect(run.out).toEqual([
      "Отзывы родителей!B3: Код семьи «000000000000000000000000» не найден на листе «Токены»; учащийся не указан, ответ сохранён",
      "Добавлено отзывов: 2 (лист «Отзывы родителей»), уже были: 0, предупреждений: 1.",
    ]);
    const model = loadModel(await XlsxWorkbook.open(file));
    expect(
      model.feedback.map((f) => [f.row, f.timestamp, f.studentId, f.rating, f.good, f.problems, f.question]),
    ).toEqual([
      [2, "2026-11-20T19:05:09", "S001", 4, INJECTION, "Интернет;Техника", "Когда, где?\nСпасибо"],
      [3, "2026-11-21T08:00:00", "", 5, "Всё", "", ""],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const cell = book.getWorksheet("Отзывы родителей")!.getCell("E2");
    // Text as typed, with Excel's hidden text prefix: never a formula, no visible apostrophe.
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(INJECTION);

    const again = ctxOf(["import", file, responses]);
    expect(await feedback.run(again.ctx)).toBe(0);
    expect(again.out).toEqual([
      "Добавлено отзывов: 0 (лист «Отзывы родителей»), уже были: 2, предупреждений: 0.",
    ]);
    expect(loadModel(await XlsxWorkbook.open(file)).feedback).toHaveLength(2);
  });

  it("refuses a CSV that is not the feedback form's responses", async () => {
    const file = await schoolFile("wrong.xlsx");
    const other = join(dir, "other.csv");
    await writeFile(other, "Имя,Класс\nМария,9А\n");
    const err = await feedback.run(ctxOf(["import", file, other]).ctx).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.msg.ru).toMatch(/нет столбцов «Отметка времени» и «Код семьи \(не меняйте\)»/);
    const missing = await feedback.run(ctxOf(["import", file, join(dir, "nope.csv")]).ctx).catch((e) => e);
    expect(missing.msg.ru).toBe(`Файл не найден: ${join(dir, "nope.csv")}`);
  });
});
