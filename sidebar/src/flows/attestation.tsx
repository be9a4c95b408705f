/**
 * «Результаты аттестации»: an attestation the user examines or assists (a coordinator: any),
 * then one row per student who sits it — the result (a mark, зач, незач, н, у, осв) and a
 * comment. Like the lesson flow, only changed cells are sent, each with the text it was
 * loaded with, so the server refuses to overwrite someone else's edit; one call saves them all.
 *
 * «Загрузить заново» after a refusal keeps every edit nobody else contradicted.
 *
 * Keyboard: in a result field ↑/↓/Enter go to the row above/below (same column), in a comment
 * too; Tab moves from the result to the comment; Ctrl+Enter (⌘+Enter) saves from any field.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { AttestationResultStudent, AttestationResults } from "../../../src/rpc/contract.js";
import { showDate } from "../i18n.js";
import { mergeResults, type Row, resultOk } from "../results.js";
import { call } from "../rpc.js";
import { Field, keepInView, Message, useAction, useLatest, useShared, value } from "../ui.js";
import { ResultRow } from "./attestation-row.js";

const toRow = (s: AttestationResultStudent): Row => ({
  id: s.id,
  name: s.name,
  loaded: s.cell,
  loadedComment: s.comment,
  result: s.cell,
  comment: s.comment,
});

export function AttestationFlow() {
  const shared = useShared();
  const { t, lang } = shared;
  const [data, setData] = useState<AttestationResults | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const list = useRef<HTMLDivElement>(null);
  const load = useLatest();
  const save = useAction();

  const show = (r: AttestationResults) => {
    setData(r);
    setRows(r.students.map(toRow));
  };
  const fetch = (attestationId?: string, keep = false) =>
    load.run(
      () => call("attestationResultsLoad", { attestationId: attestationId ?? null }),
      (r) => {
        if (!keep || !data) {
          show(r);
          return null;
        }
        const m = mergeResults(rows, r.students.map(toRow));
        setData(r);
        setRows(m.rows);
        return t.attKeptEdits(m.kept, m.replaced);
      },
    );
  useEffect(() => {
    void fetch();
  }, []);

  const isChanged = (r: Row) => r.result.trim() !== r.loaded || r.comment.trim() !== r.loadedComment;
  const changed = rows.filter(isChanged);
  const dirty = changed.length > 0;
  const invalid = rows.find((r) => !resultOk(r.result));
  useEffect(() => shared.setDirty(dirty), [dirty]);
  const leave = () => !dirty || window.confirm(t.unsaved);

  async function submit() {
    if (!data?.attestationId || save.busy || load.busy) return;
    if (invalid) {
      const msg = t.badResult(invalid.name || invalid.id, invalid.result);
      save.setError({ ru: msg, en: msg });
      return;
    }
    const expected: Record<string, string> = {};
    const values: Record<string, string> = {};
    const expectedComments: Record<string, string> = {};
    const comments: Record<string, string> = {};
    for (const r of changed) {
      if (r.result.trim() !== r.loaded) {
        expected[r.id] = r.loaded;
        values[r.id] = r.result.trim();
      }
      if (r.comment.trim() !== r.loadedComment) {
        expectedComments[r.id] = r.loadedComment;
        comments[r.id] = r.comment.trim();
      }
    }
    const id = data.attestationId;
    await save.run(
      () =>
        call("attestationResultsSave", { attestationId: id, expected, values, expectedComments, comments }),
      (res) => {
        show(res.results);
        return t.savedResults(res.changed, res.range);
      },
    );
  }

  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const focus = (i: number, what: "result" | "comment") =>
    list.current?.querySelector<HTMLInputElement>(`[data-row="${i}"] input.${what}`)?.focus();

  function onKey(e: KeyboardEvent, i: number, what: "result" | "comment") {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "ArrowDown" || e.key === "Enter") focus(i + 1, what);
    else if (e.key === "ArrowUp") focus(i - 1, what);
    else return;
    e.preventDefault();
  }

  if (data && !data.attestations.length) return <p class="gray">{t.noAttestations}</p>;
  const current = data?.attestationId ?? "";
  return (
    <div>
      {data ? (
        <Field label={t.attestation}>
          <select
            id="attestation-id"
            value={current}
            onChange={(e) => {
              if (!leave()) {
                (e.currentTarget as HTMLSelectElement).value = current;
                return;
              }
              save.setOk(null);
              save.setError(null);
              void fetch(value(e));
            }}
          >
            {data.attestations.map((a) => (
              <option key={a.id} value={a.id}>
                {`${showDate(a.date, lang)} ${a.groupId} ${a.subject}${a.form ? ` — ${a.form}` : ""} (${a.id})`}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Message error={load.error} ok={load.ok} />
      {load.busy && !data ? <p class="gray">{t.loading}</p> : null}
      {data?.attestationId && !data.exists ? <p class="gray">{t.attNoSheet(data.sheet)}</p> : null}
      {data?.attestationId && !data.students.length ? <p class="gray">{t.attNobody}</p> : null}
      <div
        class="students"
        ref={list}
        aria-busy={load.busy}
        onFocusIn={(e) => keepInView((e.target as HTMLElement).closest(".student"))}
      >
        {rows.map((r, i) => (
          <ResultRow key={r.id} row={r} index={i} changed={isChanged(r)} setRow={setRow} onKey={onKey} />
        ))}
      </div>
      <div class="savebar">
        {data?.attestationId ? (
          <div class="buttons">
            <button
              type="button"
              class="action"
              id="attestation-save"
              disabled={save.busy || load.busy || !dirty}
              onClick={() => void submit()}
            >
              {save.busy ? t.saving : t.save}
            </button>
            <button
              type="button"
              id="attestation-reload"
              disabled={load.busy}
              onClick={() => void fetch(current, true)}
            >
              {t.reload}
            </button>
            <span class="gray count">{changed.length ? t.changedCount(changed.length) : ""}</span>
          </div>
        ) : null}
        <Message error={save.error} ok={save.ok} />
      </div>
      {data?.attestationId ? <p class="gray hint">{t.attKeysHint}</p> : null}
    </div>
  );
}
