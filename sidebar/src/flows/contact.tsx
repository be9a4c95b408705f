/** Log a contact with a group or one student («Контакты»). */
import { useState } from "preact/hooks";
import { call } from "../rpc.js";
import { Field, GroupOptions, Message, useAction, useShared, value } from "../ui.js";

export function ContactFlow() {
  const { ctx, t } = useShared();
  const [date, setDate] = useState(ctx.today);
  const [staffId, setStaffId] = useState(ctx.staffId ?? ctx.staff[0]?.id ?? "");
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [studentId, setStudentId] = useState("");
  const [channel, setChannel] = useState("");
  const [summary, setSummary] = useState("");
  const action = useAction();

  const inGroup = new Set(
    ctx.enrollments
      .filter((e) => e.groupId === groupId && (e.to === null || e.to >= date) && (!e.from || e.from <= date))
      .map((e) => e.studentId),
  );
  const students = groupId ? ctx.students.filter((s) => inGroup.has(s.id)) : ctx.students;

  async function submit(e: Event) {
    e.preventDefault();
    if (!summary.trim()) return action.setError({ ru: t.needSummary, en: t.needSummary });
    if (!groupId && !studentId) return action.setError({ ru: t.needTarget, en: t.needTarget });
    await action.run(
      () => call("contactAdd", { date, staffId, groupId, studentId, channel, summary }),
      (res) => {
        setSummary("");
        return t.savedContact(res.row);
      },
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field label={t.date}>
        <input id="contact-date" type="date" value={date} required onInput={(e) => setDate(value(e))} />
      </Field>
      <Field label={t.staff}>
        <select id="contact-staff" value={staffId} onChange={(e) => setStaffId(value(e))}>
          {ctx.staff.map((s) => (
            <option key={s.id} value={s.id}>{`${s.name} · ${s.id}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.group}>
        <select
          id="contact-group"
          value={groupId}
          onChange={(e) => {
            setGroupId(value(e));
            setStudentId("");
          }}
        >
          <option value="">{t.allGroups}</option>
          <GroupOptions />
        </select>
      </Field>
      <Field label={t.student}>
        <select id="contact-student" value={studentId} onChange={(e) => setStudentId(value(e))}>
          <option value="">{t.wholeGroup}</option>
          {students.map((s) => (
            <option key={s.id} value={s.id}>{`${s.name} · ${s.className}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.channelContact}>
        <input
          id="contact-channel"
          list="contact-channels"
          value={channel}
          onInput={(e) => setChannel(value(e))}
        />
        <datalist id="contact-channels">
          {ctx.channels.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </Field>
      <Field label={t.summary}>
        <textarea
          id="contact-summary"
          rows={3}
          value={summary}
          required
          onInput={(e) => setSummary(value(e))}
        />
      </Field>
      <div class="block buttons">
        <button type="submit" class="action" id="contact-save" disabled={action.busy}>
          {action.busy ? t.saving : t.save}
        </button>
      </div>
      <Message error={action.error} ok={action.ok} />
    </form>
  );
}
