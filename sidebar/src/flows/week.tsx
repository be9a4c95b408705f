/**
 * The week view: a group's lessons of one week side by side, one text cell per student and
 * lesson holding the journal token itself (5, н, б, нз, нз 3, оп 4), the topic and homework of
 * each lesson, and a reason field for every absence. Everything that changed is saved in one
 * call (weekSave); the server refuses the whole week if a loaded cell changed meanwhile.
 *
 * Keyboard: ←/→ the lesson before/after, ↑/↓/Enter the student above/below (cells of a lesson
 * the student is not enrolled in are skipped), Ctrl+Enter saves. The focused cell is kept
 * above the sticky save bar.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { LessonSheet, WeekSheet } from "../../../src/rpc/contract.js";
import { isAway, parseCell, tokenOk } from "../cells.js";
import { showDate, weekday } from "../i18n.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, keepInView, Message, useAction, useLatest, useShared, value } from "../ui.js";
import { TopicFields } from "./lesson.js";

type Topic = { topic: string; homework: string };
const cellKey = (lesson: number, id: string) => `${lesson}:${id}`;

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function WeekFlow() {
  const shared = useShared();
  const { ctx, t, lang } = shared;
  const [groupId, setGroupId] = useState(ctx.groups[0]?.id ?? "");
  const [week, setWeek] = useState<WeekSheet | null>(null);
  const [cells, setCells] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [topics, setTopics] = useState<Topic[]>([]);
  const grid = useRef<HTMLTableElement>(null);
  const load = useLatest();
  const save = useAction();

  const loaded = (l: LessonSheet, id: string) => l.students.find((s) => s.id === id);
  const show = (w: WeekSheet) => {
    setWeek(w);
    const c: Record<string, string> = {};
    const r: Record<string, string> = {};
    w.lessons.forEach((l, k) => {
      for (const s of l.students) {
        c[cellKey(k, s.id)] = s.cell;
        r[cellKey(k, s.id)] = s.reason;
      }
    });
    setCells(c);
    setReasons(r);
    setTopics(w.lessons.map((l) => ({ topic: l.topic, homework: l.homework })));
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

  // Every student of the week, by name; a lesson's cell exists only if they are enrolled then.
  const students = new Map<string, string>();
  for (const l of week?.lessons ?? []) for (const s of l.students) students.set(s.id, s.name);
  const people = [...students].sort((a, b) => a[1].localeCompare(b[1], "ru"));
  const lessons = week?.lessons ?? [];
  const away = (k: number, id: string) => {
    const v = cells[cellKey(k, id)] ?? "";
    return isAway(parseCell(v, ctx).att) && ctx.attendanceWords[v.trim().toLowerCase()] !== undefined;
  };
  const reasonNow = (k: number, id: string) => (away(k, id) ? (reasons[cellKey(k, id)] ?? "").trim() : "");
  const diff = lessons.map((l, k) => {
    const values: Record<string, string> = {};
    const expected: Record<string, string> = {};
    const why: Record<string, string> = {};
    for (const s of l.students) {
      const now = (cells[cellKey(k, s.id)] ?? "").trim();
      if (now !== s.cell) {
        values[s.id] = now;
        expected[s.id] = s.cell;
      }
      if (reasonNow(k, s.id) !== s.reason) why[s.id] = reasonNow(k, s.id);
    }
    const tp = topics[k];
    const topic =
      tp && (tp.topic !== l.topic || tp.homework !== l.homework) ? { expected: l.topicCell, ...tp } : null;
    const any = Object.keys(values).length + Object.keys(why).length > 0 || topic !== null;
    return any ? { date: l.date, index: l.index, values, expected, reasons: why, topic } : null;
  });
  const changes = diff.filter((d): d is NonNullable<typeof d> => d !== null);
  const changedCells = changes.reduce((n, d) => n + Object.keys(d.values).length, 0);
  const bad = lessons.flatMap((l, k) =>
    l.students.filter((s) => !tokenOk(cells[cellKey(k, s.id)] ?? "", ctx)).map((s) => ({ s, l, k })),
  );
  useEffect(() => shared.setDirty(changes.length > 0), [changes.length > 0]);

  const leave = () => changes.length === 0 || window.confirm(t.unsaved);

  async function submit() {
    if (!week || save.busy || load.busy || !changes.length) return;
    if (bad.length) {
      const b = bad[0];
      const text = t.badMark(`${b.s.name} (${showDate(b.l.date, lang)})`, cells[cellKey(b.k, b.s.id)]);
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

  /** The next cell in a direction that exists (the student enrolled in that lesson). */
  function move(row: number, col: number, dr: number, dc: number) {
    for (
      let r = row + dr, c = col + dc;
      r >= 0 && r < people.length && c >= 0 && c < lessons.length;
      r += dr, c += dc
    ) {
      const el = grid.current?.querySelector<HTMLInputElement>(`input[data-r="${r}"][data-c="${c}"]`);
      if (el && !el.disabled) {
        el.focus();
        el.select();
        return;
      }
      if (dr === 0 && dc === 0) return;
    }
  }

  function onKey(e: KeyboardEvent, row: number, col: number) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    const to: Record<string, [number, number]> = {
      ArrowDown: [1, 0],
      Enter: [1, 0],
      ArrowUp: [-1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const d = to[e.key];
    if (!d || e.altKey || e.shiftKey) return;
    e.preventDefault();
    move(row, col, d[0], d[1]);
  }

  /** Ctrl+Enter (⌘+Enter) saves from any field of the flow (the topic, a reason) too. */
  const saveAnywhere = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    void submit();
  };

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
            value={topics[k] ?? { topic: "", homework: "" }}
            onChange={(v) => setTopics((all) => all.map((x, j) => (j === k ? v : x)))}
          />
        </fieldset>
      ))}
      {lessons.length ? (
        <div class="week-scroll" onFocusIn={(e) => keepInView(e.target as Element)}>
          <table class="week" ref={grid}>
            <thead>
              <tr>
                <th scope="col">{t.student}</th>
                {lessons.map((l) => (
                  <th scope="col" key={`${l.date}#${l.index}`}>
                    {`${weekday(l.date, lang)} ${showDate(l.date, lang).slice(0, 5)}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {people.map(([id, name], row) => (
                <tr key={id} data-id={id}>
                  <th scope="row" class="name" title={name}>
                    {name}
                  </th>
                  {lessons.map((l, col) => {
                    const k = cellKey(col, id);
                    const enrolled = Boolean(loaded(l, id));
                    const v = cells[k] ?? "";
                    const c = parseCell(v, ctx);
                    const code = v.trim() === "" ? "" : ` code-${c.att}${c.missing ? " code-missing" : ""}`;
                    return (
                      <td key={k}>
                        <input
                          class={`cell${code}${tokenOk(v, ctx) ? "" : " invalid"}`}
                          data-r={row}
                          data-c={col}
                          maxLength={12}
                          disabled={!enrolled}
                          aria-label={t.cellOf(name, showDate(l.date, lang))}
                          value={v}
                          onInput={(e) => setCells((all) => ({ ...all, [k]: value(e) }))}
                          onKeyDown={(e) => onKey(e, row, col)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Reasons
        items={lessons.flatMap((l, k) =>
          people.filter(([id]) => loaded(l, id) && away(k, id)).map(([id, name]) => ({ k, id, name, l })),
        )}
        reasons={reasons}
        setReason={(key, v) => setReasons((all) => ({ ...all, [key]: v }))}
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
