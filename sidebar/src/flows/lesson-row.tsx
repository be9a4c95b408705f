/** One student of the lesson flow: attendance buttons, mark, «нз» toggle, absence reason. */
import type { Attendance } from "../../../src/rpc/contract.js";
import { ATTENDANCE, isAway, markOk, parseCell } from "../cells.js";
import { useShared, value } from "../ui.js";
import type { Row } from "./lesson.js";

interface Props {
  row: Row;
  index: number;
  dirty: boolean;
  setRow(i: number, patch: Partial<Row>): void;
  focus(i: number, what: "att" | "mark", step?: number): void;
  submit(): void;
}

/** A code's key → attendance: one-letter codes of both languages, «о» for «оп», ЙЦУКЕН positions. */
function useKeys() {
  const { ctx, lang } = useShared();
  const letters: Record<string, Attendance> = { о: "late" };
  for (const [word, a] of Object.entries(ctx.attendanceWords)) if (word.length === 1) letters[word] = a;
  const byCode: Record<string, Attendance> =
    lang === "ru" ? { KeyY: "absent", KeyE: "excused", Comma: "ill", KeyJ: "late" } : {};
  const plain = (e: KeyboardEvent) => !(e.ctrlKey || e.altKey || e.metaKey);
  return {
    attendance: (e: KeyboardEvent): Attendance | undefined =>
      plain(e) ? (letters[e.key.toLowerCase()] ?? byCode[e.code]) : undefined,
    // «з» (where ЙЦУКЕН has it) or «m»: the assignment was not done.
    missing: (e: KeyboardEvent) =>
      plain(e) && (["з", "m"].includes(e.key.toLowerCase()) || (lang === "ru" && e.code === "KeyP")),
  };
}

export function StudentRow({ row: r, index: i, dirty, setRow, focus, submit }: Props) {
  const { ctx, t } = useShared();
  const keys = useKeys();
  const away = isAway(r.att);
  const bad = !away && !markOk(r.mark, ctx.words);
  const choose = (a: Attendance) =>
    setRow(i, { att: a, mark: isAway(a) ? "" : r.mark, missing: isAway(a) ? false : r.missing });

  function saveKey(e: KeyboardEvent): boolean {
    if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return false;
    e.preventDefault();
    submit();
    return true;
  }

  function onAttKey(e: KeyboardEvent) {
    if (saveKey(e)) return;
    const k = e.key;
    if (k === "ArrowLeft" || k === "ArrowRight") {
      const next = ATTENDANCE[(ATTENDANCE.indexOf(r.att) + (k === "ArrowRight" ? 1 : 4)) % 5];
      choose(next);
      (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-att="${next}"]`)?.focus();
    } else if (k === "ArrowDown" || k === "ArrowUp") focus(i + (k === "ArrowDown" ? 1 : -1), "att");
    else if (/^[1-5]$/.test(k)) {
      setRow(i, { att: r.att === "late" ? "late" : "present", mark: k });
      focus(i + 1, "att");
    } else if (keys.attendance(e)) {
      const a = keys.attendance(e)!;
      setRow(i, { att: a, mark: "", missing: false });
      focus(i + 1, "att");
    } else if (keys.missing(e)) setRow(i, { att: away ? "present" : r.att, missing: !r.missing });
    else if (k === "Delete" || k === "Backspace") setRow(i, { att: "present", mark: "", missing: false });
    else return;
    e.preventDefault();
  }

  function onMarkKey(e: KeyboardEvent) {
    if (saveKey(e) || e.ctrlKey || e.metaKey) return;
    if (e.key === "ArrowDown" || e.key === "Enter") focus(i + 1, "mark", 1);
    else if (e.key === "ArrowUp") focus(i - 1, "mark", -1);
    else return;
    e.preventDefault();
  }

  function onMarkInput(text: string) {
    // A whole token typed into the mark field (н, нз 3, оп 4) sets the row as the grammar says.
    const c = parseCell(text, ctx);
    setRow(i, c.att !== "present" || c.missing ? c : { att: r.att, mark: text, missing: r.missing });
  }

  return (
    <div class={`student${dirty ? " dirty" : ""}`} data-row={i} data-id={r.id}>
      <span class="name" title={r.name || r.id}>
        {r.name || r.id}
      </span>
      <div class="att-group" role="radiogroup" aria-label={`${t.attendance}: ${r.name}`} onKeyDown={onAttKey}>
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
            onClick={() => choose(a)}
          >
            {a === "present" ? t.att.present : ctx.tokens[a]}
          </button>
        ))}
      </div>
      <button
        type="button"
        class="att missing"
        aria-pressed={r.missing}
        aria-label={`${t.missingLong}: ${r.name}`}
        title={t.missingLong}
        disabled={away}
        tabIndex={-1}
        onClick={() => setRow(i, { missing: !r.missing })}
      >
        {t.missing}
      </button>
      <input
        class={`mark${bad ? " invalid" : ""}`}
        type="text"
        maxLength={12}
        aria-label={`${t.mark}: ${r.name}`}
        aria-invalid={bad}
        value={away ? "" : r.mark}
        disabled={away}
        onInput={(e) => onMarkInput(value(e))}
        onKeyDown={onMarkKey}
      />
      {/* The journal workbook keeps no absence reasons (the master's «Причины пропусков» does). */}
      {away && !ctx.journalOnly ? (
        <input
          class="reason"
          type="text"
          maxLength={300}
          placeholder={t.absenceReason}
          aria-label={`${t.absenceReason}: ${r.name}`}
          value={r.reason}
          onInput={(e) => setRow(i, { reason: value(e) })}
          onKeyDown={(e) => {
            if (saveKey(e)) return;
            if (e.key === "Enter") {
              e.preventDefault();
              focus(i + 1, "att");
            }
          }}
        />
      ) : null}
    </div>
  );
}
