/**
 * A lesson's topic and homework, both in the journal's topic row (row 2, «Тема» / «Topic"):
 * the topic on the first line(s), the homework on a line starting «ДЗ:» / «HW:». One cell
 * keeps the journal's layout (no extra row that would shift every typed cell) and stays
 * readable to a person looking at the sheet.
 */
import type { Lang } from "../i18n.js";

const HOMEWORK = /^\s*(дз|д\/з|домашнее задание|hw|homework)\s*:\s*/i;
const LABEL: Record<Lang, string> = { ru: "ДЗ", en: "HW" };

export interface LessonTopic {
  topic: string;
  homework: string;
}

export function splitTopic(cell: string): LessonTopic {
  const topic: string[] = [];
  const homework: string[] = [];
  for (const line of cell.split(/\r?\n/)) {
    if (HOMEWORK.test(line)) homework.push(line.replace(HOMEWORK, "").trim());
    else if (line.trim()) topic.push(line.trim());
  }
  return { topic: topic.join(" "), homework: homework.filter(Boolean).join("; ") };
}

export function joinTopic(t: LessonTopic, lang: Lang): string {
  const topic = t.topic.replace(/\s+/g, " ").trim();
  const homework = t.homework.replace(/\s+/g, " ").trim();
  if (!homework) return topic;
  return topic ? `${topic}\n${LABEL[lang]}: ${homework}` : `${LABEL[lang]}: ${homework}`;
}
