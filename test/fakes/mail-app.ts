/**
 * Fake MailApp: the daily recipient quota (100 on consumer accounts) that each recipient of
 * each mail uses up, the real error when it runs out, and invalid addresses refused. Sent
 * mail is recorded; tests set the quota and start a new day with _newDay().
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const DAILY_MAIL_QUOTA = 100;
export const MAIL_QUOTA_MESSAGE = "Exception: Service invoked too many times for one day: email.";

export interface SentMail {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  attachments: number;
  /** env.now() when sent. */
  at: Date;
}

interface MailOptions {
  cc?: string;
  bcc?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

interface MailMessage extends MailOptions {
  to: string;
  subject: string;
  body?: string;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

const split = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

export class FakeMailApp {
  readonly sent: SentMail[] = [];
  private remaining: number;

  constructor(
    readonly env: FakeEnv,
    readonly dailyQuota = DAILY_MAIL_QUOTA,
  ) {
    this.remaining = dailyQuota;
  }

  getRemainingDailyQuota(): number {
    return this.remaining;
  }

  sendEmail(
    recipientOrMessage: string | MailMessage,
    subject?: string,
    body?: string,
    options: MailOptions = {},
  ): void {
    const m: MailMessage =
      typeof recipientOrMessage === "string"
        ? { ...options, to: recipientOrMessage, subject: subject ?? "", body: body ?? "" }
        : recipientOrMessage;
    const to = split(m.to);
    const cc = split(m.cc);
    const bcc = split(m.bcc);
    const all = [...to, ...cc, ...bcc];
    if (!all.length) throw new Error("Exception: Failed to send email: no recipient");
    for (const a of all) if (!EMAIL.test(a)) throw new Error(`Exception: Invalid email: ${a}`);
    if (all.length > this.remaining) throw new Error(MAIL_QUOTA_MESSAGE);
    this.remaining -= all.length;
    this.sent.push({
      to,
      cc,
      bcc,
      subject: m.subject,
      body: m.body ?? "",
      htmlBody: m.htmlBody,
      name: m.name,
      replyTo: m.replyTo,
      attachments: m.attachments?.length ?? 0,
      at: this.env.now(),
    });
  }

  /** Test helper: what is left of today's quota. */
  _setQuota(remaining: number): void {
    this.remaining = remaining;
  }

  /** Test helper: a new day, the full quota again. */
  _newDay(): void {
    this.remaining = this.dailyQuota;
  }
}
countCalls(FakeMailApp, "MailApp");
