/** Per-staff figures: lessons planned vs held in their groups, contacts, days without contact per group. */
import { daysBetween } from "../dates.js";
import type { Contact, Group, IsoDate, Staff } from "../records.js";
import type { GroupContact, GroupFigures, StaffFigures } from "./types.js";

const later = (a: IsoDate | null, b: IsoDate | null): IsoDate | null =>
  a === null ? b : b === null ? a : a > b ? a : b;

/** The person's latest logged contact per group ("" = all their groups), dated ≤ `to`. */
function lastLogged(contacts: readonly Contact[], staffId: string, to: IsoDate): Map<string, IsoDate> {
  const out = new Map<string, IsoDate>();
  for (const c of contacts) {
    if (c.staffId !== staffId || c.date === null || c.date > to) continue;
    if ((out.get(c.groupId) ?? "") < c.date) out.set(c.groupId, c.date);
  }
  return out;
}

/**
 * Contact with one group (WORKBOOK-FORMAT «Monthly figures»): a log entry naming the group or
 * no group, and for its teacher every held lesson; days from the last one to the end of M
 * (from the group's first lesson when there was none; null when it has not started).
 */
function groupContact(
  g: Group,
  as: GroupContact["as"],
  figures: GroupFigures | undefined,
  logged: ReadonlyMap<string, IsoDate>,
  to: IsoDate,
  threshold: number,
): GroupContact {
  let last = later(logged.get(g.id) ?? null, logged.get("") ?? null);
  if (as === "teacher") last = later(last, figures?.lastHeld ?? null);
  const first = figures?.firstLesson ?? null;
  const since = last ?? (first !== null && first <= to ? first : null);
  const days = since === null ? null : daysBetween(since, to);
  return { groupId: g.id, as, lastContact: last, days, stale: days !== null && days > threshold };
}

/**
 * Staff members who teach or tutor at least one group, in Staff order. Contacts dated after M
 * are not seen (a past month reads the same later).
 */
export function staffFigures(
  staff: readonly Staff[],
  groups: readonly Group[],
  groupFigures: readonly GroupFigures[],
  contacts: readonly Contact[],
  from: IsoDate,
  to: IsoDate,
  daysWithoutContact: number,
): StaffFigures[] {
  const figuresOf = new Map(groupFigures.map((g) => [g.groupId, g]));
  const out: StaffFigures[] = [];
  const seen = new Set<string>();
  for (const person of staff) {
    const id = person.id;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const mine = new Map<string, Group>();
    for (const g of groups)
      if ((g.teacherId === id || g.tutorId === id) && !mine.has(g.id)) mine.set(g.id, g);
    if (mine.size === 0) continue;
    const ids = [...mine.keys()];
    const logged = lastLogged(contacts, id, to);
    const groupContacts = [...mine.values()].map((g) =>
      groupContact(
        g,
        g.teacherId === id ? "teacher" : "tutor",
        figuresOf.get(g.id),
        logged,
        to,
        daysWithoutContact,
      ),
    );
    const last = groupContacts.reduce<IsoDate | null>(
      (a, c) => later(a, c.lastContact),
      logged.get("") ?? null,
    );
    out.push({
      staffId: id,
      name: person.name,
      role: person.role,
      groups: ids,
      planned: ids.reduce((a, g) => a + (figuresOf.get(g)?.planned ?? 0), 0),
      held: ids.reduce((a, g) => a + (figuresOf.get(g)?.columns ?? 0), 0),
      contacts: contacts.filter((c) => c.staffId === id && c.date !== null && c.date >= from && c.date <= to)
        .length,
      lastContact: last,
      daysSinceContact: last === null ? null : daysBetween(last, to),
      noContact: groupContacts.some((c) => c.stale),
      groupsWithoutContact: groupContacts.filter((c) => c.stale).map((c) => c.groupId),
      groupContacts,
    });
  }
  return out;
}
