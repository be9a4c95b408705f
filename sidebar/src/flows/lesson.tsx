/**
 * Lesson entry: a group (own groups first), a lesson (default: today's from the schedule), its
 * topic and homework, the enrolled students with attendance buttons, a mark field, the «задание
 * не выполнено» toggle and, for an absence, its reason. Only changed rows are sent, each with
 * the text it was loaded with, so the server can refuse to overwrite someone else's edit; the
 * reload after such a refusal keeps every other edit.
 *
 * Keyboard: Tab moves within a row; in the attendance group ←/→ choose, ↑/↓ go to the row
 * above/below, 1–5 put a mark and go down, a code's key (н у б о / a e s l) sets it and goes
 * down, з / m toggles «нз», Delete clears; in the mark field ↑/↓/Enter go to the next mark field
 * that can take one (absent students' are skipped); Ctrl+Enter in any row saves. The focused
 * row is kept above the sticky save bar.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LessonSheet, LessonStudent } from "../../../src/rpc/contract.js";
import { type CellState, isAway, markOk, mergeReload, parseCell, tokenOf } from "../cells.js";
import { showDate, weekday } from "../i18n.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, keepInView, Message, useAction, useLatest, useShared, value } from "../ui.js";
import { StudentRow } from "./lesson-row.js";

export interface Row extends CellState {
  id: string;
  name: string;
  loaded: string;
  loadedReason: string;
  touched: boolean;
  reason: string;
}

export function LessonFlow() {
  const shared = useShared();
  const { ctx, t } = shared;
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [lesson, setLesson] = useState<LessonSheet | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [topic, setTopic] = useState({ topic: "", homework: "" });
  const list = useRef<HTMLDivElement>(null);
  const load = useLatest();
  const save = useAction();

  const toRow = (s: LessonStudent): Row => ({
    id: s.id,
    name: s.name,
    loaded: s.cell,
    loadedReason: s.reason,
    touched: false,
    reason: s.reason,
    ...parseCell(s.cell, ctx),
  });
  const show = (l: LessonSheet) => {
    setLesson(l);
    setRows(l.students.map(toRow));
    setTopic({ topic: l.topic, homework: l.homework });
  };
  const token = (r: Row) => (r.touched ? tokenOf(r, ctx) : r.loaded);
  const reasonOf = (r: Row) => (isAway(r.att) ? r.reason.trim() : "");

  const fetchLesson = (date?: string, index?: number, keep = false) =>
    load.run(
      () => call("lessonLoad", { groupId, date: date ?? null, index: index ?? null }),
      (l) => {
        if (!keep || !lesson) {
          show(l);
          return null;
        }
        // After a refusal: the server's state, with every edit it did not contradict.
        const m = mergeReload(rows, l.students.map(toRow));
        setLesson(l);
        setRows(m.rows);
        const names = m.replaced.map((id) => m.rows.find((r) => r.id === id)?.name ?? id);
        return t.keptEdits(m.kept, names);
      },
    );

  useEffect(() => {
    save.setOk(null);
    save.setError(null);
    if (groupId) void fetchLesson();
  }, [groupId]);

  const changed = rows.filter((r) => token(r) !== r.loaded || reasonOf(r) !== r.loadedReason);
  const topicChanged =
    Boolean(lesson) && (topic.topic !== lesson!.topic || topic.homework !== lesson!.homework);
  const dirty = changed.length > 0 || topicChanged;
  const invalid = rows.find((r) => !isAway(r.att) && !markOk(r.mark, ctx.words));
  useEffect(() => shared.setDirty(dirty), [dirty]);
  // A row that grows (a reason field appears) stays in view too.
  useEffect(() => keepInView(document.activeElement?.closest(".student") ?? null), [rows]);

  /** Leaving the lesson with unsaved edits asks first. */
  const leave = () => !dirty || window.confirm(t.unsaved);

  async function submit() {
    if (!lesson || save.busy || load.busy) return;
    if (invalid) {
      save.setError({ ru: t.badMark(invalid.name, invalid.mark), en: t.badMark(invalid.name, invalid.mark) });
      return;
    }
    const expected: Record<string, string> = {};
    const values: Record<string, string> = {};
    const reasons: Record<string, string> = {};
    for (const r of changed) {
      if (token(r) !== r.loaded) {
        expected[r.id] = r.loaded;
        values[r.id] = token(r);
      }
      if (reasonOf(r) !== r.loadedReason) reasons[r.id] = reasonOf(r);
    }
    const topicSave = topicChanged ? { expected: lesson.topicCell, ...topic } : null;
    await save.run(
      () =>
        call("lessonSave", {
          groupId,
          date: lesson.date,
          index: lesson.index,
          expected,
          values,
          reasons,
          topic: topicSave,
        }),
      (res) => {
        show(res.lesson);
        return t.savedLesson(res.changed, res.range);
      },
    );
  }

  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch, touched: true } : r)));

  /** Focus a row's checked attendance button, or the next mark field that takes a mark. */
  const focus = (i: number, what: "att" | "mark", step = 1) => {
    const rowEl = (k: number) => list.current?.querySelector(`[data-row="${k}"]`);
    if (what === "att") {
      rowEl(i)?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]')?.focus();
      return;
    }
    for (let k = i; k >= 0 && k < rows.length; k += step) {
      const input = rowEl(k)?.querySelector<HTMLInputElement>("input.mark");
      if (input && !input.disabled) {
        input.focus();
        return;
      }
    }
  };

  /** Ctrl+Enter (⌘+Enter) saves from any field of the flow (the topic, a reason) too. */
  const saveAnywhere = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    void submit();
  };

  if (!ctx.groups.length) return <p class="gray">{t.noGroups}</p>;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+Enter bubbles up from the flow's own fields
    <div onKeyDown={saveAnywhere}>
      <Field label={t.group}>
        <select
          id="lesson-group"
          value={groupId}
          onChange={(e) => {
            if (!leave()) {
              (e.currentTarget as HTMLSelectElement).value = groupId;
              return;
            }
            setGroupId(value(e));
          }}
        >
          <GroupOptions />
        </select>
      </Field>
      {lesson ? <LessonPicker lesson={lesson} leave={leave} pick={(d, i) => void fetchLesson(d, i)} /> : null}
      {lesson ? <TopicFields lesson={lesson} value={topic} onChange={setTopic} /> : null}
      <Message error={load.error} ok={load.ok} />
      {load.busy && !lesson ? <p class="gray">{t.loading}</p> : null}
      {lesson && !lesson.known ? <p class="block error">{t.unknownLesson}</p> : null}
      {lesson && lesson.students.length === 0 ? <p class="gray">{t.noStudents}</p> : null}
      <div
        class="students"
        ref={list}
        aria-busy={load.busy}
        onFocusIn={(e) => keepInView((e.target as HTMLElement).closest(".student"))}
      >
        {rows.map((r, i) => (
          <StudentRow
            key={r.id}
            row={r}
            index={i}
            dirty={token(r) !== r.loaded || reasonOf(r) !== r.loadedReason}
            setRow={setRow}
            focus={focus}
            submit={() => void submit()}
          />
        ))}
      </div>
      <div class="savebar">
        {lesson ? (
          <div class="buttons">
            <button
              type="button"
              class="action"
              id="lesson-save"
              disabled={save.busy || load.busy || !lesson.known || !dirty}
              onClick={() => void submit()}
            >
              {save.busy ? t.saving : t.save}
            </button>
            <button
              type="button"
              id="lesson-reload"
              disabled={load.busy}
              onClick={() => void fetchLesson(lesson.date, lesson.index, true)}
            >
              {t.reload}
            </button>
            <span class="gray count">{changed.length ? t.changedCount(changed.length) : ""}</span>
          </div>
        ) : null}
        <Message error={save.error} ok={save.ok} />
      </div>
      {lesson ? <p class="gray hint">{t.keysHint}</p> : null}
    </div>
  );
}

const optionKey = (date: string, index: number) => `${date}#${index}`;

/** The lesson select: the schedule's lessons and the journal's columns, today marked with «●». */
function LessonPicker(props: {
  lesson: LessonSheet;
  leave(): boolean;
  pick(date: string, index: number): void;
}) {
  const { ctx, t, lang } = useShared();
  const { lesson } = props;
  const current = optionKey(lesson.date, lesson.index);
  return (
    <Field label={t.lesson}>
      <select
        id="lesson-date"
        value={current}
        onChange={(e) => {
          if (!props.leave()) {
            (e.currentTarget as HTMLSelectElement).value = current;
            return;
          }
          const [date, index] = value(e).split("#");
          props.pick(date, Number(index));
        }}
      >
        {lesson.options.some((o) => o.date === lesson.date && o.index === lesson.index) ? null : (
          <option value={current}>{showDate(lesson.date, lang)}</option>
        )}
        {lesson.options.map((o) => (
          <option key={optionKey(o.date, o.index)} value={optionKey(o.date, o.index)}>
            {`${weekday(o.date, lang)} ${showDate(o.date, lang)}${o.index > 1 ? ` (${o.index})` : ""}${
              o.date === ctx.today ? " ●" : ""
            }${!o.scheduled ? ` — ${t.notScheduled}` : !o.inJournal ? ` — ${t.notInJournal}` : ""}`}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The lesson's topic and homework (the journal's «Тема» row). */
export function TopicFields(props: {
  lesson: LessonSheet;
  value: { topic: string; homework: string };
  onChange: (v: { topic: string; homework: string }) => void;
  idPrefix?: string;
}) {
  const { t } = useShared();
  const off = !props.lesson.hasTopicRow;
  const id = props.idPrefix ?? "lesson";
  return (
    <div class="row topic">
      <Field label={t.topic} hint={off ? t.noTopicRow : undefined}>
        <input
          id={`${id}-topic`}
          value={props.value.topic}
          disabled={off}
          maxLength={1000}
          onInput={(e) => props.onChange({ ...props.value, topic: value(e) })}
        />
      </Field>
      <Field label={t.homework}>
        <input
          id={`${id}-homework`}
          value={props.value.homework}
          disabled={off}
          maxLength={1000}
          onInput={(e) => props.onChange({ ...props.value, homework: value(e) })}
        />
      </Field>
    </div>
  );
}
