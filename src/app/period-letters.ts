/**
 * Letters to parents with the attestation results and period marks of their child only, over
 * the ports: planned from the period's marks, recorded in «Письма» under the key «Итоги
 * <период>» so that a family gets each period's letter once, mailed within the daily quota
 * (read first; each send re-checks «Письма» under the lock), the rest left for a rerun.
 */
import { buildPeriodLetter, periodLetterKey } from "../core/attestation/letter.js";
import { findPeriod, periodOf } from "../core/attestation/sheets.js";
import type { Lang } from "../core/i18n.js";
import { letterText } from "../core/letters/letter.js";
import { type LetterRecipient, letterRecipients } from "../core/letters/recipients.js";
import { lettersTabOf, parseSent, sentStudents, sentWrite } from "../core/letters/sent.js";
import type { ReportDoc } from "../core/report/model.js";
import type { Clock, Lock, Mailer, Workbook } from "../ports.js";
import { loadAttestation, periodMarks } from "./attestation.js";
import { localStamp } from "./letters.js";
import { usablePeriod } from "./period.js";

export interface PeriodLetter {
  recipient: LetterRecipient;
  doc: ReportDoc;
  subject: string;
  body: string;
}

export interface PeriodLetterPlan {
  key: string;
  lang: Lang;
  letters: PeriodLetter[];
  /** Families already recorded for this period. */
  already: number;
  timeZone: string;
}

function sentState(wb: Workbook) {
  const tab = lettersTabOf(wb.sheetNames());
  const values = tab ? (wb.read([tab]).get(tab)?.values ?? []) : [];
  return { tab, ...(tab ? parseSent(tab, values) : { rows: [], columns: {}, issues: [] }) };
}

/** null when the period is unknown or has no dates. */
export function planPeriodLetters(wb: Workbook, periodName: string): PeriodLetterPlan | null {
  const st = loadAttestation(wb);
  const period = findPeriod(st.periods, periodName);
  if (!usablePeriod(period)) return null;
  const pm = periodMarks(st, period);
  const lang = st.model.settings.language;
  const key = periodLetterKey(period.name);
  const sent = sentState(wb);
  const done = sentStudents(sent.rows, key);
  const mine = st.attestations.filter((a) => periodOf(a, st.periods) === period);
  const withRows = new Set(pm.rows.map((r) => r.studentId));
  const letters: PeriodLetter[] = [];
  for (const r of letterRecipients(st.model).send) {
    if (done.has(r.studentId) || !withRows.has(r.studentId)) continue;
    const doc = buildPeriodLetter(st.model, pm, mine, r.studentId, lang);
    letters.push({ recipient: r, doc, subject: doc.title, body: letterText(doc) });
  }
  return { key, lang, letters, already: done.size, timeZone: st.model.settings.timeZone };
}

/** Record letters as given out another way (the CLI's .docx and CSV). */
export function recordPeriodLetters(
  wb: Workbook,
  plan: PeriodLetterPlan,
  studentIds: readonly string[],
  channel: "csv" | "docx",
  now: Date,
): void {
  const s = sentState(wb);
  const at = localStamp(now, plan.timeZone);
  const w = sentWrite(
    studentIds.map((studentId) => ({ month: plan.key, studentId, sentAt: at, channel })),
    s.tab,
    s.columns,
    plan.lang,
  );
  if (w) wb.write([w]);
}

export interface PeriodSendResult {
  sent: string[];
  remaining: number;
  stopped: "quota" | null;
  phoneOnly: string[];
  already: number;
}

/** Mail the period's letters within the quota; each one recorded (sent-at) right after it goes. */
export function sendPeriodLetters(
  p: { wb: Workbook; lock: Lock; mailer: Mailer; clock: Clock },
  periodName: string,
): PeriodSendResult | null {
  const plan = p.lock.withLock(() => planPeriodLetters(p.wb, periodName));
  if (!plan) return null;
  const mailable = plan.letters.filter((l) => l.recipient.channel === "email");
  const sent: string[] = [];
  let quota = p.mailer.remainingQuota();
  let i = 0;
  for (; i < mailable.length; i++) {
    const l = mailable[i];
    const to = l.recipient.email.split(/,\s*/).filter(Boolean);
    if (quota < to.length) break;
    const went = p.lock.withLock(() => {
      const s = sentState(p.wb);
      if (sentStudents(s.rows, plan.key).has(l.recipient.studentId)) return false;
      p.mailer.send(to, l.subject, l.body);
      const at = localStamp(p.clock.now(), plan.timeZone);
      const w = sentWrite(
        [{ month: plan.key, studentId: l.recipient.studentId, sentAt: at, channel: "email" }],
        s.tab,
        s.columns,
        plan.lang,
      );
      if (w) p.wb.write([w]);
      return true;
    });
    if (went) {
      sent.push(l.recipient.studentId);
      quota -= to.length;
    }
  }
  return {
    sent,
    remaining: mailable.length - i,
    stopped: i < mailable.length ? "quota" : null,
    phoneOnly: plan.letters.filter((l) => l.recipient.channel === "phone").map((l) => l.recipient.studentId),
    already: plan.already,
  };
}
