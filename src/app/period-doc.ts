/**
 * «Отчёт за период…» in Google: the period report (the renderer and the document standard of
 * the monthly report) as a Google Doc, rewritten in place on a rerun (its ID remembered per
 * period), shared with the report's recipients, and «Итоги <период>» written — one read and
 * one write of the workbook under the document lock.
 */
import { norm } from "../core/schema.js";
import type { Clock, DocumentSink, Lock, Store, Workbook } from "../ports.js";
import { loadAttestation } from "./attestation.js";
import { compilePeriod } from "./period.js";

/** Blocks a Docs append: the whole report in one or two calls (as the monthly job). */
const CHUNK = 32;

export const periodDocKey = (name: string) => `period.doc.${norm(name)}`;

export interface PeriodDocPorts {
  wb: Workbook;
  store: Store;
  clock: Clock;
  lock: Lock;
  docs: DocumentSink;
}

export interface PeriodDocResult {
  period: string;
  url: string;
  students: number;
  readers: readonly string[];
}

/** The report of period `name`, or null when the workbook has no such period with dates. */
export function writePeriodDoc(p: PeriodDocPorts, name: string): PeriodDocResult | null {
  return p.lock.withLock(() => {
    const st = loadAttestation(p.wb);
    const run = compilePeriod(st, name, p.clock.now());
    if (!run) return null;
    p.wb.write([run.termWrite]);
    const key = periodDocKey(run.period.name);
    const doc = p.docs.open(p.store.get(key), run.doc.title, st.model.settings.reportFolder);
    if (p.store.get(key) !== doc.id) p.store.set(key, doc.id);
    p.docs.clear(doc.id, run.doc.header);
    for (let i = 0; i < run.doc.blocks.length; i += CHUNK)
      p.docs.append(doc.id, run.doc.blocks.slice(i, i + CHUNK));
    const readers = st.model.settings.reportRecipients;
    p.docs.share(doc.id, readers);
    return { period: run.period.name, url: doc.url, students: run.marks.figures.school.students, readers };
  });
}
