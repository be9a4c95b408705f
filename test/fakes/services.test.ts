/** The non-spreadsheet fakes keep the real services' limits and shapes. */
import { describe, expect, it } from "vitest";
import { createFakes, formatDate, LOCK_TIMEOUT_MESSAGE } from "./index.js";

describe("fake LockService", () => {
  it("waitLock throws the real timeout message while another execution holds the lock", () => {
    const f = createFakes();
    f.lock._contend("document");
    const lock = f.lock.getDocumentLock()!;
    expect(() => lock.waitLock(10000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(lock.tryLock(10000)).toBe(false);
    expect(lock.hasLock()).toBe(false);
    f.lock._release("document");
    lock.waitLock(10000);
    expect(lock.hasLock()).toBe(true);
    // A second lock object waits too: Apps Script locks are not re-entrant across objects.
    expect(f.lock.getDocumentLock()!.tryLock(100)).toBe(false);
    lock.releaseLock();
    expect(f.lock._held()).toBe(false);
  });

  it("a holder that finishes within the timeout lets the waiter in; scopes are separate", () => {
    const f = createFakes();
    f.lock._contend("script", 2000);
    expect(f.lock.getScriptLock().tryLock(1000)).toBe(false);
    expect(f.lock.getScriptLock().tryLock(3000)).toBe(true);
    expect(f.lock.getDocumentLock()!.tryLock(0)).toBe(true);
  });

  it("has no document lock (null) in a standalone script", () => {
    const f = createFakes({ spreadsheet: null });
    expect(f.lock.getDocumentLock()).toBeNull();
    expect(f.properties.getDocumentProperties()).toBeNull();
  });
});

describe("fake PropertiesService", () => {
  it("stores strings and enforces 9 KB a value and 500 KB a store", () => {
    const f = createFakes();
    const p = f.properties.getScriptProperties();
    p.setProperty("n", 5 as unknown as string);
    expect(p.getProperty("n")).toBe("5");
    expect(p.getProperty("missing")).toBeNull();
    expect(() => p.setProperty("big", "x".repeat(9 * 1024 + 1))).toThrow("Argument too large: value");
    expect(p.getProperty("big")).toBeNull();
    p.setProperty("max", "x".repeat(9 * 1024));
    const fill: Record<string, string> = {};
    for (let i = 0; i < 60; i++) fill[`k${i}`] = "y".repeat(9000);
    expect(() => p.setProperties(fill)).toThrow(/exceeded the property storage quota/);
    expect(p.getKeys().sort()).toEqual(["max", "n"]);
    p.setProperties({ a: "1" }, true);
    expect(p.getProperties()).toEqual({ a: "1" });
  });

  it("keeps script, document and user stores apart and returns copies", () => {
    const f = createFakes();
    f.properties.getUserProperties().setProperty("k", "user");
    expect(f.properties.getScriptProperties().getProperty("k")).toBeNull();
    const copy = f.properties.getUserProperties().getProperties();
    copy.k = "changed";
    expect(f.properties.getUserProperties().getProperty("k")).toBe("user");
  });
});

describe("fake ScriptApp", () => {
  it("builds, lists and deletes installable triggers", () => {
    const f = createFakes();
    const ss = f.spreadsheet;
    const app = f.scriptApp;
    const monthly = app
      .newTrigger("monthlyReport")
      .timeBased()
      .onMonthDay(1)
      .atHour(6)
      .inTimezone("Europe/Moscow")
      .create();
    const submit = app.newTrigger("onFormSubmit").forSpreadsheet(ss).onFormSubmit().create();
    app.newTrigger("continueJob").timeBased().after(60000).create();
    expect(monthly.getEventType()).toBe(app.EventType.CLOCK);
    expect(monthly.getTriggerSource()).toBe(app.TriggerSource.CLOCK);
    expect(monthly.schedule).toEqual({ onMonthDay: 1, atHour: 6, timeZone: "Europe/Moscow" });
    expect(submit.getHandlerFunction()).toBe("onFormSubmit");
    expect(submit.getEventType()).toBe("ON_FORM_SUBMIT");
    expect(submit.getTriggerSourceId()).toBe(ss.getId());
    expect(app.getProjectTriggers()).toHaveLength(3);
    expect(app.getUserTriggers(ss).map((t) => t.getUniqueId())).toEqual([submit.getUniqueId()]);
    app.deleteTrigger(monthly);
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      "onFormSubmit",
      "continueJob",
    ]);
  });

  it("enforces the trigger limits", () => {
    const f = createFakes();
    const app = f.scriptApp;
    expect(() => app.newTrigger("x").timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(() => app.newTrigger("x").timeBased().create()).toThrow(/needs a schedule/);
    for (let i = 0; i < 20; i++) app.newTrigger(`h${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger("h20").timeBased().everyHours(1).create()).toThrow(/too many triggers/);
    // Another user's triggers are theirs: not listed, not counted against this user.
    f.env.effectiveUser = "other@school.example";
    expect(app.getProjectTriggers()).toEqual([]);
    app.newTrigger("mine").timeBased().everyDays(1).create();
  });

  it("in add-on mode allows one trigger per event type per document and nothing more often than hourly", () => {
    const f = createFakes({ addOn: true });
    const app = f.scriptApp;
    app.newTrigger("a").forSpreadsheet(f.spreadsheet).onFormSubmit().create();
    expect(() => app.newTrigger("b").forSpreadsheet(f.spreadsheet).onFormSubmit().create()).toThrow(
      /already has/,
    );
    expect(() => app.newTrigger("c").timeBased().everyMinutes(30).create()).toThrow(/once an hour/);
  });
});

describe("fake Session and Utilities", () => {
  it("knows the active and effective user and the script zone", () => {
    const f = createFakes({
      activeUser: "",
      effectiveUser: "owner@school.example",
      scriptTimeZone: "Asia/Omsk",
    });
    expect(f.session.getActiveUser().getEmail()).toBe("");
    expect(f.session.getEffectiveUser().getEmail()).toBe("owner@school.example");
    expect(f.session.getScriptTimeZone()).toBe("Asia/Omsk");
  });

  it("formatDate renders SimpleDateFormat patterns in the given zone", () => {
    const d = new Date("2026-08-31T21:05:09.042Z");
    expect(formatDate(d, "Europe/Moscow", "yyyy-MM-dd")).toBe("2026-09-01");
    expect(formatDate(d, "Europe/Moscow", "dd.MM.yyyy")).toBe("01.09.2026");
    expect(formatDate(d, "Europe/Moscow", "HH:mm")).toBe("00:05");
    expect(formatDate(d, "Europe/Moscow", "yyyy-MM-dd HH:mm:ss")).toBe("2026-09-01 00:05:09");
    expect(formatDate(d, "UTC", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe("2026-08-31T21:05:09.042Z");
    expect(formatDate(d, "America/New_York", "EEE, d MMM yy h:mm a Z")).toBe("Mon, 31 Aug 26 5:05 PM -0400");
  });

  it("sleep does not wait but is recorded; getUuid gives distinct ids", () => {
    const f = createFakes();
    const t0 = Date.now();
    f.utilities.sleep(60000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.env.slept).toBe(60000);
    expect(f.utilities.getUuid()).not.toBe(f.utilities.getUuid());
  });
});

describe("fake HtmlService and Ui", () => {
  it("serves project files, escapes template values, and shows a sidebar", () => {
    const f = createFakes({ htmlFiles: { sidebar: "<h1><?= title ?></h1><?!= raw ?>" } });
    expect(() => f.html.createHtmlOutputFromFile("missing")).toThrow("No HTML file named missing was found.");
    const t = f.html.createTemplateFromFile("sidebar");
    t.title = "<b>Журнал</b>";
    t.raw = "<i>ok</i>";
    const out = t.evaluate().setTitle("Координатор").setWidth(300);
    expect(out.getContent()).toBe("<h1>&lt;b&gt;Журнал&lt;/b&gt;</h1><i>ok</i>");
    f.ui.showSidebar(out);
    expect(f.ui.shown).toEqual([{ kind: "sidebar", title: "Координатор", html: out.content }]);
    expect(f.html.createHtmlOutputFromFile("sidebar.html").getContent()).toContain("<?= title ?>");
  });

  it("records menus and scripted answers; getUi throws inside triggers", () => {
    const f = createFakes();
    const ui = f.spreadsheetApp.getUi();
    ui.createMenu("Координатор")
      .addItem("Настроить книгу", "menuSetup")
      .addSeparator()
      .addSubMenu(ui.createMenu("Отчёты").addItem("Сводка за месяц", "menuMonthly"))
      .addToUi();
    expect(ui._functionNames()).toEqual(["menuSetup", "menuMonthly"]);
    ui._answer({ button: ui.Button.NO });
    expect(ui.alert("Заголовок", "Удалить?", ui.ButtonSet.YES_NO)).toBe("NO");
    expect(ui.alert("Готово")).toBe("OK");
    ui._answer({ text: "2026-10" });
    const r = ui.prompt("Месяц?", ui.ButtonSet.OK_CANCEL);
    expect([r.getResponseText(), r.getSelectedButton()]).toEqual(["2026-10", "OK"]);
    expect(ui.alerts.map((a) => a.prompt)).toEqual(["Удалить?", "Готово"]);
    const inTrigger = createFakes({ ui: false });
    expect(() => inTrigger.spreadsheetApp.getUi()).toThrow(
      "Cannot call SpreadsheetApp.getUi() from this context.",
    );
  });
});
