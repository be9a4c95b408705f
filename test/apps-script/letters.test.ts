import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import {
  continueLettersJob,
  LETTERS_JOB_KEY,
  lettersFromMenu,
  NEXT_DAY_MS,
} from "../../src/apps-script/actions/letters.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import type { CellValue } from "../../src/core/cells.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

const DAY1 = new Date("2026-11-24T09:00:00Z");

let restore: (() => void) | undefined;
beforeEach(() => {
  // The fake clock: systemClock, the fakes' env.now and MailApp all read this Date.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(DAY1);
});
afterEach(() => {
  restore?.();
  restore = undefined;
  vi.useRealTimers();
});

function demo(mailQuota?: number): Fakes {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
    now: () => new Date(),
    mailQuota,
  });
  restore = fakes.install();
  return fakes;
}

const read = (f: Fakes, name: string): CellValue[][] =>
  new SheetsWorkbook(f.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .read([name])
    .get(name)?.values ?? [];
const job = (f: Fakes) => f.properties.getScriptProperties().getProperty(STORE_PREFIX + LETTERS_JOB_KEY);
const continuations = (f: Fakes) =>
  f.scriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HANDLERS.continueLetters);

/** The trigger fires: no UI in a trigger. */
function fire(f: Fakes): void {
  f.env.uiAvailable = false;
  try {
    continueLettersJob();
  } finally {
    f.env.uiAvailable = true;
  }
}

const EMAIL_FAMILIES = 118 - 7; // 124 students, 6 left out, 7 reached by phone only

describe("«Письма родителям за месяц…»", () => {
  it("stops at the daily mail quota, continues by itself the next days, and mails no family twice", () => {
    const f = demo(50);
    f.ui._answer({ text: "2026-10" });
    lettersFromMenu();
    expect(f.mailApp.sent).toHaveLength(50);
    expect(f.mailApp.getRemainingDailyQuota()).toBe(0);
    expect(f.ui.alerts[0].prompt).toMatch(
      new RegExp(
        `^Письма за 2026-10: отправлено 50\\.\\nДневной лимит почты исчерпан: осталось ${EMAIL_FAMILIES - 50}; отправка продолжится автоматически завтра\\.`,
      ),
    );
    expect(f.ui.alerts[0].prompt).toContain("Только телефон — свяжитесь сами (7):\n• S017 ");
    expect(f.ui.alerts[0].prompt).toContain("Без письма (6):\n• S023 ");
    expect(JSON.parse(job(f)!)).toEqual({ month: "2026-10" });
    expect(continuations(f)).toHaveLength(1);
    expect(continuations(f)[0].schedule).toEqual({ afterMs: NEXT_DAY_MS });
    const sheet = f.spreadsheet._sheet("Письма")!;
    expect(sheet.isSheetHidden()).toBe(true);
    expect(read(f, "Письма")).toHaveLength(51);

    // The trigger fires early (same day, no quota left): nothing sent, still one trigger.
    fire(f);
    expect(f.mailApp.sent).toHaveLength(50);
    expect(continuations(f)).toHaveLength(1);

    // Day 2 and day 3.
    vi.setSystemTime(DAY1.getTime() + NEXT_DAY_MS);
    f.mailApp._newDay();
    fire(f);
    expect(f.mailApp.sent).toHaveLength(100);
    expect(continuations(f)).toHaveLength(1);
    vi.setSystemTime(DAY1.getTime() + 2 * NEXT_DAY_MS);
    f.mailApp._newDay();
    fire(f);
    expect(f.mailApp.sent).toHaveLength(EMAIL_FAMILIES);
    expect(continuations(f)).toHaveLength(0);
    expect(job(f)).toBeNull();

    const to = f.mailApp.sent.map((m) => m.to.join(","));
    expect(new Set(to).size).toBe(EMAIL_FAMILIES);
    expect(to).not.toContain("parent023@mail.example"); // no consent
    expect(to).not.toContain("parent037@mail.example"); // left
    const rows = read(f, "Письма").slice(1);
    expect(rows).toHaveLength(EMAIL_FAMILIES);
    expect(new Set(rows.map((r) => r[1])).size).toBe(EMAIL_FAMILIES);
    // Sent at: the workbook's local time (Moscow), one day after another.
    expect(rows[0].slice(0, 4)).toEqual(["2026-10", "S001", new Date("2026-11-24T12:00:00Z"), "email"]);
    expect(rows[50][2]).toEqual(new Date("2026-11-25T12:00:00Z"));
    expect(rows[rows.length - 1][2]).toEqual(new Date("2026-11-26T12:00:00Z"));
    const first = f.mailApp.sent[0];
    expect(first.subject).toMatch(/^Дистанционное обучение: итоги за октябрь 2026 — /);
    expect(first.body).toContain("Итоги за октябрь 2026:");

    // The menu again for the same month: nothing is mailed twice.
    f.ui._answer({ text: "2026-10" });
    lettersFromMenu();
    expect(f.mailApp.sent).toHaveLength(EMAIL_FAMILIES);
    expect(f.ui.alerts.at(-1)!.prompt).toMatch(
      /^Письма за 2026-10: отправлено 0\.\nУже были отправлены раньше: 111\./,
    );
  });

  it("reads the quota before sending: with none left nothing is tried, and tomorrow is scheduled", () => {
    const f = demo();
    f.mailApp._setQuota(0);
    f.ui._answer({ text: "2026-10" });
    lettersFromMenu();
    expect(f.calls.count("MailApp.getRemainingDailyQuota")).toBe(1);
    expect(f.calls.count("MailApp.sendEmail")).toBe(0);
    expect(continuations(f)[0].schedule).toEqual({ afterMs: NEXT_DAY_MS });
    expect(f.spreadsheet._sheet("Письма")).toBeFalsy();
  });

  it("stops before the 6-minute limit and continues a minute later", () => {
    const f = demo();
    const send = f.mailApp.sendEmail.bind(f.mailApp);
    // Each mail takes 40 seconds here.
    f.mailApp.sendEmail = ((...a: Parameters<typeof send>) => {
      vi.setSystemTime(Date.now() + 40_000);
      send(...a);
    }) as typeof send;
    f.ui._answer({ text: "2026-10" });
    lettersFromMenu();
    const n = f.mailApp.sent.length;
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThan(10);
    expect(f.ui.alerts[0].prompt).toContain(
      `Осталось ${EMAIL_FAMILIES - n}; отправка продолжится автоматически через минуту.`,
    );
    expect(continuations(f)[0].schedule).toEqual({ afterMs: 60_000 });
    expect(read(f, "Письма")).toHaveLength(n + 1);
  });

  it("asks for the month and refuses a bad one; a continuation without a job removes its trigger", () => {
    const f = demo();
    f.ui._answer({ text: "октябрь" });
    lettersFromMenu();
    expect(f.ui.prompts[0].prompt).toMatch(/^Месяц в формате ГГГГ-ММ \(пусто — 2026-10\)/);
    expect(f.ui.alerts[0].prompt).toBe("«октябрь» — не месяц; ожидается ГГГГ-ММ, например 2026-10.");
    f.ui._answer({ button: "CANCEL" });
    lettersFromMenu();
    expect(f.mailApp.sent).toEqual([]);

    f.scriptApp.newTrigger(HANDLERS.continueLetters).timeBased().after(1000).create();
    fire(f);
    expect(continuations(f)).toHaveLength(0);
    expect(f.mailApp.sent).toEqual([]);
  });

  it("reports a refused address in «Проблемы» and goes on with the others", () => {
    const f = demo();
    const students = f.spreadsheet._sheet("Учащиеся")!;
    const row =
      students
        .getDataRange()
        .getValues()
        .findIndex((r) => r[0] === "S002") + 1;
    // Looks like an address to the workbook check; MailApp refuses it.
    students.getRange(row, 6).setValue("parent<002>@mail.example");
    f.ui._answer({ text: "2026-10" });
    lettersFromMenu();
    const to = f.mailApp.sent.map((m) => m.to.join(","));
    expect(to).toContain("parent003@mail.example");
    expect(to.some((x) => x.startsWith("parent002"))).toBe(false);
    expect(f.ui.alerts[0].prompt).toContain(
      "Не отправлено из-за адреса: 1 — подробности на листе «Проблемы».",
    );
    expect(f.ui.alerts[0].prompt).not.toContain("• S002");
    expect(read(f, "Проблемы").at(-1)![3]).toBe(
      "Письмо за 2026-10 для S002 (parent<002>@mail.example) не отправлено: Exception: Invalid email: parent<002>@mail.example",
    );
    expect(read(f, "Письма").some((r) => r[1] === "S002")).toBe(false);
  });
});
