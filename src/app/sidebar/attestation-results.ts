/**
 * «Результаты аттестации»: one attestation's results entered like a lesson. Loading reads the
 * roster sheets, «Аттестация» and only the chosen attestation's results tab in one batch;
 * saving re-reads them under the lock, refuses when a loaded cell changed meanwhile, checks
 * every token with the results grammar, creates the results sheet (or appends missing students)
 * through the same plan as «Обновить аттестацию», and writes one block of the result and
 * comment columns plus one audit append — the same service calls for 10 students or 200.
 */
import { writerOf } from "../../core/access/lesson.js";
import { participants } from "../../core/attestation/participants.js";
import {
  columnsOf,
  parseResult,
  planResultSheet,
  RESULT_TOKENS,
  readResultSheet,
  resultLabel,
  resultsIdOf,
  resultsSheetName,
} from "../../core/attestation/results.js";
import { readAttestations } from "../../core/attestation/sheets.js";
import type { Attestation } from "../../core/attestation/types.js";
import { a1, a1Range, type CellValue, cellText, type WriteValue } from "../../core/cells.js";
import { todayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Msg } from "../../core/i18n.js";
import type { Model } from "../../core/model.js";
import { locateSheets, parseModel } from "../../core/parse/index.js";
import type { Student } from "../../core/records.js";
import { shownName } from "../../core/report/names.js";
import { enumLabel, type SheetKey } from "../../core/schema.js";
import type { SheetWrite } from "../../ports.js";
import type {
  AttestationItem,
  AttestationResults,
  AttestationResultsQuery,
  AttestationResultsSave,
  AttestationResultsSaved,
} from "../../rpc/contract.js";
import {
  audit,
  conflict,
  notFound,
  obj,
  type SidebarPorts,
  type Snapshot,
  str,
  strMap,
  who,
} from "./common.js";
import { overlay } from "./lesson-view.js";

const SHEETS: readonly SheetKey[] = [
  "settings",
  "students",
  "staff",
  "groups",
  "enrollments",
  "attestations",
];
const ID = { ru: "Аттестация", en: "Attestation" };
const RESULT = { ru: "Результат", en: "Result" };
const COMMENT = { ru: "Комментарий", en: "Comment" };

interface State extends Snapshot {
  attestations: Attestation[];
  /** The chosen attestation's results tab as found (undefined: not created yet). */
  tab: string | undefined;
}

/** One read batch: the roster sheets, «Аттестация», and the results tab of `id` when it exists. */
function loadState(p: SidebarPorts, id: string): State {
  const names = p.wb.sheetNames();
  const { tabs } = locateSheets(names);
  const tab = id ? names.find((n) => resultsIdOf(n) === id) : undefined;
  const wanted = [...SHEETS.map((k) => tabs[k]), tab].filter((x): x is string => Boolean(x));
  const tables = p.wb.read(wanted);
  const model = parseModel(names, tables);
  const at = model.tabs.attestations;
  const list = at ? readAttestations(at, tables.get(at)?.values ?? []).list : [];
  return { model, names, tables, attestations: list.filter((a) => a.id && a.date), tab };
}

/** Who may enter an attestation's results: its examiner or assistant, or a coordinator (as for lessons). */
function refusal(model: Model, user: string, a: Attestation): Msg | null {
  const w = writerOf(model.staff, user);
  if (!w.staff)
    return {
      ru: `Правило доступа: результаты аттестации вносят сотрудники с листа «Сотрудники». Адреса ${user || "(не известен)"} там нет — попросите координатора добавить его`,
      en: `Access rule: attestation results are entered by staff on the Staff sheet. ${user || "(unknown)"} is not there — ask the coordinator to add it`,
    };
  if (w.staff.role === "coordinator") return null;
  if (w.staff.id && (a.examinerId === w.staff.id || a.assistantId === w.staff.id)) return null;
  return {
    ru: `Правило доступа: результаты вносят экзаменатор или ассистент. Аттестация ${a.id} — не ваша (${w.staff.id}); попросите её экзаменатора или координатора`,
    en: `Access rule: results are entered by the examiner or the assistant. Attestation ${a.id} is not yours (${w.staff.id}); ask its examiner or the coordinator`,
  };
}

function item(a: Attestation, model: Model): AttestationItem {
  const group = model.groups.find((g) => g.id === a.groupId);
  return {
    id: a.id,
    date: a.date ?? "",
    groupId: a.groupId,
    subject: a.subject || group?.subject || "",
    form: a.form ? enumLabel("attestationForm", a.form, model.settings.language) : "",
  };
}

/** The grid of the results sheet and who is on it: participants and rows already there. */
function sheetOf(st: State, a: Attestation) {
  const { model } = st;
  const lang = model.settings.language;
  const sheet = st.tab ?? resultsSheetName(a.id, lang);
  const grid: CellValue[][] = st.tab ? (st.tables.get(st.tab)?.values ?? []).map((r) => [...r]) : [];
  const read = readResultSheet(sheet, a.id, grid).results;
  const sitting = participants(a, model);
  const onSheet = new Set(read.lines.map((l) => l.studentId));
  const ids = new Set([...sitting.map((s) => s.id), ...onSheet]);
  return { sheet, grid, lines: read.lines, sitting, ids };
}

function view(st: State, a: Attestation | undefined, mine: Attestation[]): AttestationResults {
  const { model } = st;
  const base = {
    attestations: mine.map((x) => item(x, model)),
    tokens: [...RESULT_TOKENS],
  };
  if (!a) return { ...base, attestationId: null, sheet: "", exists: false, students: [] };
  const s = sheetOf(st, a);
  const byId = new Map(model.students.map((x) => [x.id, x]));
  const line = new Map(s.lines.map((l) => [l.studentId, l]));
  const students = [...s.ids]
    .map((id) => {
      const student = byId.get(id);
      return {
        id,
        name: student ? shownName(student, model.settings.namesInReport) : "",
        sortName: student?.name ?? id,
        cell: line.get(id)?.text ?? "",
        comment: line.get(id)?.comment ?? "",
      };
    })
    .sort((x, y) => x.sortName.localeCompare(y.sortName, "ru") || (x.id < y.id ? -1 : 1))
    .map(({ sortName: _s, ...rest }) => rest);
  return { ...base, attestationId: a.id, sheet: s.sheet, exists: Boolean(st.tab), students };
}

function mineOf(st: State, user: string): Attestation[] {
  return st.attestations
    .filter((a) => !refusal(st.model, user, a))
    .sort((x, y) => (x.date! < y.date! ? -1 : x.date! > y.date! ? 1 : x.id < y.id ? -1 : 1));
}

function find(st: State, id: string): Attestation {
  const a = st.attestations.find((x) => x.id === id);
  if (!a)
    throw notFound({
      ru: `Аттестации «${id}» нет на листе «Аттестация»`,
      en: `Attestation "${id}" is not on the Attestation sheet`,
    });
  return a;
}

export function attestationResultsLoad(
  p: SidebarPorts,
  payload: AttestationResultsQuery,
): AttestationResults {
  const req = obj(payload);
  const wantId = str(req.attestationId, ID, { max: 100 });
  // The ID decides which results tab to read; without one, the default needs the list first.
  let st = loadState(p, wantId);
  const mine = mineOf(st, p.user);
  if (wantId) {
    const a = find(st, wantId);
    const no = refusal(st.model, p.user, a);
    if (no) throw new UserError("no-access", no);
    return view(st, a, mine);
  }
  const today = todayIn(p.clock.now(), st.model.settings.timeZone);
  const pick = mine.filter((a) => a.date! <= today).at(-1) ?? mine[0];
  if (pick && st.names.some((n) => resultsIdOf(n) === pick.id)) st = loadState(p, pick.id);
  return view(st, pick, mine);
}

type Audited = { sheet: string; cell: string; old: string; new: string };
const bad = (m: Msg) => new UserError("bad-args", m);

/** The result as the sheet keeps it: a mark as a number, a word in its canonical spelling. */
function resultCell(model: Model, id: string, raw: string): WriteValue {
  const v = parseResult(raw);
  if (v === "invalid")
    throw bad({
      ru: `${who(model, id)}: «${raw}» — не результат аттестации (5, 4, 3, 2, зач, незач, н, у, осв)`,
      en: `${who(model, id)}: "${raw}" is not an attestation result (5, 4, 3, 2, pass, fail, a, e, ex)`,
    });
  if (!v) return null;
  return v.kind === "mark" ? v.mark : resultLabel(v);
}

/** The sheet as it will be with missing rows added (created when it is not there). */
function ensureRows(st: State, a: Attestation, needed: readonly string[]) {
  const s = sheetOf(st, a);
  const have = new Set(s.lines.map((l) => l.studentId));
  if (st.tab && needed.every((id) => have.has(id))) return { ...s, plan: null as SheetWrite | null };
  const email = new Map(st.model.staff.map((x) => [x.id, x.email]));
  // Whoever is touched and not on the sheet sits the attestation (checked by the caller).
  const roster: Student[] = s.sitting;
  const plan = planResultSheet({
    sheet: s.sheet,
    lang: st.model.settings.language,
    students: roster,
    existing: st.tab ? s.grid : null,
    editors: [email.get(a.examinerId), email.get(a.assistantId)].filter((x): x is string => Boolean(x)),
  });
  const grid = overlay(s.grid, plan.write.cells);
  return { ...s, grid, lines: readResultSheet(s.sheet, a.id, grid).results.lines, plan: plan.write };
}

interface Change {
  id: string;
  row: number;
  col: number;
  old: string;
  value: WriteValue;
}

/** The changed cells (result and comment), after the stale check against what was loaded. */
function changesOf(
  model: Model,
  sheet: string,
  grid: CellValue[][],
  rowOf: Map<string, number>,
  cols: { result: number; comment: number },
  req: AttestationResultsSave,
): Change[] {
  const at = (row: number | undefined, col: number) =>
    row ? cellText(grid[row - 1]?.[col - 1] ?? null).trim() : "";
  const out: Change[] = [];
  const pass = (
    exp: Record<string, string>,
    vals: Record<string, string>,
    col: number,
    cell: (id: string, v: string) => WriteValue,
  ) => {
    for (const [id, was] of Object.entries(exp)) {
      const row = rowOf.get(id);
      const now = at(row, col);
      if (now !== was)
        throw conflict({
          ru: `${who(model, id)}: ячейку ${sheet}!${a1(row ?? 0, col)} уже изменили после загрузки (было «${was}», сейчас «${now}»). Загрузите заново и повторите`,
          en: `${who(model, id)}: cell ${sheet}!${a1(row ?? 0, col)} was changed after the sidebar loaded it (was "${was}", now "${now}"). Reload and try again`,
        });
    }
    for (const [id, v] of Object.entries(vals)) {
      const row = rowOf.get(id)!;
      const value = cell(id, v);
      const old = at(row, col);
      if (old !== String(value ?? "")) out.push({ id, row, col, old, value });
    }
  };
  pass(req.expected, req.values, cols.result, (id, v) => resultCell(model, id, v));
  pass(
    req.expectedComments ?? {},
    req.comments,
    cols.comment,
    (_id, v) => v.replace(/\s+/g, " ").trim() || null,
  );
  return out;
}

/** One block over the changed rows and the result..comment columns (cells between kept). */
function blockOf(grid: CellValue[][], changes: readonly Change[]) {
  const rows = changes.map((c) => c.row);
  const cols = changes.map((c) => c.col);
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const left = Math.min(...cols);
  const right = Math.max(...cols);
  const by = new Map(changes.map((c) => [`${c.row}:${c.col}`, c.value]));
  const values: WriteValue[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: WriteValue[] = [];
    for (let c = left; c <= right; c++) {
      const k = `${r}:${c}`;
      line.push(by.has(k) ? by.get(k)! : (grid[r - 1]?.[c - 1] ?? null));
    }
    values.push(line);
  }
  return {
    block: { row: top, col: left, values },
    range: a1Range(top, left, bottom - top + 1, right - left + 1),
  };
}

function saveRequest(payload: AttestationResultsSave): AttestationResultsSave {
  const req = obj(payload);
  return {
    attestationId: str(req.attestationId, ID, { required: true, max: 100 }),
    expected: strMap(req.expected, RESULT),
    values: strMap(req.values, RESULT),
    expectedComments: strMap(req.expectedComments, COMMENT),
    comments: commentMap(req.comments),
  };
}

function commentMap(v: unknown): Record<string, string> {
  const o = obj(v ?? {});
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) out[k] = str(x, COMMENT, { max: 1000 });
  return out;
}

export function attestationResultsSave(
  p: SidebarPorts,
  payload: AttestationResultsSave,
): AttestationResultsSaved {
  const req = saveRequest(payload);
  return p.lock.withLock(() => {
    const st = loadState(p, req.attestationId);
    const { model } = st;
    const a = find(st, req.attestationId);
    const no = refusal(model, p.user, a);
    if (no) throw new UserError("no-access", no);
    const touched = [...new Set([...Object.keys(req.values), ...Object.keys(req.comments)])];
    const known = sheetOf(st, a).ids;
    for (const id of touched)
      if (!known.has(id))
        throw bad({
          ru: `${who(model, id)} не сдаёт аттестацию ${a.id} (нет в группе ${a.groupId} на эту дату)`,
          en: `${who(model, id)} does not sit attestation ${a.id} (not in ${a.groupId} on its date)`,
        });
    for (const [id, v] of Object.entries(req.values)) resultCell(model, id, v);
    const s = ensureRows(st, a, touched);
    const cols = columnsOf(s.grid[0] ?? []);
    const rowOf = new Map(s.lines.map((l) => [l.studentId, l.row]));
    const changes = changesOf(
      model,
      s.sheet,
      s.grid,
      rowOf,
      { result: cols.result + 1, comment: cols.comment + 1 },
      req,
    );
    const entries: Audited[] = [];
    if (s.plan && !st.tab) entries.push({ sheet: s.sheet, cell: "", old: "", new: a.id });
    let range = "";
    const writes: SheetWrite[] = [];
    let cells = s.plan?.cells ?? [];
    if (changes.length) {
      const b = blockOf(s.grid, changes);
      cells = [...cells, b.block];
      range = `${s.sheet}!${b.range}`;
      for (const c of changes)
        entries.push({ sheet: s.sheet, cell: a1(c.row, c.col), old: c.old, new: String(c.value ?? "") });
    }
    if (changes.length || s.plan) writes.push(s.plan ? { ...s.plan, cells } : { sheet: s.sheet, cells });
    if (writes.length) p.wb.write([...writes, audit(p, model, "attestation", entries)]);
    // The view of the sheet as written, from memory (no second read).
    const grid = overlay(s.grid, changes.length ? cells.slice(-1) : []);
    st.tables.set(s.sheet, { sheet: s.sheet, values: grid });
    const after: State = { ...st, tab: s.sheet };
    return { changed: changes.length, range, results: view(after, a, mineOf(after, p.user)) };
  });
}
