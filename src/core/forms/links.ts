/**
 * Personal form links for parents: the form's URL with the family token prefilled, one per
 * student with data consent. Everyone left out is listed with the reason, never silently.
 * No URL class here: Apps Script's V8 has none.
 */
import type { Msg } from "../i18n.js";
import type { Model } from "../model.js";
import { norm } from "../schema.js";

/** A problem with the form URL, or null when it can carry a prefilled answer. */
export function checkFormUrl(url: string): Msg | null {
  const u = url.trim();
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+(\/[^\s]*)?$/i.test(u))
    return {
      ru: `«${url}» — не адрес формы; скопируйте ссылку вида https://docs.google.com/forms/d/e/…/viewform`,
      en: `"${url}" is not a form address; copy a link like https://docs.google.com/forms/d/e/…/viewform`,
    };
  return null;
}

/** The number NNN of `entry.NNN` (also accepted with its "entry." prefix); null when it is not one. */
export function parseEntryId(id: string): string | null {
  const m = /^\s*(?:entry\.)?(\d{1,15})\s*$/i.exec(id);
  return m ? m[1] : null;
}

/**
 * `<form URL without query>?usp=pp_url&entry.<id>=<token>`, the shape Google's own
 * "Get pre-filled link" gives. An editor URL (…/edit) becomes the respondent's …/viewform.
 */
export function prefilledLink(formUrl: string, entryId: string, token: string): string {
  const base = formUrl
    .trim()
    .replace(/[?#].*$/, "")
    .replace(/\/edit$/, "/viewform");
  const id = parseEntryId(entryId);
  if (id === null) throw new Error(`entry id must be digits: ${entryId}`);
  return `${base}?usp=pp_url&entry.${id}=${encodeURIComponent(token)}`;
}

export interface ParentLink {
  studentId: string;
  className: string;
  parent: string;
  /** Email, or phone when there is no email or the preferred channel is phone-based. */
  contact: string;
  channel: string;
  link: string;
}

export type SkipReason = "left" | "no-consent" | "no-contact" | "no-token";

export const SKIP_REASONS: Record<SkipReason, Msg> = {
  left: { ru: "выбыл(а)", en: "left the school" },
  "no-consent": {
    ru: "нет согласия на обработку ПДн («да» в столбце согласия)",
    en: 'no data consent ("yes" in the consent column)',
  },
  "no-contact": { ru: "нет email и телефона родителя", en: "no parent email or phone" },
  "no-token": { ru: "нет кода семьи (нет ID учащегося?)", en: "no family code (no student ID?)" },
};

export interface Skipped {
  studentId: string;
  name: string;
  className: string;
  /** 1-based row of the student on «Учащиеся». */
  row: number;
  reason: SkipReason;
}

/** Channels reached through a phone number. */
const PHONE_CHANNEL = /тел|phone|telegram|телеграм|whatsapp|ватсап|viber|вайбер|sms|смс|звон|call|max|макс/;

function contactOf(email: string, phone: string, channel: string): string {
  if (phone && PHONE_CHANNEL.test(norm(channel))) return phone;
  return email || phone;
}

/** One link per student with consent who has not left; everyone else in `skipped` with why. */
export function parentLinks(
  model: Pick<Model, "students">,
  tokens: ReadonlyMap<string, string>,
  formUrl: string,
  entryId: string,
): { links: ParentLink[]; skipped: Skipped[] } {
  const links: ParentLink[] = [];
  const skipped: Skipped[] = [];
  for (const s of model.students) {
    const skip = (reason: SkipReason) =>
      skipped.push({ studentId: s.id, name: s.name, className: s.className, row: s.row, reason });
    if (s.status === "left") skip("left");
    else if (s.consent !== true) skip("no-consent");
    else if (!s.parentEmail && !s.parentPhone) skip("no-contact");
    else {
      const token = tokens.get(s.id);
      if (!token) skip("no-token");
      else
        links.push({
          studentId: s.id,
          className: s.className,
          parent: s.parent,
          contact: contactOf(s.parentEmail, s.parentPhone, s.channel),
          channel: s.channel,
          link: prefilledLink(formUrl, entryId, token),
        });
    }
  }
  return { links, skipped };
}
