/**
 * Add or edit a student: a free ID is suggested for a new one; the class as «9А»; parent
 * contacts; data consent. An edit sends the fields as loaded, so a row changed in the sheet
 * meanwhile is refused instead of overwritten.
 */
import { useState } from "preact/hooks";
import type { StudentFields, StudentItem, Text } from "../../../src/rpc/contract.js";
import { call } from "../rpc.js";
import { CLASS, EMAIL, Field, Message, PHONE, useAction, useShared, value } from "../ui.js";

const EMPTY: StudentFields = {
  name: "",
  className: "",
  status: "active",
  parent: "",
  parentEmail: "",
  parentPhone: "",
  channel: "",
  consent: "",
  needs: "",
  note: "",
};

const fieldsOf = (s: StudentItem): StudentFields => {
  const { id: _id, row: _row, ...f } = s;
  return f;
};

export function StudentFlow() {
  const { ctx, t, update } = useShared();
  const [selected, setSelected] = useState("");
  const [query, setQuery] = useState("");
  const [id, setId] = useState(ctx.nextStudentId);
  const [fields, setFields] = useState<StudentFields>(EMPTY);
  const [loaded, setLoaded] = useState<StudentFields | null>(null);
  const action = useAction();

  const pick = (studentId: string) => {
    setSelected(studentId);
    action.setOk(null);
    action.setError(null);
    const s = ctx.students.find((x) => x.id === studentId);
    if (s) {
      setId(s.id);
      setFields(fieldsOf(s));
      setLoaded(fieldsOf(s));
    } else {
      setId(ctx.nextStudentId);
      setFields(EMPTY);
      setLoaded(null);
    }
  };

  const set = (k: keyof StudentFields) => (e: Event) => setFields((f) => ({ ...f, [k]: value(e) }));
  const q = query.trim().toLowerCase();
  const shown = ctx.students.filter(
    (s) =>
      !q ||
      s.name.toLowerCase().includes(q) ||
      s.id.toLowerCase().includes(q) ||
      s.className.toLowerCase() === q,
  );

  /** The checks the server makes too, before anything is sent. */
  function problem(): string | null {
    if (!fields.name.trim()) return t.needName;
    if (
      fields.className.trim() &&
      fields.className !== loaded?.className &&
      !CLASS.test(fields.className.trim())
    )
      return t.badClass;
    if (
      fields.parentEmail.trim() &&
      fields.parentEmail !== loaded?.parentEmail &&
      !EMAIL.test(fields.parentEmail.trim())
    )
      return t.badEmail;
    if (
      fields.parentPhone.trim() &&
      fields.parentPhone !== loaded?.parentPhone &&
      !PHONE.test(fields.parentPhone.trim())
    )
      return t.badPhone;
    return null;
  }

  async function submit(e: Event) {
    e.preventDefault();
    const p = problem();
    if (p) {
      const text: Text = { ru: p, en: p };
      action.setError(text);
      return;
    }
    await action.run(
      () => call("studentSave", { id: id.trim(), fields, expected: loaded }),
      (res) => {
        update((c) => ({
          ...c,
          nextStudentId: res.nextStudentId,
          students: res.created
            ? [...c.students, res.student]
            : c.students.map((s) => (s.id === res.student.id ? res.student : s)),
        }));
        setSelected(res.student.id);
        setId(res.student.id);
        setFields(fieldsOf(res.student));
        setLoaded(fieldsOf(res.student));
        return t.savedStudent(res.student.id);
      },
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field label={t.search}>
        <input type="search" id="student-search" value={query} onInput={(e) => setQuery(value(e))} />
      </Field>
      <Field label={t.student}>
        <select id="student-pick" value={selected} onChange={(e) => pick(value(e))}>
          <option value="">{t.newStudent}</option>
          {shown.map((s) => (
            <option key={s.id} value={s.id}>{`${s.name} · ${s.className} · ${s.id}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.id}>
        <input
          id="student-id"
          value={id}
          readOnly={loaded !== null}
          required
          onInput={(e) => setId(value(e))}
        />
      </Field>
      <Field label={t.name}>
        <input id="student-name" value={fields.name} required onInput={set("name")} />
      </Field>
      <Field label={t.className} hint={t.classHint}>
        <input id="student-class" value={fields.className} onInput={set("className")} />
      </Field>
      <Field label={t.status}>
        <select id="student-status" value={fields.status} onChange={set("status")}>
          {(["", "applied", "active", "left"] as const).map((s) => (
            <option key={s} value={s}>
              {t.statuses[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.parent}>
        <input id="student-parent" value={fields.parent} onInput={set("parent")} />
      </Field>
      <Field label={t.parentEmail}>
        <input id="student-email" type="email" value={fields.parentEmail} onInput={set("parentEmail")} />
      </Field>
      <Field label={t.parentPhone}>
        <input id="student-phone" type="tel" value={fields.parentPhone} onInput={set("parentPhone")} />
      </Field>
      <Field label={t.channel}>
        <input id="student-channel" list="channels" value={fields.channel} onInput={set("channel")} />
        <datalist id="channels">
          {ctx.channels.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </Field>
      <Field label={t.consent}>
        <select id="student-consent" value={fields.consent} onChange={set("consent")}>
          {(["", "yes", "no"] as const).map((c) => (
            <option key={c} value={c}>
              {t.consents[c]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.needs}>
        <input id="student-needs" value={fields.needs} onInput={set("needs")} />
      </Field>
      <Field label={t.note}>
        <textarea id="student-note" rows={2} value={fields.note} onInput={set("note")} />
      </Field>
      <div class="block buttons">
        <button type="submit" class="action" id="student-save" disabled={action.busy}>
          {action.busy ? t.saving : t.save}
        </button>
      </div>
      <Message error={action.error} ok={action.ok} />
    </form>
  );
}
