import { afterEach, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import {
  createFormFromMenu,
  FORM_ENTRY_KEY,
  FORM_ID_KEY,
  FORM_URL_KEY,
  feedbackSubmitted,
  LINKS_PROTECTION,
  parentLinksFromMenu,
  randomHexFromUuids,
} from "../../src/apps-script/actions/forms.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import type { CellValue } from "../../src/core/cells.js";
import { FORM_SPEC } from "../../src/core/forms/spec.js";
import {
  createFakes,
  type FakeForm,
  type Fakes,
  formSubmitEvents,
  NO_ITEM_MESSAGE,
  type SeedValue,
} from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";

/** The entry points as main.ts exports them (main.ts itself also loads the report's modules). */
const main = {
  [HANDLERS.createForm]: createFormFromMenu,
  [HANDLERS.parentLinks]: parentLinksFromMenu,
  [HANDLERS.feedbackSubmit]: feedbackSubmitted,
} as {
  menuCreateForm(): void;
  menuParentLinks(): void;
  onFeedbackSubmit(e: unknown): void;
};

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

let clock = new Date("2026-11-24T09:00:00Z");

function demo(lang: "ru" | "en" = "ru"): Fakes {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang, today: "2026-11-24" });
  clock = new Date("2026-11-24T09:00:00Z");
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
    now: () => clock,
  });
  restore = fakes.install();
  return fakes;
}

const prop = (f: Fakes, key: string) => f.properties.getScriptProperties().getProperty(STORE_PREFIX + key);
const theForm = (f: Fakes): FakeForm => f.formApp.openById(prop(f, FORM_ID_KEY)!);
const read = (f: Fakes, name: string): CellValue[][] =>
  new SheetsWorkbook(f.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
    .read([name])
    .get(name)?.values ?? [];
const submitTriggers = (f: Fakes) =>
  f.scriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === HANDLERS.feedbackSubmit);

describe("«Создать форму отзывов»", () => {
  it("creates the form from the spec in the workbook's language, remembers it and installs one submit trigger", () => {
    const f = demo();
    main.menuCreateForm();
    expect(f.calls.count("FormApp.create")).toBe(1);
    const form = theForm(f);
    expect(form.getTitle()).toBe(FORM_SPEC.title.ru);
    expect(form.getDescription()).toBe(FORM_SPEC.description.ru);
    expect(form.collectsEmail()).toBe(false);
    expect(form.getItems().map((i) => [i.getTitle(), i.getType()])).toEqual([
      ["Код семьи (не меняйте)", "TEXT"],
      ["Как идёт дистанционное обучение?", "SCALE"],
      ["Что получается хорошо?", "PARAGRAPH_TEXT"],
      ["Что мешает?", "PARAGRAPH_TEXT"],
      ["Вопрос координатору", "PARAGRAPH_TEXT"],
      ["Как удобнее с вами связаться?", "MULTIPLE_CHOICE"],
    ]);
    const [token, rating, , , , channel] = form._items;
    expect(token).toMatchObject({ required: true, pattern: { regex: "^[0-9a-fA-F]{24}$", matches: true } });
    expect(rating).toMatchObject({
      required: true,
      low: 1,
      high: 5,
      lowLabel: "плохо",
      highLabel: "отлично",
    });
    expect(channel.choices).toEqual(["Telegram", "VK", "Телефон", "Email", "Сферум"]);

    // The entry number was read from a generated prefilled URL: it is not the item's ID.
    const entry = prop(f, FORM_ENTRY_KEY)!;
    expect(entry).toBe(String(token.entry));
    expect(entry).not.toBe(String(token.id));
    expect(f.calls.count("FormResponse.toPrefilledUrl")).toBe(1);
    expect(f.calls.count("FormResponse.submit")).toBe(0);
    expect(form.getResponses()).toEqual([]);
    expect(prop(f, FORM_URL_KEY)).toBe(form.getPublishedUrl());

    const triggers = submitTriggers(f);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({
      eventType: "ON_FORM_SUBMIT",
      source: "FORMS",
      sourceId: form.getId(),
    });
    expect(f.ui.alerts[0].prompt).toMatch(
      /^Форма отзывов создана\.\nРедактировать: https:\/\/docs\.google\.com\/forms\/d\/.+\/edit/,
    );
  });

  it("a rerun updates the same form in place: no second form, no second trigger, questions restored", () => {
    const f = demo();
    main.menuCreateForm();
    const form = theForm(f);
    const entry = prop(f, FORM_ENTRY_KEY);
    // The coordinator edits the form by hand: a title, a deleted question, a question of their own.
    form.setTitle("Мой опрос");
    form.getItems()[1].setTitle("как идёт дистанционное обучение");
    form.getItems()[1].asScaleItem().setRequired(false);
    form.deleteItem(3);
    form.addTextItem().setTitle("Ваш класс");
    // "Вопрос координатору" re-made by hand as a short-answer question: the wrong type.
    form.deleteItem(3);
    form.addTextItem().setTitle("Вопрос координатору");
    f.reset();
    main.menuCreateForm();
    expect(f.calls.count("FormApp.create")).toBe(0);
    expect(f.formApp.forms.size).toBe(1);
    expect(form.getTitle()).toBe(FORM_SPEC.title.ru);
    expect(form.getItems().map((i) => i.getTitle())).toEqual([
      ...FORM_SPEC.items.map((i) => i.title.ru),
      "Ваш класс",
    ]);
    // The token question is the same item: links already sent keep working.
    expect(form._items[1]).toMatchObject({ required: true, title: "Как идёт дистанционное обучение?" });
    expect(form.getItems().map((i) => i.getType())).toEqual([
      "TEXT",
      "SCALE",
      "PARAGRAPH_TEXT",
      "PARAGRAPH_TEXT",
      "PARAGRAPH_TEXT",
      "MULTIPLE_CHOICE",
      "TEXT",
    ]);
    expect(prop(f, FORM_ENTRY_KEY)).toBe(entry);
    expect(submitTriggers(f)).toHaveLength(1);
    expect(f.calls.count("TriggerBuilder.forForm")).toBe(0);
    expect(f.ui.alerts[1].prompt).toMatch(/^Форма отзывов обновлена\./);
  });

  it("builds an English form for an English workbook", () => {
    const f = demo("en");
    main.menuCreateForm();
    expect(
      theForm(f)
        .getItems()
        .map((i) => i.getTitle()),
    ).toEqual(FORM_SPEC.items.map((i) => i.title.en));
    expect(f.ui.alerts[0].prompt).toMatch(/^The feedback form was created\./);
  });

  it("asks before replacing a form that no longer opens; moves the trigger to the new form", () => {
    const f = demo();
    main.menuCreateForm();
    const old = prop(f, FORM_ID_KEY)!;
    f.formApp._delete(old);
    f.ui._answer({ button: "NO" });
    main.menuCreateForm();
    expect(f.ui.alerts[1]).toMatchObject({
      title: "Форма отзывов не открывается",
      buttons: "YES_NO",
      answer: "NO",
    });
    expect(f.ui.alerts[1].prompt).toContain(NO_ITEM_MESSAGE);
    expect(f.formApp.forms.size).toBe(0);
    expect(prop(f, FORM_ID_KEY)).toBe(old);

    main.menuCreateForm(); // YES (the default answer)
    const id = prop(f, FORM_ID_KEY)!;
    expect(id).not.toBe(old);
    expect(submitTriggers(f).map((t) => t.sourceId)).toEqual([id]);
  });
});

describe("«Ссылки для родителей»", () => {
  it("says to create the form first", () => {
    const f = demo();
    main.menuParentLinks();
    expect(f.ui.alerts[0].prompt).toBe("Формы отзывов ещё нет: сначала «Создать форму отзывов».");
    expect(f.spreadsheet._sheet("Ссылки для родителей")).toBeFalsy();
  });

  it("writes a protected links sheet for consenting families, lists the others, and replaces it on rerun", () => {
    const f = demo();
    main.menuCreateForm();
    main.menuParentLinks();
    const form = theForm(f);
    const rows = read(f, "Ссылки для родителей");
    expect(rows[0]).toEqual(["ID", "Класс", "Родитель", "Контакт", "Канал связи", "Ссылка"]);
    const tokens = read(f, "Токены").slice(1);
    expect(tokens).toHaveLength(118);
    const gap = rows.findIndex((r) => r.every((v) => v === null));
    const links = rows.slice(1, gap);
    expect(links).toHaveLength(118);
    const s1 = tokens.find((t) => t[0] === "S001")![1] as string;
    expect(s1).toMatch(/^[0-9a-f]{24}$/);
    expect(links[0][0]).toBe("S001");
    expect(links[0][5]).toBe(`${form.getPublishedUrl()}?usp=pp_url&entry.${form._items[0].entry}=${s1}`);
    expect(rows[gap + 1]).toEqual(["Без ссылки", "Учащийся", "Класс", "Причина", null, null]);
    expect(rows.slice(gap + 2).map((r) => [r[0], r[3]])).toEqual([
      ["S023", "нет согласия на обработку ПДн («да» в столбце согласия)"],
      ["S037", "выбыл(а)"],
      ["S046", "нет согласия на обработку ПДн («да» в столбце согласия)"],
      ["S069", "нет согласия на обработку ПДн («да» в столбце согласия)"],
      ["S092", "нет согласия на обработку ПДн («да» в столбце согласия)"],
      ["S115", "нет согласия на обработку ПДн («да» в столбце согласия)"],
    ]);
    const sheet = f.spreadsheet._sheet("Ссылки для родителей")!;
    expect(sheet.isSheetHidden()).toBe(false);
    const prot = sheet.getProtections("SHEET" as never);
    expect(prot.map((p) => p.getDescription())).toEqual([LINKS_PROTECTION]);
    expect(prot[0].getEditors().map((u) => u.getEmail())).toEqual(["coordinator@school.example"]);
    const alert = f.ui.alerts[1].prompt;
    expect(alert).toMatch(
      /^Ссылок для родителей: 118 — на листе «Ссылки для родителей»\. Новых кодов семей: 118, отозвано: 0\./,
    );
    expect(alert).toContain("Без ссылки (6):\n• S023 ");
    expect(f.calls.count("Utilities.getUuid")).toBe(118);

    // A rerun: same tokens, the sheet replaced (not appended to).
    main.menuParentLinks();
    expect(read(f, "Ссылки для родителей")).toEqual(rows);
    expect(read(f, "Токены").slice(1)).toEqual(tokens);
    expect(f.ui.alerts[2].prompt).toContain("Новых кодов семей: 0, отозвано: 0.");
  });

  it("makes tokens from the random digits of UUIDs, skipping the fixed version and variant digits", () => {
    const uuids = ["0123abcd-4567-4890-a1b2-c3d4e5f60718", "ffffffff-eeee-4ddd-bccc-bbbbbbbbbbbb"];
    let i = 0;
    const hex = randomHexFromUuids(12, () => uuids[i++]);
    // 0123abcd4567 [4] 890 [a] 1b2c3d4e5f60718: the bracketed digits are not random.
    expect(hex).toBe("0123abcd4567" + "890" + "1b2c3d4e5");
    expect(hex).toHaveLength(24);
    expect(i).toBe(1); // one UUID carries 30 random digits: enough for 12 bytes
    i = 0;
    expect(randomHexFromUuids(20, () => uuids[i++ % 2])).toHaveLength(40);
    expect(i).toBe(2);
    expect(() => randomHexFromUuids(12, () => "not-a-uuid")).toThrow(/not a UUID/);
  });
});

describe("onFeedbackSubmit (form-bound trigger)", () => {
  function ready() {
    const f = demo();
    main.menuCreateForm();
    main.menuParentLinks();
    const tokens = new Map(
      read(f, "Токены")
        .slice(1)
        .map((r) => [String(r[0]), String(r[1])]),
    );
    return { f, form: theForm(f), tokens };
  }
  const answers = (token: string, extra: Record<string, string | number> = {}) => ({
    "Код семьи (не меняйте)": token,
    "Как идёт дистанционное обучение?": 4,
    ...extra,
  });
  function deliver(f: Fakes, response: ReturnType<Fakes["formApp"]["_respond"]>) {
    const events = formSubmitEvents(f.scriptApp, response);
    f.env.uiAvailable = false; // a trigger has no UI
    for (const { handler, event } of events)
      (main as unknown as Record<string, (e: unknown) => void>)[handler](event);
    f.env.uiAvailable = true;
    return events;
  }

  it("receives the documented event and writes one row with the student resolved; a retried event adds nothing", () => {
    const { f, form, tokens } = ready();
    clock = new Date("2026-11-24T16:05:09Z"); // 19:05:09 in Moscow
    const response = f.formApp._respond(
      form,
      answers(tokens.get("S001")!, {
        "Что мешает?": "Интернет",
        "Как удобнее с вами связаться?": "Telegram",
      }),
    );
    const events = deliver(f, response);
    expect(events).toHaveLength(1);
    const { event } = events[0];
    expect(Object.keys(event).sort()).toEqual(["authMode", "response", "source", "triggerUid"]);
    expect(event.source).toBe(form);
    expect(event.triggerUid).toBe(submitTriggers(f)[0].getUniqueId());
    expect(event.response.getTimestamp()).toEqual(clock);

    const rows = read(f, "Отзывы родителей");
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(0, 7)).toEqual([
      new Date("2026-11-24T19:05:09Z"),
      tokens.get("S001"),
      "S001",
      4,
      null,
      "Интернет",
      null,
    ]);
    // Apps Script retries a trigger it thinks failed: same timestamp and code, no second row.
    deliver(f, response);
    expect(read(f, "Отзывы родителей")).toHaveLength(2);
    expect(f.spreadsheet._sheet("Проблемы")).toBeFalsy();
  });

  it("keeps an injected answer as text", () => {
    const { f, form, tokens } = ready();
    const injection = '=HYPERLINK("http://x","y")';
    deliver(
      f,
      f.formApp._respond(form, answers(tokens.get("S002")!, { "Что получается хорошо?": injection })),
    );
    const sheet = f.spreadsheet._sheet("Отзывы родителей")!;
    const header = read(f, "Отзывы родителей")[0];
    const col = header.indexOf("Что получается") + 1;
    expect(col).toBeGreaterThan(0);
    expect(sheet.getRange(2, col).getFormula()).toBe("");
    expect(read(f, "Отзывы родителей")[1][col - 1]).toBe(injection);
  });

  it("keeps a response with an unknown or revoked code, with no student, and reports it in «Проблемы»", () => {
    const { f, form, tokens } = ready();
    const before = read(f, "Проблемы").length;
    deliver(f, f.formApp._respond(form, answers("0123456789abcdef01234567")));
    // S002's family withdraws consent; its code is revoked by the next «Ссылки для родителей».
    const students = f.spreadsheet._sheet("Учащиеся")!;
    const values = students.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === "S002") + 1;
    students.getRange(row, 9).setValue("нет");
    main.menuParentLinks();
    clock = new Date("2026-11-25T10:00:00Z");
    deliver(f, f.formApp._respond(form, answers(tokens.get("S002")!)));

    const rows = read(f, "Отзывы родителей").slice(1);
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ["0123456789abcdef01234567", null],
      [tokens.get("S002"), null],
    ]);
    const problems = read(f, "Проблемы");
    expect(problems.length - Math.max(before, 1)).toBe(2);
    expect(problems.slice(-2).map((r) => r[3])).toEqual([
      "Код семьи «0123456789abcdef01234567» не найден на листе «Токены»; учащийся не указан, ответ сохранён",
      `Код семьи «${tokens.get("S002")}» отозван (был у S002); учащийся не указан, ответ сохранён`,
    ]);
    expect(problems[0][0]).toBe("Где");
  });

  it("writes under the document lock and does nothing when run by hand without an event", () => {
    const { f, form, tokens } = ready();
    f.lock._contend("document");
    const response = f.formApp._respond(form, answers(tokens.get("S003")!));
    expect(() => deliver(f, response)).toThrow(/another user or task|другой пользователь/i);
    f.env.uiAvailable = true;
    expect(read(f, "Отзывы родителей").length).toBeLessThanOrEqual(1);
    f.lock._release("document");
    deliver(f, response);
    expect(read(f, "Отзывы родителей")).toHaveLength(2);
    expect(() => main.onFeedbackSubmit(undefined as never)).not.toThrow();
  });
});

describe("the FormApp and MailApp fakes behave like the real services", () => {
  it("FormApp: generic items, prefilled URLs with entry numbers, nothing recorded without submit()", () => {
    const f = demo();
    const form = FormApp.create("T");
    const text = form.addTextItem().setTitle("Код");
    form.addParagraphTextItem().setTitle("Текст");
    const generic = form.getItems()[0];
    expect("setRequired" in generic).toBe(false);
    expect(() => form.getItems()[1].asTextItem()).toThrow(/not TEXT/);
    const url = form
      .createResponse()
      .withItemResponse(text.createResponse("a b&c"))
      .withItemResponse(form.getItems()[1].asParagraphTextItem().createResponse("x"))
      .toPrefilledUrl();
    const entries = [...url.matchAll(/entry\.(\d+)=([^&]*)/g)].map((m) => [m[1], m[2]]);
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&entry.`)).toBe(true);
    expect(entries).toEqual([
      [String(f.formApp.forms.get(form.getId())!._items[0].entry), "a+b%26c"],
      [String(f.formApp.forms.get(form.getId())!._items[1].entry), "x"],
    ]);
    expect(entries.map((e) => e[0])).not.toContain(String(text.getId()));
    expect(form.getResponses()).toHaveLength(0);
    expect(() => FormApp.openById("nope")).toThrow(NO_ITEM_MESSAGE);
  });

  it("MailApp: each recipient uses the daily quota; over it, the real error", () => {
    const f = demo();
    f.mailApp._setQuota(2);
    MailApp.sendEmail("a@x.example,b@x.example", "s", "b");
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail("c@x.example", "s", "b")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    expect(() => MailApp.sendEmail("bad address", "s", "b")).toThrow("Invalid email: bad address");
    expect(f.mailApp.sent.map((m) => m.to)).toEqual([["a@x.example", "b@x.example"]]);
  });
});
