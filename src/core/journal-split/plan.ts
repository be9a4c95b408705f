/**
 * One sync of the master's journals with the tutors' journal workbook, as pure data: what to
 * write into each workbook, which cells conflict, the new base and who may edit which tab.
 * The master's journal tabs stay the record: only tabs the master has are synced, only keys
 * the master has are compared.
 */
import type { SheetWrite } from "../../ports.js";
import { a1, type CellValue, cellText, type WriteValue } from "../cells.js";
import type { Lang } from "../i18n.js";
import { type Issue, issue } from "../issues.js";
import { parseJournal } from "../journal/parse.js";
import type { Model } from "../model.js";
import type { IsoDate } from "../records.js";
import { type KeyedJournal, keyedJournal } from "./grid.js";
import { markerWrite } from "./marker.js";
import { type Merge, mergeCells } from "./merge.js";
import { journalNames } from "./names.js";
import type { SyncBase } from "./state.js";
import { journalTabWrite } from "./tab.js";

export interface AppliedChange {
  sheet: string;
  cell: string;
  old: CellValue;
  value: CellValue;
}

export interface SyncPlan {
  journalWrites: SheetWrite[];
  /** Cells of the master's journal tabs taken from the journal workbook. */
  masterWrites: SheetWrite[];
  applied: AppliedChange[];
  pushed: number;
  conflicts: Issue[];
  base: SyncBase;
  /** Per tab, the staff allowed to edit it; `readers` is every one of them (the workbook's sharing). */
  tabs: { sheet: string; groupId: string; editors: string[] }[];
  readers: string[];
}

export interface SyncArgs {
  model: Model;
  /** The journal workbook's tabs as read (absent: not there yet). */
  journal: ReadonlyMap<string, readonly (readonly CellValue[])[]>;
  base: SyncBase;
  today: IsoDate;
  lang: Lang;
  /** The master as the journal workbook's marker names it (spreadsheet ID or file name). */
  masterId: string;
  /** The journal workbook's marker sheet as read (absent: not there yet). */
  marker?: readonly (readonly CellValue[])[];
}

const shown = (v: CellValue) => (cellText(v) === "" ? "∅" : `«${cellText(v)}»`);

function conflictIssue(sheet: string, cell: string, master: CellValue, journal: CellValue): Issue {
  return issue(sheet, cell, "journal-sync-conflict", {
    ru: `Ячейку изменили и здесь (${shown(master)}), и в книге журналов (${shown(journal)}) после прошлой синхронизации — не перезаписано ни там, ни здесь; оставьте верное значение в обеих книгах`,
    en: `The cell changed both here (${shown(master)}) and in the journal workbook (${shown(journal)}) since the last sync — neither is overwritten; put the right value in both workbooks`,
  });
}

export function planSync(a: SyncArgs): SyncPlan {
  const { model } = a;
  const email = new Map(model.staff.map((s) => [s.id, s.email]));
  const plan: SyncPlan = {
    journalWrites: [],
    masterWrites: [],
    applied: [],
    pushed: 0,
    conflicts: [],
    base: new Map(),
    tabs: [],
    readers: [],
  };
  for (const master of model.journals) {
    const group = model.groups.find((g) => g.id === master.groupId);
    if (!group) continue;
    const sheet = master.sheet;
    const editors = [email.get(group.teacherId), email.get(group.tutorId)].filter((x): x is string =>
      Boolean(x),
    );
    // Listed before anything can skip the tab: its staff keep their access whatever happens.
    plan.tabs.push({ sheet, groupId: group.id, editors });
    const mk = keyedJournal(master);
    const grid = a.journal.get(sheet);
    const filled = grid?.some((row) => row.some((v) => cellText(v) !== "")) ?? false;
    const jpj = grid && filled ? parseJournal(sheet, grid) : null;
    if (jpj && !jpj.idCol) {
      // Rows cannot be told apart: nothing is taken or pushed, the base is kept for next time.
      plan.conflicts.push(
        issue(sheet, "", "missing-column", {
          ru: `В книге журналов на вкладке «${sheet}» нет столбца «ID» — вкладка не синхронизирована; верните столбец`,
          en: `The journal workbook's tab "${sheet}" has no «ID» column — not synced; put the column back`,
        }),
      );
      plan.base.set(sheet, new Map(a.base.get(sheet) ?? []));
      continue;
    }
    const jk = jpj ? keyedJournal(jpj) : null;
    const merge = mergeCells(a.base.get(sheet) ?? new Map(), mk.values, jk?.values ?? new Map());
    const ids = [...mk.rows.keys()];
    const enrollments = model.enrollments.filter((e) => e.groupId === group.id);
    const names = journalNames(
      ids,
      model.students,
      enrollments,
      model.settings.namesInReport,
      a.today,
      a.lang,
    );
    plan.journalWrites.push(
      journalTabWrite({
        sheet,
        groupId: group.id,
        lang: a.lang,
        master,
        exists: grid !== undefined,
        journal: jpj && jk && grid ? { pj: jpj, keyed: jk, grid } : null,
        names,
        editors,
        pushes: merge.toJournal,
      }),
    );
    plan.pushed += merge.toJournal.length;
    masterSide(plan, sheet, mk, merge);
  }
  plan.readers = [...new Set(plan.tabs.flatMap((t) => t.editors))].sort();
  const marker = markerWrite(
    {
      masterId: a.masterId,
      lang: a.lang,
      timeZone: model.settings.timeZone,
      tabs: plan.tabs.map((t) => ({ sheet: t.sheet, groupId: t.groupId })),
    },
    a.marker,
  );
  if (marker) plan.journalWrites.push(marker);
  return plan;
}

/** The master's share of one tab's merge: cells taken from the tutors, conflicts, the new base. */
function masterSide(plan: SyncPlan, sheet: string, mk: KeyedJournal, merge: Merge): void {
  const cells: { row: number; col: number; values: WriteValue[][] }[] = [];
  for (const c of merge.toMaster) {
    const at = mk.at.get(c.key)!;
    cells.push({ row: at.row, col: at.col, values: [[c.value as WriteValue]] });
    plan.applied.push({ sheet, cell: a1(at.row, at.col), old: c.old, value: c.value });
  }
  if (cells.length) plan.masterWrites.push({ sheet, cells });
  for (const c of merge.conflicts) {
    const at = mk.at.get(c.key)!;
    plan.conflicts.push(conflictIssue(sheet, a1(at.row, at.col), c.master, c.journal));
  }
  plan.base.set(sheet, merge.base);
}
