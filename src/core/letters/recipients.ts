/**
 * Who gets the monthly progress letter: parents of students with data consent who have not
 * left, reached by email when there is one, else by phone (the coordinator sends those
 * herself). Everyone else is listed with the reason, never silently.
 */
import type { Msg } from "../i18n.js";
import type { Model } from "../model.js";
import { isEmail, splitEmails } from "../parse/index.js";

export type LetterChannel = "email" | "phone";

export interface LetterRecipient {
  studentId: string;
  name: string;
  className: string;
  parent: string;
  channel: LetterChannel;
  /** Valid addresses from the parent email cell, joined by ", "; "" when none. */
  email: string;
  phone: string;
}

/** letterRecipients gives the first three; planning a month adds "no-lessons". */
export type LetterSkipReason = "no-consent" | "no-contact" | "left" | "no-lessons";

export interface LetterSkip {
  studentId: string;
  name: string;
  className: string;
  /** 1-based row on «Учащиеся». */
  row: number;
  reason: LetterSkipReason;
}

export const LETTER_SKIP_REASONS: Record<LetterSkipReason, Msg> = {
  left: { ru: "выбыл(а)", en: "left the school" },
  "no-consent": {
    ru: "нет согласия на обработку ПДн («да» в столбце согласия)",
    en: 'no data consent ("yes" in the consent column)',
  },
  "no-contact": {
    ru: "нет email и телефона родителя (или адрес с ошибкой)",
    en: "no parent email or phone (or a mistyped address)",
  },
  "no-lessons": {
    ru: "в этом месяце не было уроков в его группах — писать не о чем",
    en: "no lessons in their groups this month — nothing to report",
  },
};

/**
 * One entry per student ID (the first row wins; a repeated ID is reported by parsing).
 * Rows without an ID are left to parsing's issues: a letter cannot be tracked without one.
 */
export function letterRecipients(model: Pick<Model, "students">): {
  send: LetterRecipient[];
  skipped: LetterSkip[];
} {
  const send: LetterRecipient[] = [];
  const skipped: LetterSkip[] = [];
  const seen = new Set<string>();
  for (const s of model.students) {
    if (!s.id || seen.has(s.id)) continue;
    seen.add(s.id);
    const skip = (reason: LetterSkipReason) =>
      skipped.push({ studentId: s.id, name: s.name, className: s.className, row: s.row, reason });
    const email = splitEmails(s.parentEmail).filter(isEmail).join(", ");
    const phone = s.parentPhone.trim();
    if (s.status === "left") skip("left");
    else if (s.consent !== true) skip("no-consent");
    else if (!email && !phone) skip("no-contact");
    else
      send.push({
        studentId: s.id,
        name: s.name,
        className: s.className,
        parent: s.parent,
        channel: email ? "email" : "phone",
        email,
        phone,
      });
  }
  return { send, skipped };
}
