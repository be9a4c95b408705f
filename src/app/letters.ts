/**
 * Monthly progress letters to parents, over the ports (shared by the Apps Script menu and
 * `coordinator letters`): plan who gets which letter, record each one sent in the hidden
 * sheet «Письма» so that nothing goes twice, and — for Apps Script — mail them within the
 * daily quota and the 6-minute run, leaving the rest for a continuation.
 */
import { monthRange } from "../core/dates.js";
import { isoLocal } from "../core/forms/responses.js";
import type { Lang } from "../core/i18n.js";
import { type Issue, issue } from "../core/issues.js";
import { buildLetter, letterText } from "../core/letters/letter.js";
import { type LetterRecipient, type LetterSkip, letterRecipients } from "../core/letters/recipients.js";
import {
  lettersTabOf,
  parseSent,
  type SentChannel,
  type SentColumn,
  type SentRow,
  sentStudents,
  sentWrite,
} from "../core/letters/sent.js";
import { computeMonth, type MonthFigures } from "../core/metrics/index.js";
import type { Model } from "../core/model.js";
import { locateSheets, parseModel } from "../core/parse/index.js";
import type { ReportDoc } from "../core/report/model.js";
import { expandLessons } from "../core/schedule/expand.js";
import type { Clock, Lock, Mailer, Workbook } from "../ports.js";
import { defaultMonth } from "./report.js";

export interface PlannedLetter {
  recipient: LetterRecipient;
  doc: ReportDoc;
  subject: string;
  /** Plain text for an email body. */
  body: string;
}

export interface LetterPlan {
  month: string;
  lang: Lang;
  model: Model;
  figures: MonthFigures;
  /** Letters not yet recorded for the month, in Students order. */
  letters: PlannedLetter[];
  /** Rows of «Письма» already recorded for the month. */
  already: SentRow[];
  skipped: LetterSkip[];
  lettersTab: string | undefined;
  sentColumns: Partial<Record<SentColumn, number>>;
  issues: Issue[];
}

interface SentState {
  tab: string | undefined;
  rows: SentRow[];
  columns: Partial<Record<SentColumn, number>>;
  issues: Issue[];
}

function sentOf(tab: string | undefined, values: Parameters<typeof parseSent>[1]): SentState {
  if (!tab) return { tab, rows: [], columns: {}, issues: [] };
  return { tab, ...parseSent(tab, values) };
}

/** Only «Письма», for the re-check right before each send. */
function readSent(wb: Workbook): SentState {
  const tab = lettersTabOf(wb.sheetNames());
  return sentOf(tab, tab ? (wb.read([tab]).get(tab)?.values ?? []) : []);
}

/** A wall-clock stamp: a Date whose UTC fields hold the local time in `timeZone` (the port's convention). */
export function localStamp(now: Date, timeZone: string): Date {
  return new Date(`${isoLocal(now, timeZone)}Z`);
}

/**
 * Who gets `month`'s letter and its text. One read (every known sheet, the journals and
 * «Письма»), no write. Without a month: the previous one at `now` in the workbook's zone.
 */
export function planLetters(wb: Workbook, monthArg: string | undefined, now: Date): LetterPlan {
  const names = wb.sheetNames();
  const { tabs, journals } = locateSheets(names);
  const { audit: _a, problems: _p, ...data } = tabs;
  const lettersTab = lettersTabOf(names);
  const wanted = [...Object.values(data), ...journals, lettersTab].filter((x): x is string => Boolean(x));
  const tables = wb.read(wanted);
  const model = parseModel(names, tables);
  const sent = sentOf(lettersTab, lettersTab ? (tables.get(lettersTab)?.values ?? []) : []);
  const month = monthArg ?? defaultMonth(now, model.settings.timeZone);
  const { from, to } = monthRange(month);
  const figures = computeMonth(model, month, expandLessons(model, from, to));
  const lang = model.settings.language;
  const done = sentStudents(sent.rows, month);
  const { send, skipped } = letterRecipients(model);
  const withLessons = new Set(figures.pairs.filter((p) => p.counted).map((p) => p.studentId));
  const letters: PlannedLetter[] = [];
  for (const r of send) {
    if (done.has(r.studentId)) continue;
    if (!withLessons.has(r.studentId)) {
      const s = model.students.find((x) => x.id === r.studentId)!;
      skipped.push({
        studentId: r.studentId,
        name: r.name,
        className: r.className,
        row: s.row,
        reason: "no-lessons",
      });
      continue;
    }
    const doc = buildLetter(model, figures, r.studentId, lang);
    letters.push({ recipient: r, doc, subject: doc.title, body: letterText(doc) });
  }
  skipped.sort((a, b) => a.row - b.row);
  return {
    month,
    lang,
    model,
    figures,
    letters,
    already: sent.rows.filter((r) => r.month === month),
    skipped,
    lettersTab,
    sentColumns: sent.columns,
    issues: sent.issues,
  };
}

/** Record letters as sent (one write); the sheet is created hidden when missing. */
export function recordSent(
  wb: Workbook,
  plan: Pick<LetterPlan, "month" | "lang" | "model">,
  sent: readonly { studentId: string; channel: SentChannel }[],
  now: Date,
): void {
  const state = readSent(wb);
  const at = localStamp(now, plan.model.settings.timeZone);
  const w = sentWrite(
    sent.map((s) => ({ month: plan.month, studentId: s.studentId, sentAt: at, channel: s.channel })),
    state.tab,
    state.columns,
    plan.lang,
  );
  if (w) wb.write([w]);
}

export interface LetterPorts {
  wb: Workbook;
  lock: Lock;
  mailer: Mailer;
  clock: Clock;
  /** Stop after this long and let a continuation go on (Apps Script: 6 minutes a run). */
  budgetMs?: number;
}

export const LETTERS_BUDGET_MS = 5 * 60 * 1000;

export interface SendResult {
  month: string;
  lang: Lang;
  /** Student IDs mailed in this run. */
  sent: string[];
  /** Letters still to mail after this run (0 when done). */
  remaining: number;
  /** Why the run stopped early: the daily mail quota, or the run's time budget. */
  stopped: "quota" | "time" | null;
  /** Families reached only by phone: the coordinator sends those herself. */
  phoneOnly: LetterRecipient[];
  skipped: LetterSkip[];
  /** Recorded for the month before this run. */
  already: number;
  issues: Issue[];
}

const QUOTA_ERROR = /too many times|quota|слишком много/i;

/**
 * Mail the month's letters: the quota is read first and each send must fit in it; each
 * letter is sent and recorded under the lock, after checking «Письма» again, so that two
 * runs (the menu and a continuation) never mail a family twice. A bad address is reported
 * and skipped; the run goes on.
 */
export function sendLetters(p: LetterPorts, month: string): SendResult {
  const started = p.clock.now().getTime();
  const budget = p.budgetMs ?? LETTERS_BUDGET_MS;
  const plan = p.lock.withLock(() => planLetters(p.wb, month, p.clock.now()));
  const issues = [...plan.issues];
  const mailable = plan.letters.filter((l) => l.recipient.channel === "email");
  const phoneOnly = plan.letters.filter((l) => l.recipient.channel === "phone").map((l) => l.recipient);
  const sent: string[] = [];
  let quota = p.mailer.remainingQuota();
  let stopped: SendResult["stopped"] = null;
  let i = 0;
  for (; i < mailable.length; i++) {
    const letter = mailable[i];
    const to = letter.recipient.email.split(/,\s*/).filter(Boolean);
    if (quota < to.length) {
      stopped = "quota";
      break;
    }
    if (p.clock.now().getTime() - started > budget) {
      stopped = "time";
      break;
    }
    const outcome = p.lock.withLock((): "sent" | "already" | "failed" | "quota" => {
      const state = readSent(p.wb);
      if (sentStudents(state.rows, month).has(letter.recipient.studentId)) return "already";
      try {
        p.mailer.send(to, letter.subject, letter.body);
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        if (QUOTA_ERROR.test(text)) return "quota";
        issues.push(
          issue(
            "",
            "",
            "bad-email",
            {
              ru: `Письмо за ${month} для ${letter.recipient.studentId} (${letter.recipient.email}) не отправлено: ${text}`,
              en: `The ${month} letter for ${letter.recipient.studentId} (${letter.recipient.email}) was not sent: ${text}`,
            },
            "warning",
          ),
        );
        return "failed";
      }
      const w = sentWrite(
        [
          {
            month,
            studentId: letter.recipient.studentId,
            sentAt: localStamp(p.clock.now(), plan.model.settings.timeZone),
            channel: "email",
          },
        ],
        state.tab,
        state.columns,
        plan.lang,
      );
      if (w) p.wb.write([w]);
      return "sent";
    });
    if (outcome === "quota") {
      stopped = "quota";
      quota = 0;
      break;
    }
    if (outcome === "sent") {
      sent.push(letter.recipient.studentId);
      quota -= to.length;
    }
  }
  return {
    month,
    lang: plan.lang,
    sent,
    remaining: stopped ? mailable.length - i : 0,
    stopped,
    phoneOnly,
    skipped: plan.skipped,
    already: plan.already.length,
    issues,
  };
}
