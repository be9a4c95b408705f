/** Per-staff figures: lessons planned vs held in their groups, contacts, days since the last one. */
import { daysBetween } from "../dates.js";
import type { Contact, Group, IsoDate, Staff } from "../records.js";
import type { GroupFigures, StaffFigures } from "./types.js";

/**
 * Staff members who teach or tutor at least one group, in Staff order. A contact with a blank
 * group covers all the person's groups; contacts dated after M are not seen (a past month
 * reads the same later).
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
    const mine = groups.filter((g) => g.teacherId === id || g.tutorId === id).map((g) => g.id);
    const ids = [...new Set(mine)];
    if (ids.length === 0) continue;
    let planned = 0;
    let held = 0;
    for (const g of ids) {
      planned += figuresOf.get(g)?.planned ?? 0;
      held += figuresOf.get(g)?.columns ?? 0;
    }
    let inMonth = 0;
    let last: IsoDate | null = null;
    const lastByGroup = new Map<string, IsoDate>();
    let lastAll: IsoDate | null = null;
    for (const c of contacts) {
      if (c.staffId !== id || c.date === null || c.date > to) continue;
      if (c.date >= from) inMonth++;
      if (last === null || c.date > last) last = c.date;
      if (c.groupId === "") {
        if (lastAll === null || c.date > lastAll) lastAll = c.date;
      } else if ((lastByGroup.get(c.groupId) ?? "") < c.date) lastByGroup.set(c.groupId, c.date);
    }
    const stale = (d: IsoDate | null) => d === null || daysBetween(d, to) > daysWithoutContact;
    const daysSinceContact = last === null ? null : daysBetween(last, to);
    out.push({
      staffId: id,
      name: person.name,
      role: person.role,
      groups: ids,
      planned,
      held,
      contacts: inMonth,
      lastContact: last,
      daysSinceContact,
      noContact: stale(last),
      groupsWithoutContact: ids.filter((g) => {
        const byGroup = lastByGroup.get(g) ?? null;
        const latest = byGroup !== null && (lastAll === null || byGroup > lastAll) ? byGroup : lastAll;
        return stale(latest);
      }),
    });
  }
  return out;
}
