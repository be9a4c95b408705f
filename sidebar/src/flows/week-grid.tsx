/** The week's grid: students down, lessons across, one token cell each; arrows move, Enter goes down. */
import { useRef } from "preact/hooks";
import type { LessonSheet } from "../../../src/rpc/contract.js";
import { parseCell, tokenOk } from "../cells.js";
import { showDate, weekday } from "../i18n.js";
import { keepInView, useShared, value } from "../ui.js";
import { cellKey } from "../week-state.js";

const MOVES: Record<string, [number, number]> = {
  ArrowDown: [1, 0],
  Enter: [1, 0],
  ArrowUp: [-1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

export function WeekGrid(props: {
  lessons: readonly LessonSheet[];
  people: readonly [string, string][];
  cells: Record<string, string>;
  setCell(key: string, v: string): void;
}) {
  const { ctx, t, lang } = useShared();
  const grid = useRef<HTMLTableElement>(null);
  const { lessons, people } = props;

  /** The next cell in a direction that exists (the student enrolled in that lesson). */
  function move(row: number, col: number, [dr, dc]: [number, number]) {
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
    }
  }

  function onKey(e: KeyboardEvent, row: number, col: number) {
    const d = MOVES[e.key];
    // Ctrl+Enter is the flow's (save); Alt/Shift keep the field's own keys.
    if (!d || e.altKey || e.shiftKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    move(row, col, d);
  }

  return (
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
                const v = props.cells[k] ?? "";
                const c = parseCell(v, ctx);
                const code = v.trim() === "" ? "" : ` code-${c.att}${c.missing ? " code-missing" : ""}`;
                return (
                  <td key={k}>
                    <input
                      class={`cell${code}${tokenOk(v, ctx) ? "" : " invalid"}`}
                      data-r={row}
                      data-c={col}
                      maxLength={12}
                      disabled={!l.students.some((s) => s.id === id)}
                      aria-label={t.cellOf(name, showDate(l.date, lang))}
                      value={v}
                      onInput={(e) => props.setCell(k, value(e))}
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
  );
}
