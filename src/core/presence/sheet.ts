/**
 * «Присутствие в СДО» / LMS presence: read back, merged with a new import, written whole.
 * Rows are keyed by lesson and person (or unknown login); merging the same file twice gives
 * the same rows (first join = earliest, last leave = latest, minutes = the larger), so a
 * re-import changes nothing, and a second service's log of the same lesson only adds to it.
 */
import type { CellValue, WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import type { Issue } from "../issues.js";
import type { Model } from "../model.js";
import { parseTable } from "../parse/table.js";
import { norm, SHEETS } from "../schema.js";
import { compareRows } from "./match.js";
import type { PresenceRole, PresenceRow, Verdict } from "./types.js";

const ROLE_LABEL: Record<PresenceRole, Record<Lang, string>> = {
  student: { ru: "учащийся", en: "student" },
  teacher: { ru: "преподаватель", en: "teacher" },
  tutor: { ru: "тьютор", en: "tutor" },
  unknown: { ru: "неизвестный логин", en: "unknown login" },
};

export function verdictText(r: Pick<PresenceRow, "verdict" | "lateBy">, lang: Lang): string {
  switch (r.verdict) {
    case "present":
      return lang === "ru" ? "присутствовал" : "present";
    case "late":
      return lang === "ru" ? `опоздал на ${r.lateBy} мин` : `late by ${r.lateBy} min`;
    case "absent":
      return lang === "ru" ? "отсутствовал" : "absent";
    default:
      return lang === "ru" ? "неизвестный логин" : "unknown login";
  }
}

function parseVerdict(text: string): { verdict: Verdict; lateBy: number } | null {
  const n = norm(text);
  const late = /^(?:опоздал[а]? на|late by)\s*(\d+)/.exec(n);
  if (late) return { verdict: "late", lateBy: Number(late[1]) };
  if (["присутствовал", "присутствовала", "present"].includes(n)) return { verdict: "present", lateBy: 0 };
  if (["отсутствовал", "отсутствовала", "absent"].includes(n)) return { verdict: "absent", lateBy: 0 };
  if (["неизвестный логин", "unknown login"].includes(n)) return { verdict: "unknown-login", lateBy: 0 };
  return null;
}

function parseRole(text: string): PresenceRole | null {
  const n = norm(text);
  for (const [role, l] of Object.entries(ROLE_LABEL))
    if (n === l.ru || n === l.en) return role as PresenceRole;
  return null;
}

/** Rows of the sheet as the program wrote them; a row edited into nonsense is reported and left out of the merge. */
export function readPresence(
  sheet: string,
  values: readonly (readonly CellValue[])[],
): { rows: PresenceRow[]; issues: Issue[] } {
  const t = parseTable(SHEETS.presence, sheet, values);
  const rows: PresenceRow[] = [];
  for (const r of t.rows) {
    const f = r.fields;
    const v = parseVerdict(String(f.verdict ?? ""));
    const role = parseRole(String(f.role ?? ""));
    if (!v || !role || !f.date || !f.groupId) continue;
    rows.push({
      date: String(f.date),
      groupId: String(f.groupId),
      index: Number(f.index ?? 1),
      start: String(f.start ?? ""),
      end: String(f.end ?? ""),
      personId: String(f.personId ?? ""),
      role,
      login: String(f.login ?? ""),
      minutes: Number(f.minutes ?? 0),
      firstJoin: String(f.firstJoin ?? ""),
      lastLeave: String(f.lastLeave ?? ""),
      ...v,
      sources: String(f.sources ?? ""),
    });
  }
  return { rows, issues: t.issues };
}

export const rowKey = (r: PresenceRow) =>
  [r.date, r.groupId, r.index, r.role === "student" ? "s" : "p", r.personId, r.login].join("\u0000");

function mergeTwo(a: PresenceRow, b: PresenceRow): PresenceRow {
  if (a.verdict === "absent") return { ...b, sources: unionSources(a.sources, b.sources) };
  if (b.verdict === "absent") return { ...a, sources: unionSources(a.sources, b.sources) };
  const lateBy = Math.min(a.verdict === "late" ? a.lateBy : 0, b.verdict === "late" ? b.lateBy : 0);
  const verdict: Verdict = a.verdict === "unknown-login" ? a.verdict : lateBy > 0 ? "late" : "present";
  return {
    ...a,
    minutes: Math.max(a.minutes, b.minutes),
    firstJoin: [a.firstJoin, b.firstJoin].filter(Boolean).sort()[0] ?? "",
    lastLeave: [a.lastLeave, b.lastLeave].filter(Boolean).sort().at(-1) ?? "",
    verdict,
    lateBy: verdict === "late" ? lateBy : 0,
    sources: unionSources(a.sources, b.sources),
  };
}

function unionSources(a: string, b: string): string {
  return [...new Set([...a.split(","), ...b.split(",")].map((x) => x.trim()).filter(Boolean))]
    .sort()
    .join(", ");
}

/** Old rows and new ones: one per key, sorted. */
export function mergePresence(old: readonly PresenceRow[], fresh: readonly PresenceRow[]): PresenceRow[] {
  const byKey = new Map<string, PresenceRow>();
  for (const r of [...old, ...fresh]) {
    const k = rowKey(r);
    const had = byKey.get(k);
    byKey.set(k, had ? mergeTwo(had, r) : r);
  }
  return [...byKey.values()].sort(compareRows);
}

/**
 * Sheet values, header first. A student's name only with data consent (152-ФЗ): the ID is
 * always there; staff names are shown.
 */
export function presenceValues(rows: readonly PresenceRow[], model: Model, lang: Lang): WriteValue[][] {
  const students = new Map(model.students.map((s) => [s.id, s]));
  const staff = new Map(model.staff.map((s) => [s.id, s]));
  const nameOf = (r: PresenceRow) => {
    if (r.role === "unknown") return "";
    if (r.role === "student") {
      const s = students.get(r.personId);
      return s?.consent === true ? s.name : "";
    }
    return staff.get(r.personId)?.name ?? "";
  };
  return [
    SHEETS.presence.columns.map((c) => c[lang]),
    ...rows.map((r) => [
      r.date,
      r.groupId,
      r.index,
      r.start,
      r.end,
      r.personId,
      ROLE_LABEL[r.role][lang],
      nameOf(r),
      r.login,
      r.minutes,
      r.firstJoin,
      r.lastLeave,
      verdictText(r, lang),
      r.sources,
    ]),
  ];
}
