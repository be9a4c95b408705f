/** Labels of the individual sheets' values and of a student, shared by the report and the card. */
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { NamesInReport, Student } from "../records.js";
import { shownName } from "../report/names.js";
import { enumLabel } from "../schema.js";
import type { AchievementLevel, AchievementResult, PlanForm } from "./sheets.js";

export const LEVELS: readonly AchievementLevel[] = [
  "school",
  "municipal",
  "regional",
  "national",
  "international",
];
export const RESULTS: readonly AchievementResult[] = ["participant", "prizewinner", "winner"];

export const levelLabel = (v: AchievementLevel | null, lang: Lang) =>
  v ? enumLabel("achievementLevel", v, lang) : "";
export const resultLabel = (v: AchievementResult | null, lang: Lang) =>
  v ? enumLabel("achievementResult", v, lang) : "";
export const formLabel = (v: PlanForm | null, lang: Lang) => (v ? enumLabel("planForm", v, lang) : "");

export const dateLabel = (iso: string | null, lang: Lang) => (iso ? (lang === "ru" ? ruDate(iso) : iso) : "");

/** «S001 Иванова Анна» where the names setting allows the name, «S001» otherwise. */
export function studentLabel(id: string, students: readonly Student[], mode: NamesInReport): string {
  const s = students.find((x) => x.id === id);
  const name = s ? shownName(s, mode) : "";
  return name ? `${id} ${name}` : id;
}
