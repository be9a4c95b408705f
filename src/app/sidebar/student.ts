/**
 * Add or edit a student on «Учащиеся»: a unique ID, the class as «9А», parent contacts, data
 * consent. A new student is one appended row; an edit writes only the changed cells, and is
 * refused when any field changed in the sheet since the sidebar loaded it.
 */
import { a1, type WriteValue } from "../../core/cells.js";
import { UserError } from "../../core/errors.js";
import type { Msg } from "../../core/i18n.js";
import { isEmail } from "../../core/parse/index.js";
import { enumLabel, SHEETS } from "../../core/schema.js";
import type { StudentFields, StudentSave, StudentSaved } from "../../rpc/contract.js";
import { appendRows, audit, conflict, loadSheets, obj, type SidebarPorts, str, tabOf } from "./common.js";
import { nextStudentId, studentFields } from "./context.js";

const FIELDS = Object.keys({
  name: 0,
  className: 0,
  status: 0,
  parent: 0,
  parentEmail: 0,
  parentPhone: 0,
  channel: 0,
  consent: 0,
  needs: 0,
  note: 0,
} satisfies Record<keyof StudentFields, 0>) as (keyof StudentFields)[];

const label = (key: string): Msg => {
  const c = SHEETS.students.columns.find((x) => x.key === key);
  return { ru: c?.ru ?? key, en: c?.en ?? key };
};

const bad = (ru: string, en: string) => new UserError("bad-args", { ru, en });

/** Latin letters that look like Cyrillic ones, as typed on the wrong keyboard layout. */
const LOOKALIKE: Record<string, string> = {
  A: "А",
  B: "В",
  E: "Е",
  K: "К",
  M: "М",
  H: "Н",
  O: "О",
  P: "Р",
  C: "С",
  T: "Т",
  X: "Х",
};

/** «9а», «9 А», «9A» (Latin) -> «9А»; a number 1..11 and at most one letter. */
export function normalizeClass(typed: string, cyrillic: boolean): string {
  const s = typed.replace(/\s+/g, "").toUpperCase();
  const m = /^(\d{1,2})([A-ZА-ЯЁ]?)$/.exec(s);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 11)
    throw bad(
      `Класс «${typed}»: ожидается номер 1–11 и буква, например 9А`,
      `Class "${typed}": a number 1–11 and a letter expected, e.g. 9A`,
    );
  const letter = cyrillic ? (LOOKALIKE[m[2]] ?? m[2]) : m[2];
  return m[1] + letter;
}

/** The fields as sent, trimmed, unchecked (what the sidebar loaded). */
function rawFields(v: unknown): StudentFields {
  const o = obj(v);
  const f = {} as Record<keyof StudentFields, string>;
  for (const k of FIELDS) f[k] = str(o[k], label(k), { max: k === "note" || k === "needs" ? 2000 : 200 });
  return f as StudentFields;
}

/** The fields to save, checked; a value kept as loaded (`was`) is not re-checked. */
function readFields(v: unknown, cyrillic: boolean, was: StudentFields | null): StudentFields {
  const f = rawFields(v) as Record<keyof StudentFields, string>;
  const fresh = (k: keyof StudentFields) => f[k] !== "" && f[k] !== was?.[k];
  if (!f.name) throw bad("Заполните ФИО учащегося", "Fill in the student's name");
  if (fresh("className")) f.className = normalizeClass(f.className, cyrillic);
  if (!["", "applied", "active", "left"].includes(f.status))
    throw bad(`Статус «${f.status}» неизвестен`, `Unknown status "${f.status}"`);
  if (!["", "yes", "no"].includes(f.consent))
    throw bad(
      `Согласие: «${f.consent}» — ожидается да или нет`,
      `Consent: "${f.consent}" — yes or no expected`,
    );
  if (fresh("parentEmail") && !isEmail(f.parentEmail))
    throw bad(
      `«${f.parentEmail}» не похож на адрес электронной почты`,
      `"${f.parentEmail}" does not look like an email address`,
    );
  if (fresh("parentPhone") && !/^[+\d][\d\s()\-.]{4,}$/.test(f.parentPhone))
    throw bad(
      `«${f.parentPhone}» не похож на телефон (цифры, пробелы, скобки, +)`,
      `"${f.parentPhone}" does not look like a phone number (digits, spaces, brackets, +)`,
    );
  return f as StudentFields;
}

/** A field's value as written into the sheet, in the workbook's language. */
function cellValue(k: keyof StudentFields, f: StudentFields, lang: "ru" | "en"): WriteValue {
  if (k === "status") return f.status ? enumLabel("status", f.status, lang) : null;
  if (k === "consent") return f.consent ? enumLabel("yesNo", f.consent, lang) : null;
  return f[k] === "" ? null : f[k];
}

export function studentSave(p: SidebarPorts, payload: StudentSave): StudentSaved {
  const req = obj(payload);
  const id = str(req.id, { ru: "ID", en: "ID" }, { required: true, max: 40 });
  if (!/^[\p{L}\p{N}_-]+$/u.test(id) || /^[=+\-@]/.test(id))
    throw bad(
      `ID «${id}»: только буквы, цифры, «-» и «_», например S127`,
      `ID "${id}": letters, digits, "-" and "_" only, e.g. S127`,
    );
  return p.lock.withLock(() => {
    const snap = loadSheets(p.wb, ["students"]);
    const { model } = snap;
    const lang = model.settings.language;
    const was = req.expected === null || req.expected === undefined ? null : rawFields(req.expected);
    const fields = readFields(req.fields, lang === "ru", was);
    const tab = tabOf(model, "students");
    const existing = model.students.find((s) => s.id === id);

    if (was === null) {
      if (existing)
        throw new UserError("exists", {
          ru: `ID «${id}» уже занят (${existing.name}, строка ${existing.row}); свободный: ${nextStudentId(model.students.map((s) => s.id))}`,
          en: `ID "${id}" is taken (${existing.name}, row ${existing.row}); a free one: ${nextStudentId(model.students.map((s) => s.id))}`,
        });
      const row: Record<string, WriteValue> = { id };
      for (const k of FIELDS) row[k] = cellValue(k, fields, lang);
      const add = appendRows(snap, "students", [row]);
      p.wb.write([
        add.write,
        audit(p, model, "student-add", [
          { sheet: add.write.sheet, cell: add.range(0), old: "", new: `${id} ${fields.name}` },
        ]),
      ]);
      const student = { id, row: add.firstRow, ...fields };
      return {
        student,
        created: true,
        changed: 1,
        nextStudentId: nextStudentId([...model.students.map((s) => s.id), id]),
      };
    }

    if (!existing)
      throw conflict({
        ru: `Учащегося ${id} больше нет на листе «${tab}»; обновите панель`,
        en: `Student ${id} is no longer on sheet "${tab}"; reload the sidebar`,
      });
    const now = studentFields(existing);
    const cols = model.columns.students ?? {};
    for (const k of FIELDS) {
      if (now[k] === was[k]) continue;
      const cell = cols[k] ? `${tab}!${a1(existing.row, cols[k])}` : tab;
      throw conflict({
        ru: `${existing.name} (${id}): поле «${label(k).ru}» (${cell}) уже изменили после загрузки панели (было «${was[k]}», сейчас «${now[k]}»). Обновите панель и повторите`,
        en: `${existing.name} (${id}): field "${label(k).en}" (${cell}) was changed after the sidebar loaded it (was "${was[k]}", now "${now[k]}"). Reload the sidebar and try again`,
      });
    }
    const changed = FIELDS.filter((k) => fields[k] !== now[k]);
    for (const k of changed)
      if (!cols[k])
        throw bad(
          `На листе «${tab}» нет столбца «${label(k).ru}»: добавьте его (меню «Настроить книгу») и повторите`,
          `Sheet "${tab}" has no column "${label(k).en}": add it (menu "Set up workbook") and try again`,
        );
    if (changed.length) {
      p.wb.write([
        {
          sheet: tab,
          cells: changed.map((k) => ({
            row: existing.row,
            col: cols[k],
            values: [[cellValue(k, fields, lang)]],
          })),
        },
        audit(
          p,
          model,
          "student-edit",
          changed.map((k) => ({
            sheet: tab,
            cell: a1(existing.row, cols[k]),
            old: cellValue(k, now, lang),
            new: cellValue(k, fields, lang),
          })),
        ),
      ]);
    }
    return {
      student: { id, row: existing.row, ...fields },
      created: false,
      changed: changed.length,
      nextStudentId: nextStudentId(model.students.map((s) => s.id)),
    };
  });
}
