/**
 * «Логин СДО» / LMS login of students and staff -> who an export's account is. A student may
 * have several logins (comma- or semicolon-separated); a staff member's Email counts as a
 * login too (the Google account Meet reports). Moodle's log names people only by full name,
 * so a name that belongs to exactly one person matches as well.
 */
import { a1 } from "../cells.js";
import { type Issue, issue } from "../issues.js";
import type { Model } from "../model.js";
import { norm } from "../schema.js";
import { normLogin } from "./parse.js";
import type { Person, Session } from "./types.js";

export interface LoginIndex {
  byLogin: Map<string, Person>;
  /** Full names that belong to exactly one person. */
  byName: Map<string, Person>;
}

interface Claim {
  login: string;
  person: Person;
  sheet: string;
  cell: string;
}

export function splitLogins(s: string | undefined): string[] {
  return (s ?? "")
    .split(/[,;\s]+/)
    .map(normLogin)
    .filter(Boolean);
}

function claims(model: Model): Claim[] {
  const out: Claim[] = [];
  const stTab = model.tabs.students ?? "";
  const sfTab = model.tabs.staff ?? "";
  const stCol = model.columns.students?.lmsLogin ?? 1;
  const sfCol = model.columns.staff?.lmsLogin ?? 1;
  const emailCol = model.columns.staff?.email ?? 1;
  for (const s of model.students) {
    const person: Person = { id: s.id, kind: "student", name: s.name };
    for (const login of splitLogins(s.lmsLogin))
      out.push({ login, person, sheet: stTab, cell: a1(s.row, stCol) });
  }
  for (const s of model.staff) {
    const person: Person = { id: s.id, kind: "staff", name: s.name };
    const own = splitLogins(s.lmsLogin);
    for (const login of own) out.push({ login, person, sheet: sfTab, cell: a1(s.row, sfCol) });
    const email = normLogin(s.email);
    if (email && !own.includes(email))
      out.push({ login: email, person, sheet: sfTab, cell: a1(s.row, emailCol) });
  }
  return out.filter((c) => c.person.id);
}

const samePerson = (a: Person, b: Person) => a.id === b.id && a.kind === b.kind;

/** The index, and the problems `check` reports: a login given twice, a login of two people. */
export function loginIndex(model: Model): LoginIndex & { issues: Issue[] } {
  const byLogin = new Map<string, Person>();
  const first = new Map<string, Claim>();
  const issues: Issue[] = [];
  const conflicted = new Set<string>();
  for (const c of claims(model)) {
    const before = first.get(c.login);
    if (!before) {
      first.set(c.login, c);
      byLogin.set(c.login, c.person);
      continue;
    }
    if (samePerson(before.person, c.person)) {
      if (before.cell === c.cell && before.sheet === c.sheet)
        issues.push(
          issue(
            c.sheet,
            c.cell,
            "lms-login-duplicate",
            { ru: `Логин «${c.login}» указан дважды`, en: `Login "${c.login}" is given twice` },
            "warning",
          ),
        );
      continue;
    }
    conflicted.add(c.login);
    issues.push(
      issue(c.sheet, c.cell, "lms-login-duplicate", {
        ru: `Логин «${c.login}» уже принадлежит ${before.person.id} (${before.sheet}!${before.cell}); присутствие по нему не засчитывается`,
        en: `Login "${c.login}" already belongs to ${before.person.id} (${before.sheet}!${before.cell}); presence under it is not counted`,
      }),
    );
  }
  // A login of two people proves nothing: neither gets its sessions.
  for (const l of conflicted) byLogin.delete(l);
  const names = new Map<string, Person | null>();
  for (const p of [
    ...model.students.map((s): Person => ({ id: s.id, kind: "student", name: s.name })),
    ...model.staff.map((s): Person => ({ id: s.id, kind: "staff", name: s.name })),
  ]) {
    const n = norm(p.name);
    if (!n || !p.id) continue;
    const had = names.get(n);
    names.set(n, had === undefined || (had && samePerson(had, p)) ? p : null);
  }
  const byName = new Map<string, Person>();
  for (const [n, p] of names) if (p) byName.set(n, p);
  return { byLogin, byName, issues };
}

/** Who a session's account is, or undefined for an unknown login. */
export function personOf(index: LoginIndex, s: Session): Person | undefined {
  if (s.login) {
    const p = index.byLogin.get(s.login);
    if (p) return p;
  }
  // Moodle (and Zoom guests) carry only a name; a known-format but unknown email stays unknown.
  return s.kind === "moodle" || !s.login ? index.byName.get(norm(s.name)) : undefined;
}
