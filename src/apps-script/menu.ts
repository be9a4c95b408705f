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
  { ru: "Настроить книгу", en: "Set up workbook", handler: HANDLERS.setup },
  { ru: "Проверить данные", en: "Check data", handler: HANDLERS.check },
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
