/** Build the monthly report: progress while it runs, then the link to the Doc (a path locally). */
import { useState } from "preact/hooks";
import type { ReportOutcome } from "../../../src/rpc/contract.js";
import { call } from "../rpc.js";
import { Field, Message, useAction, useShared, value } from "../ui.js";

export function ReportFlow() {
  const { ctx, t, lang } = useShared();
  const [month, setMonth] = useState(ctx.reportMonth);
  const [outcome, setOutcome] = useState<ReportOutcome | null>(null);
  const action = useAction();

  if (!ctx.canReport) return <p class="gray">{t.noReport}</p>;
  const url = outcome?.url ?? "";
  const web = /^https?:\/\//.test(url);
  return (
    <div>
      <Field label={t.month}>
        <input id="report-month" type="month" value={month} onInput={(e) => setMonth(value(e))} />
      </Field>
      <div class="block buttons">
        <button
          type="button"
          class="action"
          id="report-build"
          disabled={action.busy || !month}
          onClick={() =>
            void action.run(
              () => {
                setOutcome(null);
                return call("reportBuild", { month });
              },
              (r) => {
                setOutcome(r);
                return null;
              },
            )
          }
        >
          {t.build}
        </button>
      </div>
      {action.busy ? (
        <div class="block" role="status">
          <progress aria-label={t.building} />
          <p class="gray">{t.building}</p>
        </div>
      ) : null}
      {outcome?.message ? <p class="block">{outcome.message[lang]}</p> : null}
      {outcome?.status === "done" && url ? (
        <p class="block ok" id="report-done">
          {`${t.done} `}
          {web ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {t.open}
            </a>
          ) : (
            <code>{url}</code>
          )}
        </p>
      ) : null}
      <Message error={action.error} />
    </div>
  );
}
