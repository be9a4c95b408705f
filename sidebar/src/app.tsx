/** The sidebar: load the context once, pick a flow, show it in the workbook's language. */
import { useEffect, useState } from "preact/hooks";
import type { SidebarContext, Text } from "../../src/rpc/contract.js";
import { ChangeFlow } from "./flows/change.js";
import { ContactFlow } from "./flows/contact.js";
import { EnrollmentFlow } from "./flows/enrollment.js";
import { LessonFlow } from "./flows/lesson.js";
import { ReportFlow } from "./flows/report.js";
import { StudentFlow } from "./flows/student.js";
import { STRINGS } from "./i18n.js";
import { call, errorText } from "./rpc.js";
import { SharedContext } from "./ui.js";

const FLOWS = {
  lesson: LessonFlow,
  student: StudentFlow,
  enroll: EnrollmentFlow,
  contact: ContactFlow,
  change: ChangeFlow,
  report: ReportFlow,
} as const;

type Flow = keyof typeof FLOWS;

export function App() {
  const [ctx, setCtx] = useState<SidebarContext | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const [flow, setFlow] = useState<Flow>("lesson");

  useEffect(() => {
    call("context", {}).then(setCtx, (e) => setError(errorText(e)));
  }, []);

  if (!ctx)
    return (
      <div class="sidebar">
        {error ? (
          // The workbook's language is not known yet: both.
          <div class="error" role="alert">
            <p>{error.ru}</p>
            <p>{error.en}</p>
          </div>
        ) : (
          <p class="gray">Загрузка… · Loading…</p>
        )}
      </div>
    );

  const t = STRINGS[ctx.lang];
  const Current = FLOWS[flow];
  return (
    <SharedContext.Provider value={{ ctx, t, lang: ctx.lang, update: (f) => setCtx((c) => (c ? f(c) : c)) }}>
      <div class="sidebar" lang={ctx.lang}>
        <label class="block field flow">
          <span class="label">{t.action}</span>
          <select
            id="flow"
            value={flow}
            onChange={(e) => setFlow((e.currentTarget as HTMLSelectElement).value as Flow)}
          >
            {(Object.keys(FLOWS) as Flow[]).map((f) => (
              <option key={f} value={f}>
                {t.flows[f]}
              </option>
            ))}
          </select>
        </label>
        <main>
          <Current key={flow} />
        </main>
        <p class="gray user">{ctx.user}</p>
      </div>
    </SharedContext.Provider>
  );
}
