/** The «Дистанционное обучение» menu, in the workbook's language. */
import type { Lang } from "../core/i18n.js";
import { HANDLERS } from "./handlers.js";

export interface MenuItem {
  ru: string;
  en: string;
  handler: string;
}

/** Menu items in order; null is a separator. */
export const MENU: readonly (MenuItem | null)[] = [
  { ru: "Открыть панель", en: "Open panel", handler: HANDLERS.sidebar },
  null,
  { ru: "Настроить книгу", en: "Set up workbook", handler: HANDLERS.setup },
  { ru: "Проверить данные", en: "Check data", handler: HANDLERS.check },
  null,
  { ru: "Проверить расписание", en: "Check schedule", handler: HANDLERS.schedule },
  { ru: "Тексты оповещений об изменениях", en: "Change notices", handler: HANDLERS.notices },
  { ru: "Обновить журналы", en: "Update journals", handler: HANDLERS.journals },
  {
    ru: "Журналы для преподавателей: создать / обновить",
    en: "Teachers' journals: create / update",
    handler: HANDLERS.journalBook,
  },
  null,
  { ru: "Сформировать отчёт за месяц…", en: "Build monthly report…", handler: HANDLERS.report },
  { ru: "Включить ежемесячный отчёт", en: "Turn on the monthly report", handler: HANDLERS.monthlyOn },
  { ru: "Выключить ежемесячный отчёт", en: "Turn off the monthly report", handler: HANDLERS.monthlyOff },
  null,
  { ru: "Создать форму отзывов", en: "Create feedback form", handler: HANDLERS.createForm },
  { ru: "Ссылки для родителей", en: "Parent links", handler: HANDLERS.parentLinks },
  { ru: "Письма родителям за месяц…", en: "Monthly letters to parents…", handler: HANDLERS.letters },
  null,
  { ru: "Загрузить присутствие из СДО…", en: "Import LMS presence…", handler: HANDLERS.presence },
  null,
  { ru: "Обновить аттестацию и итоги", en: "Update attestation and results", handler: HANDLERS.attestation },
  {
    ru: "Расписание аттестации: тексты",
    en: "Attestation schedule notices",
    handler: HANDLERS.attestationNotices,
  },
  { ru: "Выписки для классных журналов…", en: "Extracts for class journals…", handler: HANDLERS.transfer },
  {
    ru: "Письма родителям: итоги периода…",
    en: "Period results to parents…",
    handler: HANDLERS.periodLetters,
  },
  { ru: "Отчёт за период…", en: "Period report…", handler: HANDLERS.periodReport },
  { ru: "Карта учащегося…", en: "Student card…", handler: HANDLERS.cards },
];

export const MENU_TITLE = { ru: "Дистанционное обучение", en: "Distance learning" } as const;

export function buildMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang): void {
  const menu = ui.createMenu(MENU_TITLE[lang]);
  for (const item of MENU) {
    if (item) menu.addItem(item[lang], item.handler);
    else menu.addSeparator();
  }
  menu.addToUi();
}

/** The journal workbook's menu (this bundle bound to the tutors' journal spreadsheet): the lesson screen only. */
export const JOURNAL_MENU_TITLE = { ru: "Журнал", en: "Journal" } as const;
export const JOURNAL_MENU: readonly MenuItem[] = [{ ru: "Урок", en: "Lesson", handler: HANDLERS.sidebar }];

export function buildJournalMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang): void {
  const menu = ui.createMenu(JOURNAL_MENU_TITLE[lang]);
  for (const item of JOURNAL_MENU) menu.addItem(item[lang], item.handler);
  menu.addToUi();
}
