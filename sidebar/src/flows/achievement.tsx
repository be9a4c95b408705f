/** «Достижение» (issue 17): one portfolio entry of a student, saved in one call. */
import { useState } from "preact/hooks";
import { call } from "../rpc.js";
import { Field, Message, useAction, useShared, value } from "../ui.js";

const T = {
  ru: {
    student: "Учащийся",
    date: "Дата",
    kind: "Вид",
    kinds: ["олимпиада", "конкурс", "проект", "конференция", "курс", "викторина"],
    title: "Название",
    level: "Уровень",
    levels: {
      school: "школьный",
      municipal: "муниципальный",
      regional: "региональный",
      national: "всероссийский",
      international: "международный",
    },
    result: "Результат",
    results: { participant: "участник", prizewinner: "призёр", winner: "победитель" },
    link: "Ссылка на подтверждение",
    confirmedBy: "Подтвердил",
    save: "Сохранить",
    saving: "Сохранение…",
    saved: (row: number) => `Достижение записано (строка ${row})`,
  },
  en: {
    student: "Student",
    date: "Date",
    kind: "Kind",
    kinds: ["olympiad", "contest", "project", "conference", "course", "quiz"],
    title: "Title",
    level: "Level",
    levels: {
      school: "school",
      municipal: "municipal",
      regional: "regional",
      national: "national",
      international: "international",
    },
    result: "Result",
    results: { participant: "participant", prizewinner: "prize-winner", winner: "winner" },
    link: "Evidence link",
    confirmedBy: "Confirmed by",
    save: "Save",
    saving: "Saving…",
    saved: (row: number) => `Achievement saved (row ${row})`,
  },
} as const;

export function AchievementFlow() {
  const { ctx, lang } = useShared();
  const t = T[lang];
  const [studentId, setStudentId] = useState(ctx.students[0]?.id ?? "");
  const [date, setDate] = useState(ctx.today);
  const [kind, setKind] = useState("");
  const [title, setTitle] = useState("");
  const [level, setLevel] = useState("school");
  const [result, setResult] = useState("participant");
  const [link, setLink] = useState("");
  const [confirmedBy, setConfirmedBy] = useState("");
  const action = useAction();

  async function submit(e: Event) {
    e.preventDefault();
    await action.run(
      () => call("achievementAdd", { studentId, date, kind, title, level, result, link, confirmedBy }),
      (res) => {
        setTitle("");
        setLink("");
        return t.saved(res.row);
      },
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Field label={t.student}>
        <select id="ach-student" value={studentId} onChange={(e) => setStudentId(value(e))}>
          {ctx.students.map((s) => (
            <option key={s.id} value={s.id}>{`${s.name} · ${s.className} · ${s.id}`}</option>
          ))}
        </select>
      </Field>
      <Field label={t.date}>
        <input id="ach-date" type="date" value={date} required onInput={(e) => setDate(value(e))} />
      </Field>
      <Field label={t.kind}>
        <input id="ach-kind" list="ach-kinds" value={kind} onInput={(e) => setKind(value(e))} />
        <datalist id="ach-kinds">
          {t.kinds.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </Field>
      <Field label={t.title}>
        <input id="ach-title" value={title} required onInput={(e) => setTitle(value(e))} />
      </Field>
      <Field label={t.level}>
        <select id="ach-level" value={level} onChange={(e) => setLevel(value(e))}>
          {(Object.keys(t.levels) as (keyof typeof t.levels)[]).map((k) => (
            <option key={k} value={k}>
              {t.levels[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.result}>
        <select id="ach-result" value={result} onChange={(e) => setResult(value(e))}>
          {(Object.keys(t.results) as (keyof typeof t.results)[]).map((k) => (
            <option key={k} value={k}>
              {t.results[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.link}>
        <input id="ach-link" type="url" value={link} onInput={(e) => setLink(value(e))} />
      </Field>
      <Field label={t.confirmedBy}>
        <input id="ach-confirmed" value={confirmedBy} onInput={(e) => setConfirmedBy(value(e))} />
      </Field>
      <div class="block buttons">
        <button type="submit" class="action" id="ach-save" disabled={action.busy}>
          {action.busy ? t.saving : t.save}
        </button>
      </div>
      <Message error={action.error} ok={action.ok} />
    </form>
  );
}
