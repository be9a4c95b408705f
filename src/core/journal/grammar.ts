/**
 * The journal cell grammar (WORKBOOK-FORMAT «Журнал»): one token per cell,
 * case-insensitive, surrounding spaces ignored, Russian or English letters.
 */
import type { CellValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { norm } from "../schema.js";

export type Attendance = "present" | "absent" | "excused" | "ill" | "late" | "exempt";

export interface JournalEntry {
  ok: true;
  attendance: Attendance;
  /** Numeric marks 1..5 (a trailing +/- ignored); "5/4" gives two. */
  marks: number[];
  /** зач/pass = true, незач/fail = false, otherwise null. */
  pass: boolean | null;
  /** `нз` / `m`: attended, but the assignment was not done (alone or with a mark: `нз 2`). */
  assignmentMissing: boolean;
}

export interface JournalInvalid {
  ok: false;
  text: string;
}

export type JournalCell = JournalEntry | JournalInvalid;

const PRESENT: JournalEntry = {
  ok: true,
  attendance: "present",
  marks: [],
  pass: null,
  assignmentMissing: false,
};

type Word = Omit<JournalEntry, "ok" | "assignmentMissing"> & { assignmentMissing?: true };

const WORDS: Record<string, Word> = {
  зач: { attendance: "present", marks: [], pass: true },
  pass: { attendance: "present", marks: [], pass: true },
  незач: { attendance: "present", marks: [], pass: false },
  fail: { attendance: "present", marks: [], pass: false },
  н: { attendance: "absent", marks: [], pass: null },
  a: { attendance: "absent", marks: [], pass: null },
  у: { attendance: "excused", marks: [], pass: null },
  e: { attendance: "excused", marks: [], pass: null },
  б: { attendance: "ill", marks: [], pass: null },
  s: { attendance: "ill", marks: [], pass: null },
  оп: { attendance: "late", marks: [], pass: null },
  l: { attendance: "late", marks: [], pass: null },
  осв: { attendance: "exempt", marks: [], pass: null },
  x: { attendance: "exempt", marks: [], pass: null },
  нз: { attendance: "present", marks: [], pass: null, assignmentMissing: true },
  m: { attendance: "present", marks: [], pass: null, assignmentMissing: true },
};

/** Codes that may stand before a mark in one cell (`оп 4`, `нз 2`): the student was there. */
const MARKABLE_CODES = ["оп", "l", "нз", "m"] as const;

const MARK = /^([1-5])[+-]?$/;
const TWO_MARKS = /^([1-5])[+-]?\s*\/\s*([1-5])[+-]?$/;

/**
 * A school's journals hold a million cells but a few dozen distinct tokens: each distinct cell
 * is parsed once and its (frozen, shared) result reused, so a big school's model stays small.
 */
const MEMO = new Map<string | number, JournalCell>();
const MEMO_MAX = 10_000;

/** Parse one journal cell. Never throws: what is not in the grammar comes back invalid. */
export function parseJournalCell(value: CellValue | undefined): JournalCell {
  if (value === null || value === undefined) return PRESENT;
  if (typeof value !== "string" && typeof value !== "number") return parseCell(value);
  const key = typeof value === "number" ? value : `s${value}`;
  const known = MEMO.get(key);
  if (known) return known;
  const parsed = deepFreeze(parseCell(value));
  if (MEMO.size < MEMO_MAX) MEMO.set(key, parsed);
  return parsed;
}

function deepFreeze(c: JournalCell): JournalCell {
  if (c.ok) Object.freeze(c.marks);
  return Object.freeze(c);
}

function parseCell(value: CellValue): JournalCell {
  if (value === null) return PRESENT;
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= 5
      ? { ...PRESENT, marks: [value] }
      : { ok: false, text: String(value) };
  }
  if (typeof value === "boolean" || value instanceof Date) {
    return { ok: false, text: value instanceof Date ? value.toISOString().slice(0, 10) : String(value) };
  }
  const text = norm(value);
  if (text === "") return PRESENT;
  return parseText(text) ?? { ok: false, text: String(value) };
}

function parseText(text: string): JournalEntry | null {
  const word = WORDS[text];
  if (word) return { ok: true, ...word, marks: [], assignmentMissing: word.assignmentMissing === true };
  const marks = parseMarks(text);
  if (marks) return { ...PRESENT, marks };
  // A code and a mark: «оп 4», «нз 2», «l 5/4».
  const space = text.indexOf(" ");
  if (space < 0) return null;
  const code = text.slice(0, space);
  const rest = parseMarks(text.slice(space + 1).trim());
  if (!rest || !(MARKABLE_CODES as readonly string[]).includes(code)) return null;
  const w = WORDS[code] as Word;
  return {
    ok: true,
    attendance: w.attendance,
    marks: rest,
    pass: null,
    assignmentMissing: w.assignmentMissing === true,
  };
}

function parseMarks(text: string): number[] | null {
  const one = MARK.exec(text);
  if (one) return [Number(one[1])];
  const two = TWO_MARKS.exec(text);
  if (two) return [Number(two[1]), Number(two[2])];
  return null;
}

/** True for absences that count in «пропуски»: н, у, б. */
export function isAbsence(a: Attendance): boolean {
  return a === "absent" || a === "excused" || a === "ill";
}

/** Tokens offered in dropdowns and the sidebar, per language. */
export const ATTENDANCE_TOKENS: Record<Lang, Record<Exclude<Attendance, "present">, string>> = {
  ru: { absent: "н", excused: "у", ill: "б", late: "оп", exempt: "осв" },
  en: { absent: "a", excused: "e", ill: "s", late: "l", exempt: "x" },
};

/** Every token of the grammar (both languages), for data validation help and lists. */
export const ALL_TOKENS: readonly string[] = ["5", "4", "3", "2", "1", "5/4", ...Object.keys(WORDS)];

/**
 * A case-insensitive regular expression matching every valid non-blank cell, for sheet data
 * validation (Google Sheets REGEXMATCH, RE2 syntax).
 */
export const JOURNAL_CELL_PATTERN = `(?i)^\\s*((${MARKABLE_CODES.join("|")})\\s+)?([1-5][+-]?(\\s*/\\s*[1-5][+-]?)?)\\s*$|^\\s*(${Object.keys(WORDS).join("|")})\\s*$`;

/** The «assignment not done» token per language (attended; may precede a mark: «нз 2»). */
export const ASSIGNMENT_MISSING_TOKEN: Record<Lang, string> = { ru: "нз", en: "m" };
