/**
 * «Карта учащегося…» in Google: a Doc per student in the folder «Карты учащихся», found again
 * by its remembered ID and rewritten in place, shared with nobody but the owner (and the class
 * teacher when «Классные руководители» names one). A class or the school runs as one job that
 * checkpoints before the 6-minute limit and goes on in a continuation.
 */
import { cellText, isBlank } from "../core/cells.js";
import type { Model } from "../core/model.js";
import { studentCard } from "../core/plans/card.js";
import { norm } from "../core/schema.js";
import type { Clock, DocumentSink, Lock, Store, Table, Workbook } from "../ports.js";
import { type CardSelection, cardInput, selectStudents } from "./card.js";
import { loadWorkbook } from "./load.js";

export const CARD_JOB_KEY = "card.job";
export const cardDocKey = (id: string) => `card.doc.${id}`;
export const CARD_FOLDER = { ru: "Карты учащихся", en: "Student cards" } as const;
export const CLASS_TEACHERS = { ru: "Классные руководители", en: "Class teachers" } as const;
const BUDGET_MS = 5 * 60 * 1000;

export interface CardJobPorts {
  wb: Workbook;
  store: Store;
  clock: Clock;
  lock: Lock;
  docs: DocumentSink;
  scheduleContinuation(): void;
  budgetMs?: number;
}

interface CardJobState {
  now: string;
  ids: string[];
  next: number;
}

export interface CardJobResult {
  status: "done" | "continued" | "refused";
  done: number;
  total: number;
  /** The Doc of each card written in this execution. */
  urls: { id: string; url: string }[];
  error?: string;
}

/** «9А: a@school.ru; 5Б: b@school.ru» on «Настройки» -> class -> emails; a malformed part is skipped. */
export function classTeachers(model: Model, tables: ReadonlyMap<string, Table>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const tab = model.tabs.settings;
  for (const line of tab ? (tables.get(tab)?.values ?? []) : []) {
    const n = norm(line[0]);
    if ((n !== norm(CLASS_TEACHERS.ru) && n !== norm(CLASS_TEACHERS.en)) || isBlank(line[1])) continue;
    for (const part of cellText(line[1]).split(/[;\n]/)) {
      const m = /^\s*([^:]+?)\s*:\s*(.+?)\s*$/.exec(part);
      if (!m) continue;
      const emails = m[2].split(/[,\s]+/).filter((e) => /^[^@\s]+@[^@\s]+$/.test(e));
      out.set(norm(m[1]), [...(out.get(norm(m[1])) ?? []), ...emails]);
    }
  }
  return out;
}

/** Start a job for a selection, or (without one) continue the saved job. */
export function runCardJob(p: CardJobPorts, sel?: CardSelection): CardJobResult {
  const started = p.clock.now().getTime();
  const outOfTime = () => p.clock.now().getTime() - started > (p.budgetMs ?? BUDGET_MS);
  return p.lock.withLock(() => {
    const { model, tables } = loadWorkbook(p.wb, { attestationResults: true });
    let state: CardJobState;
    if (sel) {
      const { ids, error } = selectStudents(model, sel);
      if (error) return { status: "refused", done: 0, total: 0, urls: [], error };
      state = { now: p.clock.now().toISOString(), ids, next: 0 };
    } else {
      const saved = p.store.get(CARD_JOB_KEY);
      if (!saved) return { status: "done", done: 0, total: 0, urls: [] };
      state = JSON.parse(saved) as CardJobState;
    }
    const input = cardInput(model, tables, new Date(state.now));
    const teachers = classTeachers(model, tables);
    const lang = model.settings.language;
    const urls: { id: string; url: string }[] = [];
    while (state.next < state.ids.length) {
      if (urls.length && outOfTime()) {
        p.store.set(CARD_JOB_KEY, JSON.stringify(state));
        p.scheduleContinuation();
        return { status: "continued", done: state.next, total: state.ids.length, urls };
      }
      const id = state.ids[state.next];
      const doc = studentCard(id, input);
      if (doc) {
        const opened = p.docs.open(p.store.get(cardDocKey(id)), doc.title, CARD_FOLDER[lang]);
        p.store.set(cardDocKey(id), opened.id);
        p.docs.clear(opened.id);
        p.docs.append(opened.id, doc.blocks);
        const cls = model.students.find((s) => s.id === id)?.className ?? "";
        p.docs.share(opened.id, teachers.get(norm(cls)) ?? []);
        urls.push({ id, url: opened.url });
      }
      state.next++;
    }
    p.store.delete(CARD_JOB_KEY);
    return { status: "done", done: state.next, total: state.ids.length, urls };
  });
}
