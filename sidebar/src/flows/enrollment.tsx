/** Enroll students into a group from a date; end an enrollment (its «По» date). */
import { useState } from "preact/hooks";
import type { EnrollmentItem } from "../../../src/rpc/contract.js";
import { showDate } from "../i18n.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, Message, useAction, useShared, value } from "../ui.js";

export function EnrollmentFlow() {
  const { ctx, t, lang, update } = useShared();
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [from, setFrom] = useState(ctx.today);
  const [to, setTo] = useState(ctx.today);
  const [klass, setKlass] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const action = useAction();

  const name = (id: string) => ctx.students.find((s) => s.id === id)?.name ?? id;
  const current = ctx.enrollments.filter(
    (e) => e.groupId === groupId && (e.to === null || e.to >= ctx.today),
  );
  const busyIds = new Set(
    ctx.enrollments
      .filter((e) => e.groupId === groupId && (e.to === null || e.to >= from))
      .map((e) => e.studentId),
  );
  const classes = [...new Set(ctx.students.map((s) => s.className).filter(Boolean))].sort();
  const candidates = ctx.students.filter(
    (s) => !busyIds.has(s.id) && s.status !== "left" && (!klass || s.className === klass),
  );

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  async function add() {
    await action.run(
      () => call("enroll", { groupId, studentIds: chosen, from }),
      (res) => {
        update((c) => ({ ...c, enrollments: [...c.enrollments, ...res.added] }));
        setChosen([]);
        return t.addedEnrollments(res.added.length);
      },
    );
  }

  async function end(e: EnrollmentItem) {
    await action.run(
      () => call("enrollmentEnd", { expected: e, to }),
      (res) => {
        update((c) => ({
          ...c,
          enrollments: c.enrollments.map((x) => (x.row === res.enrollment.row ? res.enrollment : x)),
        }));
        return t.ended(name(e.studentId), showDate(to, lang));
      },
    );
  }

  return (
    <div>
      <Field label={t.group}>
        <select
          id="enroll-group"
          value={groupId}
          onChange={(e) => {
            setGroupId(value(e));
            setChosen([]);
          }}
        >
          <GroupOptions />
        </select>
      </Field>
      <fieldset class="block">
        <legend>{t.enrollWho}</legend>
        <div class="row">
          <Field label={t.from}>
            <input id="enroll-from" type="date" value={from} onInput={(e) => setFrom(value(e))} />
          </Field>
          <Field label={t.className}>
            <select id="enroll-class" value={klass} onChange={(e) => setKlass(value(e))}>
              <option value="">{t.allClasses}</option>
              {classes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="checklist" id="enroll-candidates">
          {candidates.length === 0 ? <p class="gray">{t.nobodyToEnroll}</p> : null}
          {candidates.map((s) => (
            <label key={s.id} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(s.id)}
                onChange={() => toggle(s.id)}
                data-id={s.id}
              />
              <span>{`${s.name} · ${s.className}`}</span>
            </label>
          ))}
        </div>
        <button
          type="button"
          class="action"
          id="enroll-save"
          disabled={action.busy || chosen.length === 0 || !from}
          onClick={() => void add()}
        >
          {t.enrollButton(chosen.length)}
        </button>
      </fieldset>
      <fieldset class="block">
        <legend>{t.enrolled}</legend>
        <Field label={t.to}>
          <input id="enroll-to" type="date" value={to} onInput={(e) => setTo(value(e))} />
        </Field>
        <ul class="enrolled" id="enrolled">
          {current.map((e) => (
            <li key={e.row}>
              <span>{`${name(e.studentId)} · ${e.from ? showDate(e.from, lang) : "?"}${
                e.to ? ` – ${showDate(e.to, lang)}` : ""
              }`}</span>
              <button type="button" disabled={action.busy || !to} onClick={() => void end(e)}>
                {t.end}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <Message error={action.error} ok={action.ok} />
    </div>
  );
}
