/**
 * «Индивидуальный план» (issue 17): pick a student, a line of their ИУП to correct (or a new
 * line), edit it; «Проверить» shows the weekly load and what the check finds, «Сохранить»
 * saves in one call (an error such as an overload refuses; a correction needs its reason).
 */
import { useEffect, useState } from "preact/hooks";
import type { PlanCheck, PlanLineView } from "../../../src/rpc/contract.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, Message, useAction, useShared, value } from "../ui.js";

const T = {
  ru: {
    student: "Учащийся",
    line: "Строка ИУП",
    newLine: "новая строка",
    subject: "Предмет",
    hours: "Часов в неделю",
    form: "Форма",
    forms: { distance: "дистанционно", inPerson: "очно", self: "самостоятельно", external: "экстерн" },
    group: "Группа (для дистанционного)",
    none: "—",
    from: "С",
    to: "По",
    basis: "Основание",
    note: "Примечание",
    reason: "Причина корректировки",
    check: "Проверить",
    save: "Сохранить",
    saving: "Сохранение…",
    load: (c: PlanCheck["load"]) =>
      `Нагрузка: ${c.total} ч в неделю${c.max === null ? "" : ` из ${c.max} допустимых`}`,
    fine: "Замечаний нет.",
    saved: (row: number, changed: string[]) =>
      changed.length ? `Строка ${row} скорректирована: ${changed.join(", ")}` : `Строка ${row} добавлена`,
  },
  en: {
    student: "Student",
    line: "Plan line",
    newLine: "new line",
    subject: "Subject",
    hours: "Hours a week",
    form: "Form",
    forms: { distance: "distance", inPerson: "in person", self: "self-study", external: "external" },
    group: "Group (for distance study)",
    none: "—",
    from: "From",
    to: "To",
    basis: "Basis",
    note: "Note",
    reason: "Correction reason",
    check: "Check",
    save: "Save",
    saving: "Saving…",
    load: (c: PlanCheck["load"]) =>
      `Load: ${c.total} h a week${c.max === null ? "" : ` of ${c.max} allowed`}`,
    fine: "No remarks.",
    saved: (row: number, changed: string[]) =>
      changed.length ? `Row ${row} corrected: ${changed.join(", ")}` : `Row ${row} added`,
  },
} as const;

const EMPTY = { subject: "", hours: "", form: "", groupId: "", from: "", to: "", basis: "", note: "" };

export function PlanFlow() {
  const { ctx, lang } = useShared();
  const t = T[lang];
  const [studentId, setStudentId] = useState(ctx.students[0]?.id ?? "");
  const [lines, setLines] = useState<PlanLineView[]>([]);
  const [row, setRow] = useState<number | null>(null);
  const [f, setF] = useState<Record<keyof typeof EMPTY, string>>(EMPTY);
  const [reason, setReason] = useState("");
  const [checked, setChecked] = useState<PlanCheck | null>(null);
  const action = useAction();

  useEffect(() => {
    if (!studentId) return;
    setRow(null);
    setF(EMPTY);
    setChecked(null);
    call("planLoad", { studentId }).then((r) => setLines(r.lines), action.setError);
  }, [studentId]);

  function pick(r: number | null) {
    setRow(r);
    setChecked(null);
    const l = lines.find((x) => x.row === r);
    setF(l ? { ...l, hours: l.hours === null ? "" : String(l.hours) } : EMPTY);
  }
  const set = (k: keyof typeof EMPTY) => (e: Event) => setF({ ...f, [k]: value(e) });
  const request = () => ({
    row,
    studentId,
    ...f,
    hours: f.hours === "" ? null : Number(f.hours.replace(",", ".")),
    reason,
  });

  async function check() {
    const r = await action.run(() => call("planCheck", request()));
    if (r) setChecked(r);
  }
  async function submit(e: Event) {
    e.preventDefault();
    await action.run(
      () => call("planSave", request()),
      (res) => {
        setChecked(res);
        setReason("");
        void call("planLoad", { studentId }).then((x) => setLines(x.lines));
        return t.saved(res.row, res.changed);
      },
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field label={t.student}>
        <select id="plan-student" value={studentId} onChange={(e) => setStudentId(value(e))}>
          {ctx.students.map((s) => (
            <option key={s.id} value={s.id}>{`${s.name} · ${s.className} · ${s.id}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.line}>
        <select
          id="plan-row"
          value={row === null ? "" : String(row)}
          onChange={(e) => pick(value(e) ? Number(value(e)) : null)}
        >
          <option value="">{t.newLine}</option>
          {lines.map((l) => (
            <option key={l.row} value={String(l.row)}>{`${l.row}: ${l.subject}, ${l.hours ?? "—"}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.subject}>
        <input id="plan-subject" value={f.subject} required onInput={set("subject")} />
      </Field>
      <Field label={t.hours}>
        <input id="plan-hours" inputMode="decimal" value={f.hours} onInput={set("hours")} />
      </Field>
      <Field label={t.form}>
        <select id="plan-form" value={f.form} onChange={set("form")}>
          <option value="">{t.none}</option>
          {(Object.keys(t.forms) as (keyof typeof t.forms)[]).map((k) => (
            <option key={k} value={k}>
              {t.forms[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.group}>
        <select id="plan-group" value={f.groupId} onChange={set("groupId")}>
          <option value="">{t.none}</option>
          <GroupOptions />
        </select>
      </Field>
      <Field label={t.from}>
        <input id="plan-from" type="date" value={f.from} onInput={set("from")} />
      </Field>
      <Field label={t.to}>
        <input id="plan-to" type="date" value={f.to} onInput={set("to")} />
      </Field>
      <Field label={t.basis}>
        <input id="plan-basis" value={f.basis} onInput={set("basis")} />
      </Field>
      <Field label={t.note}>
        <input id="plan-note" value={f.note} onInput={set("note")} />
      </Field>
      {row !== null ? (
        <Field label={t.reason}>
          <input id="plan-reason" value={reason} required onInput={(e) => setReason(value(e))} />
        </Field>
      ) : null}
      {checked ? (
        <div class="block" id="plan-check" role="status">
          <p>{t.load(checked.load)}</p>
          {checked.issues.length ? (
            <ul>
              {checked.issues.map((i) => (
                <li key={i.cell + i.message.en} class={i.severity === "error" ? "error" : "gray"}>
                  {`${i.cell}: ${i.message[lang]}`}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.fine}</p>
          )}
        </div>
      ) : null}
      <div class="block buttons">
        <button type="button" id="plan-check-button" disabled={action.busy} onClick={() => void check()}>
          {t.check}
        </button>
        <button type="submit" class="action" id="plan-save" disabled={action.busy}>
          {action.busy ? t.saving : t.save}
        </button>
      </div>
      <Message error={action.error} ok={action.ok} />
    </form>
  );
}
