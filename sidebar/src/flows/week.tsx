/**
 * The week view: a group's lessons of one week side by side, one text cell per student and
 * lesson holding the journal token itself (5, н, б, нз, нз 3, оп 4), the topic and homework of
 * each lesson, and a reason field for every absence. Everything that changed is saved in one
 * call (weekSave); the server refuses the whole week if a loaded cell changed meanwhile.
 *
 * Keyboard: ←/→ the lesson before/after, ↑/↓/Enter the student above/below (cells of a lesson
 * the student is not enrolled in are skipped), Ctrl+Enter saves from any field. The focused
 * cell is kept above the sticky save bar.
 */
import { useEffect, useState } from "preact/hooks";
import type { LessonSheet, WeekSheet } from "../../../src/rpc/contract.js";
import { showDate, weekday } from "../i18n.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, keepInView, Message, useAction, useLatest, useShared, value } from "../ui.js";
import {
  cellKey,
  changesOf,
  editsOf,
  firstInvalid,
  isAwayCell,
  peopleOf,
  type WeekEdits,
} from "../week-state.js";
import { TopicFields } from "./lesson.js";
import { WeekGrid } from "./week-grid.js";

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const EMPTY: WeekEdits = { cells: {}, reasons: {}, topics: [] };

export function WeekFlow() {
  const shared = useShared();
  const { ctx, t, lang } = shared;
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [week, setWeek] = useState<WeekSheet | null>(null);
  const [edits, setEdits] = useState<WeekEdits>(EMPTY);
  const load = useLatest();
  const save = useAction();

  const show = (w: WeekSheet) => {
    setWeek(w);
    setEdits(editsOf(w));
  };
  const fetchWeek = (date?: string) =>
    load.run(
      () => call("weekLoad", { groupId, date: date ?? null }),
      (w) => {
        show(w);
        return null;
      },
    );
  useEffect(() => {
    if (groupId) void fetchWeek();
  }, [groupId]);

  const lessons = week?.lessons ?? [];
  const people = peopleOf(lessons);
  const changes = changesOf(lessons, edits, ctx);
  const changedCells = changes.reduce((n, d) => n + Object.keys(d.values).length, 0);
  useEffect(() => shared.setDirty(changes.length > 0), [changes.length > 0]);
  const leave = () => changes.length === 0 || window.confirm(t.unsaved);

  async function submit() {
    if (!week || save.busy || load.busy || !changes.length) return;
    const bad = firstInvalid(lessons, edits, ctx);
    if (bad) {
      const text = t.badMark(`${bad.name} (${showDate(bad.date, lang)})`, bad.value);
      save.setError({ ru: text, en: text });
      return;
    }
    await save.run(
      () => call("weekSave", { groupId, lessons: changes }),
      (res) => {
        show(res.week);
        return t.savedWeek(res.changed, res.ranges.length);
      },
    );
  }

  /** Ctrl+Enter (⌘+Enter) saves from any field of the flow (a cell, a topic, a reason). */
  const saveAnywhere = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    void submit();
  };
  const set = (part: "cells" | "reasons") => (key: string, v: string) =>
    setEdits((all) => ({ ...all, [part]: { ...all[part], [key]: v } }));

  if (!ctx.groups.length) return <p class="gray">{t.noGroups}</p>;
  const monday = week?.monday ?? ctx.today;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+Enter bubbles up from the flow's own fields
    <div onKeyDown={saveAnywhere}>
      <Field label={t.group}>
        <select
          id="week-group"
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
      <div class="buttons block">
        <button type="button" id="week-prev" onClick={() => leave() && void fetchWeek(addDays(monday, -7))}>
          {t.prevWeek}
        </button>
        <span id="week-label">{t.weekOf(showDate(monday, lang))}</span>
        <button type="button" id="week-next" onClick={() => leave() && void fetchWeek(addDays(monday, 7))}>
          {t.nextWeek}
        </button>
      </div>
      <Message error={load.error} />
      {week && lessons.length === 0 ? <p class="gray">{t.noLessons}</p> : null}
      {lessons.map((l, k) => (
        <fieldset key={`${l.date}#${l.index}`} class="block">
          <legend>{`${weekday(l.date, lang)} ${showDate(l.date, lang)}${l.index > 1 ? ` (${l.index})` : ""}`}</legend>
          <TopicFields
            lesson={l}
            idPrefix={`week-${k}`}
            value={edits.topics[k] ?? { topic: "", homework: "" }}
            onChange={(v) =>
              setEdits((all) => ({ ...all, topics: all.topics.map((x, j) => (j === k ? v : x)) }))
            }
          />
        </fieldset>
      ))}
      {lessons.length ? (
        <WeekGrid lessons={lessons} people={people} cells={edits.cells} setCell={set("cells")} />
      ) : null}
      <Reasons
        items={lessons.flatMap((l, k) =>
          people
            .filter(([id]) => l.students.some((s) => s.id === id) && isAwayCell(edits, k, id, ctx))
            .map(([id, name]) => ({ k, id, name, l })),
        )}
        reasons={edits.reasons}
        setReason={set("reasons")}
      />
      <div class="savebar">
        <div class="buttons">
          <button
            type="button"
            class="action"
            id="week-save"
            disabled={save.busy || load.busy || !changes.length}
            onClick={() => void submit()}
          >
            {save.busy ? t.saving : t.save}
          </button>
          <span class="gray count">{changedCells ? t.changedCount(changedCells) : ""}</span>
        </div>
        <Message error={save.error} ok={save.ok} />
      </div>
      <p class="gray hint">{t.weekHint}</p>
    </div>
  );
}

/** A reason field for every absence of the week («Причины пропусков»). */
function Reasons(props: {
  items: { k: number; id: string; name: string; l: LessonSheet }[];
  reasons: Record<string, string>;
  setReason(key: string, v: string): void;
}) {
  const { t, lang } = useShared();
  if (!props.items.length) return null;
  return (
    <fieldset class="block reasons" onFocusIn={(e) => keepInView(e.target as Element)}>
      <legend>{t.reasonsTitle}</legend>
      {props.items.map(({ k, id, name, l }) => {
        const key = cellKey(k, id);
        return (
          <Field key={key} label={t.cellOf(name, showDate(l.date, lang))}>
            <input
              class="reason"
              data-reason={key}
              maxLength={300}
              value={props.reasons[key] ?? ""}
              onInput={(e) => props.setReason(key, value(e))}
            />
          </Field>
        );
      })}
    </fieldset>
  );
}
