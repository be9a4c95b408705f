import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  presenceDialog,
  presenceDialogHtml,
  presenceUploaded,
} from "../../src/apps-script/actions/presence.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { MENU } from "../../src/apps-script/menu.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { FIXTURES, presenceTables } from "../support/presence-school.js";

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function install(): Fakes {
  const fakes = createFakes({
    spreadsheet: { sheets: presenceTables() as Record<string, SeedValue[][]> },
    now: () => new Date("2026-12-05T09:00:00Z"),
  });
  restore = fakes.install();
  return fakes;
}

const read = (f: Fakes, name: string) =>
  new SheetsWorkbook(f.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .read([name])
    .get(name)?.values ?? [];

const upload = (names: string[]) =>
  names.map((name) => ({ name, text: readFileSync(FIXTURES + name, "utf8") }));

const WEEK = [
  "meet-2026-11-30-ru.csv",
  "zoom-2026-12-01-en.csv",
  "meet-2026-12-02-en.csv",
  "zoom-2026-12-03-ru.csv",
  "moodle-2026-12-04-ru.csv",
];

describe("«Загрузить присутствие из СДО…»", () => {
  it("is a menu item and opens the upload dialog in the workbook's language", () => {
    const f = install();
    expect(
      MENU.some((m) => m?.handler === HANDLERS.presence && m.ru === "Загрузить присутствие из СДО…"),
    ).toBe(true);
    presenceDialog();
    const shown = f.ui.shown[0];
    expect(shown.kind).toBe("modal");
    expect(shown.title).toBe("Присутствие из СДО");
    expect(shown.html).toContain('<input type="file" id="files" multiple');
    expect(shown.html).toContain(
      `.${HANDLERS.presenceUpload}(files, document.getElementById("apply").checked)`,
    );
    // Labels are escaped, data goes in with textContent only.
    expect(presenceDialogHtml("en")).toContain("Write &quot;a&quot; into blank journal cells");
    expect(shown.html).not.toContain("innerHTML");
  });

  it("imports the uploaded week through Utilities.parseCsv, under the lock, with links on «Проблемы»", () => {
    const f = install();
    const text = presenceUploaded(upload(WEEK), false);
    expect(text).toContain("Уроков по данным СДО: 5; строк на листе «Присутствие в СДО»: 26.");
    expect(text).toContain("Неизвестные логины (1): guest123@gmail.com");
    expect(text).toContain("Расхождений с журналами: 5 — на листе «Проблемы», со ссылками на клетки.");
    const sheet = read(f, "Присутствие в СДО");
    expect(sheet).toHaveLength(27);
    const t01 = sheet.find((r) => r[5] === "T01" && String(r[12]).startsWith("опоздал"));
    expect(t01?.[12]).toBe("опоздал на 12 мин");
    const tab = f.spreadsheet.getSheetByName("Проблемы")!;
    const problems = tab
      .getRange(2, 1, tab.getLastRow() - 1, 1)
      .getFormulas()
      .flat();
    const gid = f.spreadsheet.getSheetByName("Журнал G01")!.getSheetId();
    expect(problems).toContain(`=HYPERLINK("#gid=${gid}&range=C3","Журнал G01!C3")`);
    expect(read(f, "Журнал G01").map((r) => r[2])).toEqual(["30.11.2026", null, null, 4, 5]);
  });

  it("with the box ticked writes «н» into the blank cells only and audits them; a second upload changes nothing", () => {
    const f = install();
    const text = presenceUploaded(upload(WEEK), true);
    expect(text).toContain("Записано «н» в пустые клетки: 3 (лист «Аудит»).");
    expect(read(f, "Журнал G01").map((r) => r[2])).toEqual(["30.11.2026", null, "н", 4, 5]);
    expect(read(f, "Журнал G02").map((r) => r[2])).toEqual(["01.12.2026", null, null, "н", "оп"]);
    const audit = read(f, "Аудит");
    expect(audit.slice(1).map((r) => [r[3], r[4], r[6]])).toEqual([
      ["Журнал G01", "C3", "н"],
      ["Журнал G02", "C4", "н"],
      ["Журнал G03", "C3", "н"],
    ]);
    const before = JSON.stringify(f.spreadsheet.getSheets().map((s) => read(f, s.getName())));
    presenceUploaded(upload(WEEK), true);
    expect(JSON.stringify(f.spreadsheet.getSheets().map((s) => read(f, s.getName())))).toBe(before);
  });

  it("a payload that is not a list of files imports nothing and says so", () => {
    install();
    const text = presenceUploaded("x" as never, true);
    expect(text).toBe("Уроков по данным СДО: 0; строк на листе «Присутствие в СДО»: 0.");
  });
});
