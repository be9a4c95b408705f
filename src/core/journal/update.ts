/**
 * Plan the update of one group's journal sheet from its lessons and enrollments.
 *
 * Layout of a new sheet (WORKBOOK-FORMAT «Журнал»): row 1 `ID`, `Учащийся`/`Student`, one
 * column per lesson headed `ДД.ММ.ГГГГ` (`ДД.ММ.ГГГГ (2)` for the second that day, text so
 * it survives any locale); row 2 `Тема`/`Topic`; students from row 3, sorted by name.
 *
 * Updating an existing sheet never moves or rewrites a cell a person typed:
 * - every existing column and row keeps its position and content (hand-reordered rows and
 *   columns included), so each mark stays with its student ID and lesson date;
 * - lesson columns the sheet lacks are appended after the last used column, in date order;
 * - students enrolled (From ≤ the last lesson date) without a row are appended after the last
 *   used row, sorted by name; a student who left keeps their row;
 * - a lesson column that is no longer in the schedule stays, with a warning (code
 *   "journal-orphan-column") — one holding marks or a topic must not be lost, an empty one is
 *   left for the coordinator to delete, because metrics count every lesson column;
 * - a sheet without a topic row gets none (inserting it would shift every typed cell).
 * Writing only the new cells also keeps formulas and any mark a tutor types meanwhile. Run on
 * its own output it finds nothing to add: no cells, `changed: false`. Formatting (grey outside
 * enrollments, validation, frozen/bold/protected header) is recomputed and re-applied each time.
 */

import type { Rect, SheetWrite, Validation } from "../../ports.js";
import { a1, type CellValue, isBlank, type WriteValue } from "../cells.js";
import { ruDate } from "../dates.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import type { Lesson } from "../model.js";
import type { Enrollment, IsoDate, Student } from "../records.js";
import { enrollmentCovers } from "../schedule/expand.js";
import { JOURNAL_CELL_PATTERN } from "./grammar.js";
import { parseJournal } from "./parse.js";

export const OUTSIDE_ENROLLMENT_COLOR = "#d9d9d9";

export interface JournalUpdateArgs {
  groupId: string;
  sheetName: string;
  lang: Lang;
  /** This group's lessons up to the update date. */
  lessons: readonly Lesson[];
  students: readonly Student[];
  /** This group's enrollments (others are ignored). */
  enrollments: readonly Enrollment[];
  /** Current sheet values (row 0 = sheet row 1), or null when the sheet does not exist. */
  existing: readonly (readonly CellValue[])[] | null;
  /** Staff allowed to edit the protected header rows. */
  staffEmails?: readonly string[];
  /** Students enrolled from this date or earlier get a row; default: the last lesson's date. */
  until?: IsoDate;
}

export interface JournalUpdate {
  write: SheetWrite;
  issues: Issue[];
  /** True when the write puts any value into the sheet (formatting aside). */
  changed: boolean;
}

const HEADERS = {
  ru: { id: "ID", name: "Учащийся", topic: "Тема" },
  en: { id: "ID", name: "Student", topic: "Topic" },
} as const;

/** `ДД.ММ.ГГГГ`, or `ДД.ММ.ГГГГ (n)` for the n-th lesson of the date. */
export function lessonHeader(date: IsoDate, index: number): string {
  return index > 1 ? `${ruDate(date)} (${index})` : ruDate(date);
}

const used = (v: CellValue | undefined) => v !== null && v !== undefined && v !== "";

/** Last used row and column (1-based; 0 when the grid is empty). */
function extent(grid: readonly (readonly CellValue[])[]): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  grid.forEach((line, r) => {
    for (let c = line.length - 1; c >= 0; c--) {
      if (used(line[c])) {
        rows = r + 1;
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  return { rows, cols };
}

export interface Layout {
  headerRows: number;
  lessonCols: { col: number; date: IsoDate }[];
  studentRows: { row: number; studentId: string }[];
}

/** Grey where the student is not enrolled on the column's date, none elsewhere; row runs merged down. */
function backgrounds(layout: Layout, enrolledOn: (id: string, date: IsoDate) => boolean) {
  const cols = [...layout.lessonCols].sort((a, b) => a.col - b.col);
  const rows = [...layout.studentRows].sort((a, b) => a.row - b.row);
  const out: { range: Rect; color: string | null }[] = [];
  const open = new Map<string, { range: Rect; color: string | null }>();
  for (const { row, studentId } of rows) {
    const colors = cols.map((c) => (enrolledOn(studentId, c.date) ? null : OUTSIDE_ENROLLMENT_COLOR));
    let i = 0;
    while (i < cols.length) {
      let j = i + 1;
      while (j < cols.length && cols[j].col === cols[j - 1].col + 1 && colors[j] === colors[i]) j++;
      const col = cols[i].col;
      const width = cols[j - 1].col - col + 1;
      const key = `${col}:${width}:${colors[i]}`;
      const prev = open.get(key);
      if (prev && prev.range.row + prev.range.rows === row) prev.range.rows++;
      else {
        const bg = { range: { row, col, rows: 1, cols: width }, color: colors[i] };
        out.push(bg);
        open.set(key, bg);
      }
      i = j;
    }
  }
  return out;
}

/** The dropdown of a journal cell (Excel has no regex: these guide, the pattern decides in Google). */
export const JOURNAL_SUGGESTIONS = {
  ru: ["5", "4", "3", "2", "1", "н", "у", "б", "оп", "осв", "зач", "незач"],
  en: ["5", "4", "3", "2", "1", "a", "e", "s", "l", "x", "pass", "fail"],
} as const;

/** One validation per run of adjacent lesson columns, over the rows from the first to the last student. */
export function validations(layout: Layout, lang: Lang): Validation[] {
  if (layout.studentRows.length === 0) return [];
  const rows = layout.studentRows.map((r) => r.row);
  const top = Math.min(...rows);
  const height = Math.max(...rows) - top + 1;
  const cols = layout.lessonCols.map((c) => c.col).sort((a, b) => a - b);
  const help =
    lang === "ru"
      ? "Отметка 5, 4, 3, 2, 1 (можно 5/4, 4+, 3-), зач, незач, н (не был), у (уважительная), б (болел), оп (опоздал), осв (освобождён); пусто — присутствовал"
      : "Mark 5, 4, 3, 2, 1 (also 5/4, 4+, 3-), pass, fail, a (absent), e (excused), s (sick), l (late), x (exempt); blank = present";
  const out: Validation[] = [];
  let i = 0;
  while (i < cols.length) {
    let j = i + 1;
    while (j < cols.length && cols[j] === cols[j - 1] + 1) j++;
    out.push({
      range: { row: top, col: cols[i], rows: height, cols: j - i },
      pattern: JOURNAL_CELL_PATTERN,
      list: JOURNAL_SUGGESTIONS[lang],
      strict: false,
      help,
    });
    i = j;
  }
  return out;
}

export function planJournalUpdate(args: JournalUpdateArgs): JournalUpdate {
  const { groupId, sheetName, lang } = args;
  const h = HEADERS[lang];
  const issues: Issue[] = [];

  // Lessons of this group, one per (date, index), in date order.
  const lessonMap = new Map<string, { date: IsoDate; index: number }>();
  for (const l of args.lessons)
    if (l.groupId === groupId) lessonMap.set(`${l.date}#${l.index}`, { date: l.date, index: l.index });
  const lessons = [...lessonMap.values()].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index,
  );
  const until = args.until ?? lessons.at(-1)?.date ?? null;

  const enrollmentsOf = new Map<string, Enrollment[]>();
  for (const e of args.enrollments) {
    if (e.groupId !== groupId || !e.studentId || e.from === null) continue;
    const list = enrollmentsOf.get(e.studentId);
    if (list) list.push(e);
    else enrollmentsOf.set(e.studentId, [e]);
  }
  const enrolledOn = (id: string, date: IsoDate) =>
    enrollmentsOf.get(id)?.some((e) => enrollmentCovers(e, date)) ?? false;
  // Students with an enrollment begun by `until`, by name; `students` may be the whole school.
  const wanted = args.students
    .filter((s) => enrollmentsOf.get(s.id)?.some((e) => until === null || e.from! <= until))
    .filter((s, i, all) => all.findIndex((x) => x.id === s.id) === i)
    .sort((a, b) => a.name.localeCompare(b.name, "ru") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const grid = args.existing ?? [];
  const size = extent(grid);
  const cells: { row: number; col: number; values: WriteValue[][] }[] = [];
  let layout: Layout;

  if (size.rows === 0) {
    const header: WriteValue[] = [h.id, h.name, ...lessons.map((l) => lessonHeader(l.date, l.index))];
    // An empty sheet: the rows stop at the last value (the header row gives the block its
    // width). Blank cells written out would clear nothing and cost ~3 bytes each in the
    // request: for 150 new journals at 2,000 students, the difference between one batchUpdate
    // body under 2 MB and two calls.
    cells.push({
      row: 1,
      col: 1,
      values: [header, [h.topic], ...wanted.map((s): WriteValue[] => [s.id, s.name])],
    });
    layout = {
      headerRows: 2,
      lessonCols: lessons.map((l, i) => ({ col: 3 + i, date: l.date })),
      studentRows: wanted.map((s, i) => ({ row: 3 + i, studentId: s.id })),
    };
  } else {
    const pj = parseJournal(sheetName, grid);
    if (!pj.idCol) {
      issues.push(
        issue(sheetName, "A1", "missing-column", {
          ru: "Нет столбца «ID» с кодами учащихся — журнал не обновлён, чтобы не перепутать строки",
          en: "No «ID» column with student IDs — the journal is not updated, so no row gets mixed up",
        }),
      );
      return { write: { sheet: sheetName }, issues, changed: false };
    }
    const existingKeys = new Set(pj.columns.map((c) => `${c.date}#${c.index}`));
    pj.columns.forEach((c, j) => {
      if (lessonMap.has(`${c.date}#${c.index}`)) return;
      const hasData = c.topic !== "" || pj.rows.some((r) => !isBlank(r.cells[j]));
      const what = lessonHeader(c.date, c.index);
      issues.push(
        issue(
          sheetName,
          a1(1, c.col),
          "journal-orphan-column",
          hasData
            ? {
                ru: `Урока ${what} нет в расписании группы ${groupId}, а в столбце есть записи — столбец сохранён; проверьте дату или добавьте урок в «Изменения расписания»`,
                en: `Lesson ${what} is not in group ${groupId}'s schedule but its column holds entries — the column is kept; check the date or add the lesson to "Schedule changes"`,
              }
            : {
                ru: `Урока ${what} нет в расписании группы ${groupId}; столбец пуст — удалите его, если урока не было (иначе он считается проведённым)`,
                en: `Lesson ${what} is not in group ${groupId}'s schedule; the column is empty — delete it if the lesson did not take place (otherwise it counts as held)`,
              },
          "warning",
        ),
      );
    });
    const newCols = lessons.filter((l) => !existingKeys.has(`${l.date}#${l.index}`));
    if (newCols.length)
      cells.push({ row: 1, col: size.cols + 1, values: [newCols.map((l) => lessonHeader(l.date, l.index))] });

    const seen = new Map<string, number>();
    for (const r of pj.rows) {
      if (!r.studentId) continue;
      const first = seen.get(r.studentId);
      if (first !== undefined)
        issues.push(
          issue(
            sheetName,
            a1(r.row, pj.idCol),
            "duplicate-id",
            {
              ru: `Учащийся ${r.studentId} уже есть в строке ${first}; отметки этой строки тоже учитываются — объедините строки`,
              en: `Student ${r.studentId} already has row ${first}; this row's entries count too — merge the rows`,
            },
            "warning",
          ),
        );
      else seen.set(r.studentId, r.row);
    }
    const newStudents = wanted.filter((s) => !seen.has(s.id));
    if (newStudents.length) {
      const width = Math.max(pj.idCol, pj.nameCol);
      cells.push({
        row: size.rows + 1,
        col: 1,
        values: newStudents.map((s) => {
          const line: WriteValue[] = Array.from({ length: width }, () => null);
          line[pj.idCol - 1] = s.id;
          if (pj.nameCol) line[pj.nameCol - 1] = s.name;
          return line;
        }),
      });
    }
    layout = {
      headerRows: pj.hasTopicRow ? 2 : 1,
      lessonCols: [
        ...pj.columns.map((c) => ({ col: c.col, date: c.date })),
        ...newCols.map((l, i) => ({ col: size.cols + 1 + i, date: l.date })),
      ],
      studentRows: [
        ...pj.rows.filter((r) => r.studentId).map((r) => ({ row: r.row, studentId: r.studentId })),
        ...newStudents.map((s, i) => ({ row: size.rows + 1 + i, studentId: s.id })),
      ],
    };
  }

  const write: SheetWrite = {
    sheet: sheetName,
    ...(args.existing === null ? { create: true } : {}),
    ...(cells.length ? { cells } : {}),
    frozenRows: layout.headerRows,
    boldRows: 1,
    validations: validations(layout, lang),
    backgrounds: backgrounds(layout, enrolledOn),
    protection: {
      rows: layout.headerRows,
      ...(args.staffEmails?.length ? { editors: [...args.staffEmails] } : {}),
      description:
        lang === "ru"
          ? `Заголовок журнала ${groupId}: даты уроков и темы меняет программа или сотрудник`
          : `Header of journal ${groupId}: lesson dates and topics are set by the program or staff`,
    },
  };
  return { write, issues, changed: cells.length > 0 };
}
