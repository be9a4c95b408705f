/**
 * A journal cell as the lesson flow edits it: attendance, a mark, and the «assignment not
 * done» flag (`нз` / `m`), turned back into one token of the workbook's grammar — `5`, `н`,
 * `нз`, `нз 3`, `оп`, `оп 4`. The server checks the grammar again; this is for the buttons.
 */
import type { Attendance, SidebarContext } from "../../src/rpc/contract.js";

export interface CellState {
  att: Attendance;
  mark: string;
  missing: boolean;
}

type Ctx = Pick<SidebarContext, "attendanceWords" | "tokens" | "lang">;

const MISSING = ["нз", "m"];
const LATE = ["оп", "l"];
export const ATTENDANCE: readonly Attendance[] = ["present", "absent", "excused", "ill", "late"];
export const MARK = /^[1-5][+-]?(\s*\/\s*[1-5][+-]?)?$/;

/** The codes whose lesson has no mark: the student was not there. */
export const isAway = (a: Attendance) => a === "absent" || a === "excused" || a === "ill";

export function parseCell(text: string, ctx: Ctx): CellState {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  const att = ctx.attendanceWords[t];
  if (att) return { att, mark: "", missing: false };
  if (MISSING.includes(t)) return { att: "present", mark: "", missing: true };
  const [code, ...rest] = t.split(" ");
  if (rest.length && MISSING.includes(code)) return { att: "present", mark: rest.join(" "), missing: true };
  if (rest.length && LATE.includes(code)) return { att: "late", mark: rest.join(" "), missing: false };
  return { att: "present", mark: text.trim(), missing: false };
}

export function tokenOf(c: CellState, ctx: Ctx): string {
  const mark = c.mark.trim();
  if (isAway(c.att)) return ctx.tokens[c.att as "absent"];
  if (c.att === "late") return mark ? `${ctx.tokens.late} ${mark}` : ctx.tokens.late;
  const missing = ctx.lang === "ru" ? "нз" : "m";
  if (c.missing) return mark ? `${missing} ${mark}` : missing;
  return mark;
}

/** A mark field's text is fine: blank, a mark (5, 4+, 5/4) or a word (зач, pass, осв…). */
export function markOk(mark: string, words: readonly string[]): boolean {
  const m = mark.trim();
  return m === "" || MARK.test(m) || words.includes(m.toLowerCase());
}

/** A whole token typed into a week cell is in the grammar (the server decides in the end). */
export function tokenOk(text: string, ctx: Ctx & Pick<SidebarContext, "words">): boolean {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (t === "" || ctx.words.includes(t) || MARK.test(t)) return true;
  const [code, ...rest] = t.split(" ");
  return rest.length > 0 && [...MISSING, ...LATE].includes(code) && MARK.test(rest.join(" "));
}

export interface Editable {
  id: string;
  /** The cell and reason as loaded from the server. */
  loaded: string;
  loadedReason: string;
  /** Edited by the user since loading. */
  touched: boolean;
  reason: string;
}

/**
 * Reload after a conflict without losing the other edits: a row keeps the user's edit when its
 * cell on the server is still what it was loaded as; a row someone else changed takes their
 * value (and is named, so the user can look at it again).
 */
export function mergeReload<R extends Editable>(
  mine: readonly R[],
  fresh: readonly R[],
): { rows: R[]; kept: number; replaced: string[] } {
  const old = new Map(mine.map((r) => [r.id, r]));
  let kept = 0;
  const replaced: string[] = [];
  const rows = fresh.map((f) => {
    const o = old.get(f.id);
    const edited = o && (o.touched || o.reason !== o.loadedReason);
    if (!o || !edited) return f;
    if (o.loaded === f.loaded && o.loadedReason === f.loadedReason) {
      kept++;
      return { ...o, loaded: f.loaded, loadedReason: f.loadedReason };
    }
    replaced.push(f.id);
    return f;
  });
  return { rows, kept, replaced };
}
