/**
 * A Meet report left as a Google Sheet, picked with the Google Picker: the dialog offers the
 * Picker only when the deployment set its key and project, the picked Sheet's first sheet is
 * read through the Sheets advanced service and imported like an uploaded CSV.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  presenceDialog,
  presenceDialogHtml,
  presencePicked,
} from "../../src/apps-script/actions/presence.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { meetSheet } from "../support/meet-sheet.js";
import { presenceTables } from "../support/presence-school.js";

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

/** The Meet report of 30.11.2026 (G01's room) as the Google Sheet Meet leaves in Drive. */
const meet = (f: Fakes) =>
  meetSheet(f, "30.11.2026", [
    ["Ольга", "Смирнова", "smirnova@school.ru", "33 мин", "10:12", "10:45"],
    ["Гость", "Гостев", "guest123@gmail.com", "20 мин", "10:05", "10:25"],
  ]);

describe("the Google Picker for a Meet attendance Sheet", () => {
  it("is offered only when PICKER_API_KEY and PICKER_APP_ID are set, its data escaped", () => {
    const f = install();
    presenceDialog();
    expect(f.ui.shown[0].html).not.toContain("apis.google.com");
    f.properties.getScriptProperties().setProperty("PICKER_API_KEY", "key</script><b>");
    f.properties.getScriptProperties().setProperty("PICKER_APP_ID", "123456789012");
    presenceDialog();
    const html = f.ui.shown[1].html;
    expect(html).toContain('<button id="pick">Выбрать отчёт Meet на Google Диске…</button>');
    expect(html).toContain(`.${HANDLERS.presencePicked}(ids, document.getElementById("apply").checked)`);
    expect(html).toContain('"apiKey":"key\\u003c/script>\\u003cb>"');
    expect(html).not.toContain("key</script>");
    expect(presenceDialogHtml("en", { apiKey: "k", appId: "1", token: "t" })).toContain(
      "Pick a Meet report in Google Drive…",
    );
  });

  it("imports the picked Sheet's first sheet like an uploaded report", () => {
    const f = install();
    const ss = meet(f);
    const text = presencePicked([ss.id], false);
    expect(text).toContain("abc-defg-hij – посещаемость: meet, 2");
    expect(text).toContain("Неизвестные логины (1): guest123@gmail.com");
    const rows = new SheetsWorkbook(f.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
      .read(["Присутствие в СДО"])
      .get("Присутствие в СДО")!.values;
    expect(rows.some((r) => r.includes("smirnova@school.ru") || r.includes("T01"))).toBe(true);
    expect(f.calls.count("Sheets.Spreadsheets.getByDataFilter")).toBeGreaterThanOrEqual(2);
  });

  it("ignores anything that is not a Drive file ID", () => {
    install();
    expect(presencePicked(["../../etc", ""], false)).toContain("Уроков по данным СДО: 0");
  });
});
