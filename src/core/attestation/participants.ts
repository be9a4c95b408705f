/**
 * Who sits an attestation: the students enrolled in its group on its date, or, for a class
 * («9А» in the group column), the class's students enrolled on that date in a group of the
 * attestation's subject (any group when the subject is blank). Students who left (status
 * «выбыл») without an enrollment on the date are not there; order is the Students order.
 */
import { classKey } from "../metrics/index.js";
import type { Model } from "../model.js";
import type { Group, IsoDate, Student } from "../records.js";
import { enrollmentCovers } from "../schedule/expand.js";
import { norm } from "../schema.js";
import type { Attestation } from "./types.js";

export type Roster = Pick<Model, "students" | "groups" | "enrollments">;

/** The group an attestation names, or undefined when it names a class (or nothing known). */
export function groupOfAttestation(a: Attestation, m: Roster): Group | undefined {
  return m.groups.find((g) => g.id === a.groupId);
}

/** True when the group column names a class of Students rather than a group. */
export function namesClass(a: Attestation, m: Roster): boolean {
  if (!a.groupId || groupOfAttestation(a, m)) return false;
  const k = classKey(a.groupId);
  return m.students.some((s) => classKey(s.className) === k);
}

/** The subject: typed, else the group's. */
export function subjectOf(a: Attestation, m: Roster): string {
  return a.subject || groupOfAttestation(a, m)?.subject || "";
}

/** The groups whose students an attestation concerns (its group, or the class's groups of its subject). */
export function groupsOfAttestation(a: Attestation, m: Roster): Group[] {
  const g = groupOfAttestation(a, m);
  if (g) return [g];
  if (!namesClass(a, m)) return [];
  const subj = norm(a.subject);
  return m.groups.filter((x) => !subj || norm(x.subject) === subj);
}

export function participants(a: Attestation, m: Roster, date: IsoDate | null = a.date): Student[] {
  if (!date) return [];
  const groups = new Set(groupsOfAttestation(a, m).map((g) => g.id));
  const byClass = namesClass(a, m) ? classKey(a.groupId) : null;
  const ids = new Set(
    m.enrollments.filter((e) => groups.has(e.groupId) && enrollmentCovers(e, date)).map((e) => e.studentId),
  );
  const seen = new Set<string>();
  return m.students.filter((s) => {
    if (!ids.has(s.id) || seen.has(s.id)) return false;
    if (byClass !== null && classKey(s.className) !== byClass) return false;
    seen.add(s.id);
    return true;
  });
}

/** The group of a student that an attestation's result belongs to (the pair whose period mark it joins). */
export function pairGroupOf(a: Attestation, studentId: string, m: Roster): string | undefined {
  const groups = groupsOfAttestation(a, m);
  if (groups.length === 1) return groups[0].id;
  const date = a.date;
  return groups.find((g) =>
    m.enrollments.some(
      (e) => e.groupId === g.id && e.studentId === studentId && (!date || enrollmentCovers(e, date)),
    ),
  )?.id;
}
