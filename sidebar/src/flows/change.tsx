/**
 * A schedule change: check it (the conflicts it adds, the notice text to copy), then save. Any
 * edit after a check asks for a new check, so what is saved is what was checked.
 */
import { useState } from "preact/hooks";
import type { ChangeCheck, ChangeKind, ChangeRequest } from "../../../src/rpc/contract.js";
import { call } from "../rpc.js";
import { Field, GroupOptions, Message, useAction, useShared, value } from "../ui.js";

const KINDS: readonly ChangeKind[] = ["cancel", "move", "extra", "consultation"];

export function ChangeFlow() {
  const { ctx, t, lang } = useShared();
  const [req, setReq] = useState<ChangeRequest>({
    date: ctx.today,
    groupId: ctx.groups[0]?.id ?? "",
    kind: "cancel",
    start: "",
    end: "",
    newDate: "",
    reason: "",
  });
  const [checked, setChecked] = useState<{ req: ChangeRequest; result: ChangeCheck } | null>(null);
  const [copied, setCopied] = useState(false);
  const action = useAction();

  const set = (k: keyof ChangeRequest) => (e: Event) => {
    setReq((r) => ({ ...r, [k]: value(e) }));
    setCopied(false);
  };
  const upToDate = checked !== null && JSON.stringify(checked.req) === JSON.stringify(req);

  const check = () =>
    action.run(
      () => call("changeCheck", req),
      (result) => {
        setChecked({ req, result });
        return null;
      },
    );

  const save = () =>
    action.run(
      () => call("changeSave", req),
      (result) => {
        setChecked({ req, result });
        return t.savedChange(result.row);
      },
    );

  async function copy(text: string, area: HTMLTextAreaElement | null) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // The sidebar's iframe may not allow the clipboard API: select the text for Ctrl+C.
      area?.select();
      document.execCommand("copy");
    }
    setCopied(true);
  }

  const needsTimes = req.kind === "extra" || req.kind === "consultation";
  const result = upToDate ? checked.result : null;
  return (
    <div>
      <Field label={t.kind}>
        <select id="change-kind" value={req.kind} onChange={set("kind")}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t.kinds[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.group}>
        <select id="change-group" value={req.groupId} onChange={set("groupId")}>
          <GroupOptions />
        </select>
      </Field>
      <Field label={t.date}>
        <input id="change-date" type="date" value={req.date} required onInput={set("date")} />
      </Field>
      <div class="row">
        <Field label={t.start}>
          <input
            id="change-start"
            type="time"
            value={req.start}
            required={needsTimes}
            onInput={set("start")}
          />
        </Field>
        <Field label={t.endTime}>
          <input id="change-end" type="time" value={req.end} required={needsTimes} onInput={set("end")} />
        </Field>
      </div>
      {req.kind === "move" ? (
        <Field label={t.newDate}>
          <input id="change-new-date" type="date" value={req.newDate} required onInput={set("newDate")} />
        </Field>
      ) : null}
      <Field label={t.reason}>
        <input id="change-reason" value={req.reason} onInput={set("reason")} />
      </Field>
      <div class="block buttons">
        <button type="button" id="change-check" disabled={action.busy} onClick={() => void check()}>
          {action.busy ? t.checking : t.check}
        </button>
        <button
          type="button"
          class="action"
          id="change-save"
          disabled={action.busy || !upToDate}
          title={upToDate ? "" : t.checkFirst}
          onClick={() => void save()}
        >
          {t.save}
        </button>
      </div>
      {result ? (
        <div class="block" id="change-result">
          {result.conflicts.length === 0 ? (
            <p class="ok">{t.noConflicts}</p>
          ) : (
            <>
              <p class="error">{t.conflicts}</p>
              <ul class="conflicts">
                {result.conflicts.map((c) => (
                  <li key={c.cell + c.message.en}>{`${c.cell}: ${c.message[lang]}`}</li>
                ))}
              </ul>
            </>
          )}
          {result.notice ? (
            <Field label={t.notice}>
              <textarea id="change-notice" rows={4} readOnly value={result.notice} />
              <button
                type="button"
                onClick={(e) =>
                  void copy(
                    result.notice,
                    (e.currentTarget as HTMLElement).parentElement?.querySelector("textarea") ?? null,
                  )
                }
              >
                {copied ? t.copied : t.copy}
              </button>
            </Field>
          ) : null}
        </div>
      ) : null}
      <Message error={action.error} ok={action.ok} />
    </div>
  );
}
