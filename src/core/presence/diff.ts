/**
 * The journals held against the logs, never overwritten: for each lesson the logs cover,
 * - a blank cell (present by the grammar) where the log shows absence -> suggest `н`;
 * - a cell marked as attended (a mark, `оп`, `нз`, …) where the log shows no presence;
 * - a lesson held (someone was there) with no journal column.
 * The blank cells are also returned as fills for `--apply`, which writes only those.
 */
import { a1, isBlank } from "../cells.js";
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import { ATTENDANCE_TOKENS } from "../journal/grammar.js";
import type { ParsedJournal } from "../journal/types.js";
import type { Model } from "../model.js";
import type { PresenceRow } from "./types.js";

export interface Fill {
  sheet: string;
  row: number;
  col: number;
  studentId: string;
  date: string;
  value: string;
}

export interface Differences {
  issues: Issue[];
  fills: Fill[];
}

const lessonOf = (r: PresenceRow) => `${r.groupId}\u0000${r.date}\u0000${r.index}`;

const lessonLabel = (r: PresenceRow) =>
  `${ruDate(r.date)}${r.index > 1 ? ` (${r.index})` : ""} ${r.start}–${r.end}`;

function held(rows: readonly PresenceRow[]): boolean {
  return rows.some((r) => r.role !== "unknown" && r.verdict !== "absent");
}

function lessonDiff(
  j: ParsedJournal | undefined,
  rows: readonly PresenceRow[],
  model: Model,
  lang: Lang,
  out: Differences,
) {
  const r0 = rows[0];
  const column = j?.columns.findIndex((c) => c.date === r0.date && c.index === r0.index) ?? -1;
  if (!j || column < 0) {
    if (held(rows))
      out.issues.push(
        issue(
          j?.sheet ?? model.tabs.groups ?? "",
          "",
          "presence-no-column",
          {
            ru: `Группа ${r0.groupId}: урок ${lessonLabel(r0)} прошёл по данным СДО, но в журнале нет его столбца`,
            en: `Group ${r0.groupId}: the lesson ${lessonLabel(r0)} was held by the LMS logs but has no journal column`,
          },
          "warning",
        ),
      );
    return;
  }
  const col = j.columns[column].col;
  for (const r of rows) {
    if (r.role !== "student") continue;
    const jr = j.rows.find((x) => x.studentId === r.personId);
    if (!jr) continue;
    const cell = jr.cells[column];
    const entry = jr.entries[column];
    const where = a1(jr.row, col);
    if (r.verdict === "absent" && isBlank(cell)) {
      const token = ATTENDANCE_TOKENS[lang].absent;
      out.fills.push({ sheet: j.sheet, row: jr.row, col, studentId: r.personId, date: r.date, value: token });
      out.issues.push(
        issue(
          j.sheet,
          where,
          "presence-blank-absent",
          {
            ru: `${r.personId}, урок ${lessonLabel(r)}: клетка пустая, а в СДО входа не было — поставьте «н» (или «у», «б»)`,
            en: `${r.personId}, lesson ${lessonLabel(r)}: the cell is blank but the student was not in the LMS — put "a" (or "e", "s")`,
          },
          "warning",
        ),
      );
    } else if (
      r.verdict === "absent" &&
      entry?.ok &&
      (entry.attendance === "present" || entry.attendance === "late")
    ) {
      out.issues.push(
        issue(
          j.sheet,
          where,
          "presence-marked-no-log",
          {
            ru: `${r.personId}, урок ${lessonLabel(r)}: в журнале отмечено присутствие, а в СДО входа не было`,
            en: `${r.personId}, lesson ${lessonLabel(r)}: marked present in the journal but not in the LMS logs`,
          },
          "warning",
        ),
      );
    }
  }
}

/** Differences over every lesson the presence rows cover. */
export function presenceDifferences(model: Model, rows: readonly PresenceRow[], lang: Lang): Differences {
  const out: Differences = { issues: [], fills: [] };
  const byLesson = new Map<string, PresenceRow[]>();
  for (const r of rows) byLesson.set(lessonOf(r), [...(byLesson.get(lessonOf(r)) ?? []), r]);
  for (const list of byLesson.values()) {
    const j = model.journals.find((x) => x.groupId === list[0].groupId);
    lessonDiff(j, list, model, lang, out);
  }
  return out;
}
