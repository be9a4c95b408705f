/** Read a journal sheet («Журнал G01») into columns, rows and parsed cells with issues. */
import { a1, type CellValue, cellText, isBlank } from "../cells.js";
import { parseDate } from "../dates.js";
import { issue } from "../issues.js";
import { journalGroupOf, norm } from "../schema.js";
import { parseJournalCell } from "./grammar.js";
import type { JournalColumn, JournalRow, ParsedJournal } from "./types.js";

const ID_HEADERS = ["id"];
const NAME_HEADERS = ["учащийся", "student", "фио", "name"];
const TOPIC_HEADERS = ["тема", "topic", "темы", "topics"];

/** A lesson header: a date, optionally followed by «(2)» for the second lesson that day. */
export function parseLessonHeader(v: CellValue | undefined): { date: string; index: number } | null {
  if (v instanceof Date || typeof v === "number") {
    const date = parseDate(v);
    return date ? { date, index: 1 } : null;
  }
  if (typeof v !== "string") return null;
  const m = /^(.*?)(?:\s*\((\d+)\))?\s*$/.exec(v.trim());
  if (!m) return null;
  const date = parseDate(m[1]);
  return date ? { date, index: m[2] ? Number(m[2]) : 1 } : null;
}

export function parseJournal(sheet: string, values: readonly (readonly CellValue[])[]): ParsedJournal {
  const groupId = journalGroupOf(sheet) ?? sheet;
  const header = values[0] ?? [];
  const issues = [];
  let idCol = 0;
  let nameCol = 0;
  const columns: JournalColumn[] = [];
  const seen = new Map<string, number>();
  // Row 2 is the topic row when its cell under «ID» (or in column A) reads «Тема» / «Topic».
  const idIndex = header.findIndex((h) => ID_HEADERS.includes(norm(h)));
  const hasTopicRow =
    TOPIC_HEADERS.includes(norm(values[1]?.[0])) ||
    (idIndex >= 0 && TOPIC_HEADERS.includes(norm(values[1]?.[idIndex])));
  header.forEach((h, i) => {
    const n = norm(h);
    if (!idCol && ID_HEADERS.includes(n)) idCol = i + 1;
    else if (!nameCol && NAME_HEADERS.includes(n)) nameCol = i + 1;
    else {
      const lesson = parseLessonHeader(h);
      if (!lesson) return;
      const key = `${lesson.date}#${lesson.index}`;
      if (seen.has(key)) {
        issues.push(
          issue(
            sheet,
            a1(1, i + 1),
            "duplicate-column",
            {
              ru: `Урок ${cellText(h)} уже есть в столбце ${a1(1, seen.get(key)!)}; этот столбец не учитывается`,
              en: `Lesson ${cellText(h)} is already in column ${a1(1, seen.get(key)!)}; this column is not counted`,
            },
            "warning",
          ),
        );
        return;
      }
      seen.set(key, i + 1);
      columns.push({
        col: i + 1,
        date: lesson.date,
        index: lesson.index,
        topic: hasTopicRow ? cellText(values[1]?.[i]) : "",
      });
    }
  });
  if (!idCol) {
    issues.push(
      issue(sheet, "A1", "missing-column", {
        ru: "Нет столбца «ID» с кодами учащихся",
        en: "No «ID» column with student IDs",
      }),
    );
  }
  const rows: JournalRow[] = [];
  const firstRow = hasTopicRow ? 3 : 2;
  for (let r = firstRow - 1; r < values.length; r++) {
    const line = values[r] ?? [];
    const studentId = idCol ? cellText(line[idCol - 1]) : "";
    const name = nameCol ? cellText(line[nameCol - 1]) : "";
    const cells = columns.map((c) => line[c.col - 1] ?? null);
    if (!studentId && !name && cells.every(isBlank)) continue;
    const entries = cells.map((v, j) => {
      const e = parseJournalCell(v);
      if (!e.ok) {
        issues.push(
          issue(sheet, a1(r + 1, columns[j].col), "bad-token", {
            ru: `«${e.text}» — не отметка и не код посещаемости (5, 4, 3, 2, 1, 5/4, зач, незач, н, у, б, оп, осв); не учитывается`,
            en: `"${e.text}" is not a mark or attendance code (5, 4, 3, 2, 1, 5/4, pass, fail, a, e, s, l, x); not counted`,
          }),
        );
      }
      return e;
    });
    rows.push({ row: r + 1, studentId, name, cells, entries });
  }
  return { sheet, groupId, hasTopicRow, idCol, nameCol, columns, rows, issues };
}
