/** One student of «Результаты аттестации»: the name, the result field and the comment. */

import { type Row, resultOk } from "../results.js";
import { useShared, value } from "../ui.js";

interface Props {
  row: Row;
  index: number;
  changed: boolean;
  setRow(i: number, patch: Partial<Row>): void;
  onKey(e: KeyboardEvent, i: number, what: "result" | "comment"): void;
}

export function ResultRow({ row: r, index: i, changed, setRow, onKey }: Props) {
  const { t } = useShared();
  const bad = !resultOk(r.result);
  const label = r.name || r.id;
  return (
    <div class={`student result-row${changed ? " dirty" : ""}`} data-row={i} data-id={r.id}>
      <span class="name" title={label}>
        {label}
      </span>
      <input
        class={`mark result${bad ? " invalid" : ""}`}
        type="text"
        maxLength={12}
        aria-label={`${t.attResult}: ${label}`}
        aria-invalid={bad}
        value={r.result}
        onInput={(e) => setRow(i, { result: value(e) })}
        onKeyDown={(e) => onKey(e, i, "result")}
      />
      <input
        class="reason comment"
        type="text"
        maxLength={1000}
        placeholder={t.attComment}
        aria-label={`${t.attComment}: ${label}`}
        value={r.comment}
        onInput={(e) => setRow(i, { comment: value(e) })}
        onKeyDown={(e) => onKey(e, i, "comment")}
      />
    </div>
  );
}
