/**
 * At-risk students of the user's groups this month, with the reason, and «Сообщить родителям»:
 * the draft to copy into the parents' channel. The sidebar never sends it; without consent or
 * a contact there is no draft, and the reason is shown instead.
 */
import { useEffect, useState } from "preact/hooks";
import type { RiskItem, RiskList } from "../../../src/rpc/contract.js";
import { showDate } from "../i18n.js";
import { call } from "../rpc.js";
import { Message, useAction, useShared } from "../ui.js";

export function RiskFlow() {
  const { t, lang } = useShared();
  const [list, setList] = useState<RiskList | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const load = useAction();
  useEffect(() => {
    void load.run(
      () => call("riskList", {}),
      (l) => {
        setList(l);
        return null;
      },
    );
  }, []);
  const key = (x: RiskItem) => `${x.studentId}|${x.groupId}`;
  return (
    <div>
      <Message error={load.error} />
      {list ? <p class="gray">{t.riskUntil(list.month, showDate(list.until, lang), list.all)}</p> : null}
      {list && !list.items.length ? <p class="gray">{t.riskNone}</p> : null}
      <ul class="enrolled risk" id="risk-list">
        {(list?.items ?? []).map((x) => (
          <li key={key(x)} data-id={x.studentId} class="block">
            <div>
              <div class="name" title={x.name}>{`${x.name} · ${x.groupId}`}</div>
              <div class="gray">{x.why[lang]}</div>
              {open === key(x) ? (
                x.draft ? (
                  <div class="draft">
                    <div class="gray">{`${t.riskTo}: ${x.draft.to} (${x.draft.channel})`}</div>
                    <textarea
                      readOnly
                      rows={8}
                      aria-label={t.riskDraft}
                      value={`${x.draft.subject}\n\n${x.draft.text}`}
                    />
                    <div class="gray hint">{t.riskNotSent}</div>
                  </div>
                ) : (
                  <div class="error" role="alert">
                    {x.noDraft?.[lang]}
                  </div>
                )
              ) : null}
            </div>
            <button type="button" class="notify" onClick={() => setOpen(open === key(x) ? null : key(x))}>
              {t.riskNotify}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
