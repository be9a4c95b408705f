/**
 * Parent feedback in Google: «Создать форму отзывов» (one Google Form, made from FORM_SPEC
 * and updated in place on rerun), «Ссылки для родителей» (a personal prefilled link per
 * family with consent) and the onFormSubmit handler that writes each response to
 * «Отзывы родителей».
 *
 * The trigger is form-bound (forForm(form).onFormSubmit()): its event carries the
 * FormResponse itself (e.response), so the form needs no destination sheet. A
 * spreadsheet-bound trigger only fires for a form whose destination is this spreadsheet, and
 * setDestination would add a raw «Ответы на форму» sheet keyed by question titles beside
 * ours. Responses stay in the form (a CSV download there can be imported again: same
 * timestamp + code = no duplicate).
 */

import { problemsWrite } from "../../app/check.js";
import { feedbackLinks, importResponses, type LinksResult } from "../../app/feedback.js";
import type { WriteValue } from "../../core/cells.js";
import { SKIP_REASONS } from "../../core/forms/links.js";
import { type FormResponse, isoLocal, responseFromItems } from "../../core/forms/responses.js";
import {
  FORM_SPEC,
  type FormItem,
  type FormItemKey,
  formItem,
  formItemKeyOfTitle,
  TIMESTAMP_TITLES,
} from "../../core/forms/spec.js";
import type { Lang } from "../../core/i18n.js";
import type { Issue } from "../../core/issues.js";
import { locateSheets } from "../../core/parse/index.js";
import { norm } from "../../core/schema.js";
import { planTriggers } from "../../core/triggers.js";
import type { SheetWrite, Store } from "../../ports.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, sheetLinker, workbook, workbookLang } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { withDocumentLock } from "../lock.js";
import { propertiesStore } from "../store.js";

export const FORM_ID_KEY = "forms.feedback.id";
export const FORM_ENTRY_KEY = "forms.feedback.entry";
export const FORM_URL_KEY = "forms.feedback.url";

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;

/**
 * Random hex digits for family tokens from Utilities.getUuid() (a v4 UUID from a secure
 * generator: 122 random bits). The version digit is always "4" and the variant digit has only
 * 2 random bits, so both are dropped: each UUID gives 30 random hex digits (15 bytes). A
 * token needs 12 bytes (24 digits): two UUIDs' digits give 30 bytes, more than enough; the
 * loop draws as many as a request needs.
 */
export function randomHexFromUuids(bytes: number, uuid: () => string = () => Utilities.getUuid()): string {
  let hex = "";
  while (hex.length < bytes * 2) {
    const u = uuid().replace(/-/g, "").toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(u)) throw new Error(`Utilities.getUuid() gave "${u}", not a UUID`);
    hex += u.slice(0, 12) + u.slice(13, 16) + u.slice(17);
  }
  return hex.slice(0, bytes * 2);
}

/** «Проблемы» gets rows appended (a trigger must not wipe what «Проверить данные» listed). */
export function problemsAppendWrite(
  issues: readonly Issue[],
  lang: Lang,
  tab: string | undefined,
  link: Parameters<typeof problemsWrite>[3],
): SheetWrite {
  const full = problemsWrite(issues, lang, tab, link);
  if (!tab) return full;
  return { sheet: tab, append: full.cells?.[0]?.values.slice(1) ?? [] };
}

// ---- «Создать форму отзывов» ----

const ITEM_TYPE: Record<FormItem["kind"], string> = {
  text: "TEXT",
  scale: "SCALE",
  paragraph: "PARAGRAPH_TEXT",
  choice: "MULTIPLE_CHOICE",
};

/** A token-shaped sample: the prefilled URL of one gives the token question's entry number. */
const SAMPLE_TOKEN = "0".repeat(24);

function addItem(form: Form, spec: FormItem) {
  switch (spec.kind) {
    case "text":
      return form.addTextItem();
    case "scale":
      return form.addScaleItem();
    case "paragraph":
      return form.addParagraphTextItem();
    case "choice":
      return form.addMultipleChoiceItem();
  }
}

function typed(item: Item, spec: FormItem) {
  switch (spec.kind) {
    case "text":
      return item.asTextItem();
    case "scale":
      return item.asScaleItem();
    case "paragraph":
      return item.asParagraphTextItem();
    case "choice":
      return item.asMultipleChoiceItem();
  }
}

/**
 * Make the form match FORM_SPEC in `lang`. A question is found again by its title in either
 * language (so its entry number and answers stay); a question of the wrong type is replaced;
 * questions the coordinator added are kept, after ours.
 */
function applySpec(form: Form, lang: Lang): GoogleAppsScript.Forms.TextItem {
  form.setTitle(FORM_SPEC.title[lang]);
  form.setDescription(FORM_SPEC.description[lang]);
  // No email, no sign-in: the family is known only by its code.
  form.setCollectEmail(false);
  form.setConfirmationMessage(
    lang === "ru"
      ? "Спасибо! Координатор прочитает ваш ответ."
      : "Thank you! The coordinator will read your answer.",
  );
  const existing = form.getItems().map((item) => ({ item, key: formItemKeyOfTitle(item.getTitle()) }));
  let token: GoogleAppsScript.Forms.TextItem | null = null;
  FORM_SPEC.items.forEach((spec, index) => {
    const found = existing.find((e) => e.key === spec.key);
    if (found) existing.splice(existing.indexOf(found), 1);
    let item =
      found && String(found.item.getType()) === ITEM_TYPE[spec.kind] ? typed(found.item, spec) : null;
    if (found && !item) form.deleteItem(found.item);
    item ??= addItem(form, spec);
    item.setTitle(spec.title[lang]);
    item.setHelpText(spec.help?.[lang] ?? "");
    item.setRequired(Boolean(spec.required));
    const at = item.getIndex();
    if (at !== index) form.moveItem(at, index);
    if (spec.kind === "text" && spec.pattern) {
      const text = item as GoogleAppsScript.Forms.TextItem;
      text.setValidation(
        FormApp.createTextValidation()
          .requireTextMatchesPattern(spec.pattern)
          .setHelpText(
            lang === "ru"
              ? "Код семьи — 24 символа из вашей ссылки; откройте форму по ссылке ещё раз"
              : "The family code is 24 characters from your link; open the form from the link again",
          )
          .build(),
      );
      if (spec.key === "token") token = text;
    }
    if (spec.kind === "scale" && spec.scale) {
      const scale = item as GoogleAppsScript.Forms.ScaleItem;
      scale.setBounds(spec.scale.low, spec.scale.high);
      scale.setLabels(spec.scale.lowLabel[lang], spec.scale.highLabel[lang]);
    }
    if (spec.kind === "choice" && spec.options)
      (item as GoogleAppsScript.Forms.MultipleChoiceItem).setChoiceValues([...spec.options[lang]]);
  });
  return token!;
}

/** The respondent's URL and the token question's entry number, read from one prefilled URL. */
export function prefillOf(
  form: Form,
  tokenItem: GoogleAppsScript.Forms.TextItem,
): { url: string; entry: string } {
  const prefilled = form
    .createResponse()
    .withItemResponse(tokenItem.createResponse(SAMPLE_TOKEN))
    .toPrefilledUrl();
  const m = /[?&]entry\.(\d+)=/.exec(prefilled);
  if (!m) throw new Error(`No entry number in the prefilled URL ${prefilled}`);
  return { url: prefilled.replace(/[?#].*$/, ""), entry: m[1] };
}

/** The token question of an existing form, or null when it is gone or not a text question. */
function tokenItemOf(form: Form): GoogleAppsScript.Forms.TextItem | null {
  const found = form.getItems().find((i) => formItemKeyOfTitle(i.getTitle()) === "token");
  return found && String(found.getType()) === "TEXT" ? found.asTextItem() : null;
}

/**
 * At most one form-bound onFormSubmit trigger of our handler, on this form. A trigger of the
 * handler on another (older) form is removed; other handlers' triggers are never touched.
 */
export function installSubmitTrigger(form: Form): "created" | "kept" {
  const handler = HANDLERS.feedbackSubmit;
  const id = form.getId();
  const mine = ScriptApp.getProjectTriggers()
    .filter((t) => t.getHandlerFunction() === handler)
    .map((t) => {
      const onThisForm = String(t.getEventType()) === "ON_FORM_SUBMIT" && t.getTriggerSourceId() === id;
      return { id: t.getUniqueId(), handler, eventType: onThisForm ? "ON_FORM_SUBMIT" : "OTHER", trigger: t };
    });
  const plan = planTriggers([{ handler, kind: "formSubmit" }], mine, [handler]);
  for (const rid of plan.remove) {
    const t = mine.find((x) => x.id === rid);
    if (t) ScriptApp.deleteTrigger(t.trigger);
  }
  if (!plan.create.length) return "kept";
  ScriptApp.newTrigger(handler).forForm(form).onFormSubmit().create();
  return "created";
}

export interface FormSyncResult {
  created: boolean;
  formId: string;
  editUrl: string;
  url: string;
  entry: string;
  trigger: "created" | "kept";
}

/**
 * Create the feedback form, or update the remembered one in place; remember its ID, URL and
 * entry number; install the submit trigger. `confirmNew` is asked when the remembered form
 * no longer opens (deleted, or access lost): no answer = no second form.
 */
export function syncFeedbackForm(
  store: Store,
  lang: Lang,
  confirmNew: (id: string, why: string) => boolean,
): FormSyncResult | null {
  const remembered = store.get(FORM_ID_KEY);
  let form: Form | null = null;
  if (remembered) {
    try {
      form = FormApp.openById(remembered);
    } catch (e) {
      if (!confirmNew(remembered, e instanceof Error ? e.message : String(e))) return null;
    }
  }
  const created = form === null;
  form ??= FormApp.create(FORM_SPEC.title[lang]);
  const tokenItem = applySpec(form, lang);
  const { url, entry } = prefillOf(form, tokenItem);
  store.set(FORM_ID_KEY, form.getId());
  store.set(FORM_URL_KEY, url);
  store.set(FORM_ENTRY_KEY, entry);
  const trigger = installSubmitTrigger(form);
  return { created, formId: form.getId(), editUrl: form.getEditUrl(), url, entry, trigger };
}

export function createFormFromMenu(): void {
  const lang = workbookLang();
  const ru = lang === "ru";
  const ui = SpreadsheetApp.getUi();
  const result = withDocumentLock(() =>
    syncFeedbackForm(
      propertiesStore(),
      lang,
      (id, why) =>
        ui.alert(
          ru ? "Форма отзывов не открывается" : "The feedback form does not open",
          ru
            ? `Запомненная форма (ID ${id}) не открывается: ${why}\nСоздать новую форму? Старые ссылки родителей перестанут работать.`
            : `The remembered form (ID ${id}) does not open: ${why}\nCreate a new form? Parents' old links will stop working.`,
          ui.ButtonSet.YES_NO,
        ) === ui.Button.YES,
    ),
  );
  if (!result) return;
  ui.alert(
    ru
      ? `Форма отзывов ${result.created ? "создана" : "обновлена"}.\nРедактировать: ${result.editUrl}\nОтветы попадают на лист «Отзывы родителей» сразу после отправки.\nДальше: «Ссылки для родителей» — личная ссылка для каждой семьи.`
      : `The feedback form was ${result.created ? "created" : "updated"}.\nEdit: ${result.editUrl}\nResponses land on the "Parent feedback" sheet as soon as they are sent.\nNext: "Parent links" — a personal link for each family.`,
  );
}

// ---- «Ссылки для родителей» ----

export const LINKS_SHEET = { ru: "Ссылки для родителей", en: "Parent links" } as const;
export const LINKS_PROTECTION = "coordinator: parent links";

function linksTabOf(names: readonly string[]): string | undefined {
  return names.find((n) => norm(n) === norm(LINKS_SHEET.ru) || norm(n) === norm(LINKS_SHEET.en));
}

/**
 * The links sheet, replaced on every run: one row per family, then the families without a
 * link and why. It holds parents' contacts, so only the owner (and whoever runs this) may
 * edit it; it stays visible because the coordinator sends the links from it.
 */
export function linksSheetWrite(r: LinksResult, lang: Lang, tab: string | undefined): SheetWrite {
  const ru = lang === "ru";
  const rows: WriteValue[][] = [
    ru
      ? ["ID", "Класс", "Родитель", "Контакт", "Канал связи", "Ссылка"]
      : ["ID", "Class", "Parent", "Contact", "Contact channel", "Link"],
    ...r.links.map((l) => [l.studentId, l.className, l.parent, l.contact, l.channel, l.link]),
  ];
  if (r.skipped.length) {
    rows.push(
      [],
      [
        ru ? "Без ссылки" : "Without a link",
        ru ? "Учащийся" : "Student",
        ru ? "Класс" : "Class",
        ru ? "Причина" : "Reason",
      ],
    );
    for (const s of r.skipped)
      rows.push([s.studentId || `#${s.row}`, s.name, s.className, SKIP_REASONS[s.reason][lang]]);
  }
  const width = Math.max(...rows.map((x) => x.length));
  return {
    sheet: tab ?? LINKS_SHEET[lang],
    create: tab === undefined,
    clear: true,
    cells: [
      {
        row: 1,
        col: 1,
        values: rows.map((x) => [...x, ...Array.from({ length: width - x.length }, () => null)]),
      },
    ],
    frozenRows: 1,
    boldRows: 1,
    protection: { editors: [], description: LINKS_PROTECTION },
  };
}

/** Lines of a list for an alert: the first `max`, then "… and N more". */
function capped(lines: readonly string[], max: number, lang: Lang): string[] {
  if (lines.length <= max) return [...lines];
  const more = lines.length - max;
  return [...lines.slice(0, max), lang === "ru" ? `… и ещё ${more}` : `… and ${more} more`];
}

export function parentLinksFromMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const store = propertiesStore();
  const lang = workbookLang();
  const ru = lang === "ru";
  const id = store.get(FORM_ID_KEY);
  if (!id) {
    ui.alert(
      ru
        ? "Формы отзывов ещё нет: сначала «Создать форму отзывов»."
        : 'There is no feedback form yet: first "Create feedback form".',
    );
    return;
  }
  let form: Form;
  try {
    form = FormApp.openById(id);
  } catch (e) {
    ui.alert(
      ru
        ? `Форма отзывов (ID ${id}) не открывается: ${(e as Error).message}\nЗапустите «Создать форму отзывов».`
        : `The feedback form (ID ${id}) does not open: ${(e as Error).message}\nRun "Create feedback form".`,
    );
    return;
  }
  const tokenItem = tokenItemOf(form);
  if (!tokenItem) {
    ui.alert(
      ru
        ? "В форме нет вопроса «Код семьи»: запустите «Создать форму отзывов», он будет восстановлен."
        : 'The form has no "Family code" question: run "Create feedback form" to restore it.',
    );
    return;
  }
  // The entry number is read again each time: the question may have been re-created by hand.
  const { url, entry } = prefillOf(form, tokenItem);
  const wb = workbook();
  const res = withDocumentLock(() => {
    store.set(FORM_URL_KEY, url);
    store.set(FORM_ENTRY_KEY, entry);
    const r = feedbackLinks(wb, url, entry, randomHexFromUuids, systemClock.now());
    const tab = linksTabOf(wb.sheetNames());
    const write = linksSheetWrite(r, r.lang, tab);
    wb.write([write]);
    return { ...r, sheet: write.sheet };
  });
  const skipped = res.skipped.map((s) => {
    const who = [s.studentId || `#${s.row}`, s.name, s.className && `(${s.className})`]
      .filter(Boolean)
      .join(" ");
    return `• ${who}: ${SKIP_REASONS[s.reason][res.lang]}`;
  });
  const rl = res.lang === "ru";
  ui.alert(
    [
      rl
        ? `Ссылок для родителей: ${res.links.length} — на листе «${res.sheet}». Новых кодов семей: ${res.created}, отозвано: ${res.revoked}.`
        : `Links for parents: ${res.links.length} — on the sheet "${res.sheet}". New family codes: ${res.created}, revoked: ${res.revoked}.`,
      ...(skipped.length
        ? [
            rl ? `Без ссылки (${skipped.length}):` : `Without a link (${skipped.length}):`,
            ...capped(skipped, 15, res.lang),
          ]
        : []),
      rl
        ? "Каждой семье отправляйте только её ссылку: лист содержит контакты родителей."
        : "Send each family only its own link: the sheet holds parents' contacts.",
    ].join("\n"),
  );
}

// ---- onFormSubmit ----

const titleOf = (k: FormItemKey) => formItem(k).title.ru;

/** A response as the title -> answer record importResponses takes (the CSV's shape). */
export function recordOfResponse(r: FormResponse): Record<string, string> {
  const rec: Record<string, string> = {
    [TIMESTAMP_TITLES[0]]: r.timestamp,
    [titleOf("token")]: r.token,
    [titleOf("rating")]: r.rating,
    [titleOf("good")]: r.good,
    [titleOf("problems")]: r.problems,
    [titleOf("question")]: r.question,
    [titleOf("channel")]: r.channel,
  };
  // Questions added to the form by hand are reported by the import, as for a CSV.
  for (const t of r.unknownTitles) rec[t] = "…";
  return rec;
}

/**
 * The form-bound onFormSubmit trigger: one row in «Отзывы родителей», under the document
 * lock. A retried event (same timestamp and code) adds nothing; an unknown or revoked code
 * is kept with a blank student and reported in «Проблемы». Answers are written as text.
 */
export function feedbackSubmitted(e: GoogleAppsScript.Events.FormsOnFormSubmit | undefined): void {
  // Run by hand from the editor there is no event, hence no response: nothing to write.
  if (!e?.response) return;
  const ss = activeSpreadsheet();
  const tz = ss.getSpreadsheetTimeZone();
  const items = e.response.getItemResponses().map((ir) => ({
    title: ir.getItem().getTitle(),
    response: ir.getResponse() as string | string[] | string[][],
  }));
  const response = responseFromItems(items, isoLocal(e.response.getTimestamp() as unknown as Date, tz));
  const wb = workbook();
  withDocumentLock(() => {
    const res = importResponses(wb, [recordOfResponse(response)]);
    if (!res.issues.length) return;
    const tab = locateSheets(wb.sheetNames()).tabs.problems;
    wb.write([problemsAppendWrite(res.issues, res.lang, tab, sheetLinker(ss))]);
  });
}
