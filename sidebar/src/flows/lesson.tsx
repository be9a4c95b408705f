/**
 * Lesson entry: a group (own groups first), a lesson (default: today's from the schedule), the
 * enrolled students with attendance buttons and a mark field. Only changed rows are sent, each
 * with the text it was loaded with, so the server can refuse to overwrite someone else's edit.
 *
 * Keyboard: Tab moves between a row's attendance group and its mark field; in the attendance
 * group ←/→ choose, ↑/↓ go to the row above/below, 1–5 put a mark and go down, a code's key
 * (н у б о / a e s l) sets it and goes down, Delete clears; in the mark field ↑/↓/Enter
 * go up/down; Ctrl+Enter in any row saves.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Attendance, LessonSheet, LessonStudent } from "../../../src/rpc/contract.js";
import { showDate, weekday } from "../i18n.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, Message, useAction, useShared, value } from "../ui.js";

const ATTENDANCE: readonly Attendance[] = ["present", "absent", "excused", "ill", "late"];

interface Row {
  id: string;
  name: string;
  /** The cell as loaded. */
  loaded: string;
  att: Attendance;
  mark: string;
}

const MARK = /^[1-5][+-]?(\s*\/\s*[1-5][+-]?)?$/;

export function LessonFlow() {
  const { ctx, t, lang } = useShared();
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [lesson, setLesson] = useState<LessonSheet | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const list = useRef<HTMLDivElement>(null);
  const load = useAction();
  const save = useAction();

  /** A loaded cell as buttons + mark: an attendance code of either language, else the mark text. */
  const toRow = (s: LessonStudent): Row => {
    const att = ctx.attendanceWords[s.cell.trim().toLowerCase()];
    return { id: s.id, name: s.name, loaded: s.cell, att: att ?? "present", mark: att ? "" : s.cell };
  };
  const show = (l: LessonSheet) => {
    setLesson(l);
    setRows(l.students.map(toRow));
  };
  const tokenOf = (r: Row) => (r.att === "present" ? r.mark.trim() : ctx.tokens[r.att]);
  const markOk = (m: string) =>
    m.trim() === "" || MARK.test(m.trim()) || ctx.words.includes(m.trim().toLowerCase());

  const fetchLesson = (date?: string, index?: number) =>
    load.run(
      () => call("lessonLoad", { groupId, date: date ?? null, index: index ?? null }),
      (l) => {
        show(l);
        return null;
      },
    );

  useEffect(() => {
    save.setOk(null);
    save.setError(null);
    if (groupId) void fetchLesson();
  }, [groupId]);

  const changed = rows.filter((r) => tokenOf(r) !== r.loaded);
  const invalid = rows.find((r) => r.att === "present" && !markOk(r.mark));

  async function submit() {
    if (!lesson || save.busy || load.busy) return;
    if (invalid) {
      save.setError({ ru: t.badMark(invalid.name, invalid.mark), en: t.badMark(invalid.name, invalid.mark) });
      return;
    }
    const expected: Record<string, string> = {};
    const values: Record<string, string> = {};
    for (const r of changed) {
      expected[r.id] = r.loaded;
      values[r.id] = tokenOf(r);
    }
    await save.run(
      () => call("lessonSave", { groupId, date: lesson.date, index: lesson.index, expected, values }),
      (res) => {
        show(res.lesson);
        return t.savedLesson(res.changed, res.range);
      },
    );
  }

  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  /** Focus a row's checked attendance button, or its mark field. */
  const focus = (i: number, what: "att" | "mark") => {
    const row = list.current?.querySelector(`[data-row="${i}"]`);
    const el = row?.querySelector<HTMLElement>(what === "att" ? '[role="radio"][tabindex="0"]' : "input");
    el?.focus();
  };

  // One key per code: the one-letter codes of both languages (н у б, a e s l), «о» for «оп»;
  // in a Russian workbook also the keys where ЙЦУКЕН has н, у, б, о, whatever layout is on.
  const letters: Record<string, Attendance> = { о: "late" };
  for (const [word, a] of Object.entries(ctx.attendanceWords)) if (word.length === 1) letters[word] = a;
  const byCode: Record<string, Attendance> =
    lang === "ru" ? { KeyY: "absent", KeyE: "excused", Comma: "ill", KeyJ: "late" } : {};
  const attendanceKey = (e: KeyboardEvent): Attendance | undefined =>
    e.ctrlKey || e.altKey || e.metaKey ? undefined : (letters[e.key.toLowerCase()] ?? byCode[e.code]);

  /** Ctrl+Enter (⌘+Enter) from a row saves. */
  function saveKey(e: KeyboardEvent): boolean {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return false;
    e.preventDefault();
    void submit();
    return true;
  }

  function onAttKey(e: KeyboardEvent, i: number) {
    if (saveKey(e)) return;
    const r = rows[i];
    const k = e.key;
    if (k === "ArrowLeft" || k === "ArrowRight") {
      const next = ATTENDANCE[(ATTENDANCE.indexOf(r.att) + (k === "ArrowRight" ? 1 : 4)) % 5];
      setRow(i, { att: next, mark: next === "present" ? r.mark : "" });
      (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-att="${next}"]`)?.focus();
    } else if (k === "ArrowDown" || k === "ArrowUp") focus(i + (k === "ArrowDown" ? 1 : -1), "att");
    else if (/^[1-5]$/.test(k)) {
      setRow(i, { att: "present", mark: k });
      focus(i + 1, "att");
    } else if (attendanceKey(e)) {
      setRow(i, { att: attendanceKey(e)!, mark: "" });
      focus(i + 1, "att");
    } else if (k === "Delete" || k === "Backspace") setRow(i, { att: "present", mark: "" });
    else return;
    e.preventDefault();
  }

  function onMarkKey(e: KeyboardEvent, i: number) {
    if (saveKey(e) || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowDown" || e.key === "Enter") focus(i + 1, "mark");
    else if (e.key === "ArrowUp") focus(i - 1, "mark");
    else return;
    e.preventDefault();
  }

  function onMarkInput(i: number, text: string) {
    // A code typed into the mark field sets the attendance instead.
    const att = ctx.attendanceWords[text.trim().toLowerCase()];
    setRow(i, att ? { att, mark: "" } : { att: "present", mark: text });
  }

  if (!ctx.groups.length) return <p class="gray">{t.noGroups}</p>;
  const optionKey = (date: string, index: number) => `${date}#${index}`;
  return (
    <div>
      <Field label={t.group}>
        <select id="lesson-group" value={groupId} onChange={(e) => setGroupId(value(e))}>
          <GroupOptions />
        </select>
      </Field>
      {lesson ? (
        <Field label={t.lesson}>
          <select
            id="lesson-date"
            value={optionKey(lesson.date, lesson.index)}
            onChange={(e) => {
              const [date, index] = value(e).split("#");
              void fetchLesson(date, Number(index));
            }}
          >
            {lesson.options.some((o) => o.date === lesson.date && o.index === lesson.index) ? null : (
              <option value={optionKey(lesson.date, lesson.index)}>{showDate(lesson.date, lang)}</option>
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
      ) : null}
      <Message error={load.error} />
      {load.busy && !lesson ? <p class="gray">{t.loading}</p> : null}
      {lesson && !lesson.known ? <p class="block error">{t.unknownLesson}</p> : null}
      {lesson && lesson.students.length === 0 ? <p class="gray">{t.noStudents}</p> : null}
      <div class="students" ref={list} aria-busy={load.busy}>
        {rows.map((r, i) => {
          const bad = r.att === "present" && !markOk(r.mark);
          const dirty = tokenOf(r) !== r.loaded;
          return (
            <div class={`student${dirty ? " dirty" : ""}`} key={r.id} data-row={i} data-id={r.id}>
              <span class="name" title={r.id}>
                {r.name || r.id}
              </span>
              <div
                class="att-group"
                role="radiogroup"
                aria-label={`${t.attendance}: ${r.name}`}
                onKeyDown={(e) => onAttKey(e, i)}
              >
                {ATTENDANCE.map((a) => (
                  // biome-ignore lint/a11y/useSemanticElements: native radios move the choice on ↑/↓, which here go to the next row
                  <button
                    type="button"
                    key={a}
                    role="radio"
                    class={`att att-${a}`}
                    data-att={a}
                    aria-checked={r.att === a}
                    aria-label={t.attLong[a]}
                    title={t.attLong[a]}
                    tabIndex={r.att === a ? 0 : -1}
                    onClick={() => setRow(i, { att: a, mark: a === "present" ? r.mark : "" })}
                  >
                    {a === "present" ? t.att.present : ctx.tokens[a]}
                  </button>
                ))}
              </div>
              <input
                class={`mark${bad ? " invalid" : ""}`}
                type="text"
                maxLength={12}
                aria-label={`${t.mark}: ${r.name}`}
                aria-invalid={bad}
                value={r.att === "present" ? r.mark : ""}
                disabled={r.att !== "present"}
                onInput={(e) => onMarkInput(i, value(e))}
                onKeyDown={(e) => onMarkKey(e, i)}
              />
            </div>
          );
        })}
      </div>
      <div class="savebar">
        {lesson ? (
          <div class="buttons">
            <button
              type="button"
              class="action"
              id="lesson-save"
              disabled={save.busy || load.busy || !lesson.known || changed.length === 0}
              onClick={() => void submit()}
            >
              {save.busy ? t.saving : t.save}
            </button>
            <button
              type="button"
              id="lesson-reload"
              disabled={load.busy}
              onClick={() => void fetchLesson(lesson.date, lesson.index)}
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
