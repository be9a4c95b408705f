/** The sidebar: load the context once, pick a flow, show it in the workbook's language. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { SidebarContext, Text } from "../../src/rpc/contract.js";
import { AchievementFlow } from "./flows/achievement.js";
import { AttestationFlow } from "./flows/attestation.js";
import { ChangeFlow } from "./flows/change.js";
import { ContactFlow } from "./flows/contact.js";
import { EnrollmentFlow } from "./flows/enrollment.js";
import { LessonFlow } from "./flows/lesson.js";
import { PlanFlow } from "./flows/plan.js";
import { ReportFlow } from "./flows/report.js";
import { RiskFlow } from "./flows/risk.js";
import { StudentFlow } from "./flows/student.js";
import { WeekFlow } from "./flows/week.js";
import { STRINGS } from "./i18n.js";
import { call, errorText } from "./rpc.js";
import { SharedContext } from "./ui.js";

const FLOWS = {
  lesson: LessonFlow,
  week: WeekFlow,
  risk: RiskFlow,
  student: StudentFlow,
  enroll: EnrollmentFlow,
  contact: ContactFlow,
  change: ChangeFlow,
  report: ReportFlow,
  plan: PlanFlow,
  achievement: AchievementFlow,
  attestation: AttestationFlow,
} as const;

type Flow = keyof typeof FLOWS;

export function App() {
  const [ctx, setCtx] = useState<SidebarContext | null>(null);
  const [error, setError] = useState<Text | null>(null);
  const [flow, setFlow] = useState<Flow>("lesson");
  const dirty = useRef(false);

  useEffect(() => {
    call("context", {}).then(setCtx, (e) => setError(errorText(e)));
    // Closing or reloading the sidebar with unsaved marks asks first (the browser's own dialog).
    const guard = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", guard);
    return () => window.removeEventListener("beforeunload", guard);
  }, []);

  useEffect(() => {
    if (!ctx) return;
    document.documentElement.lang = ctx.lang;
    document.title = STRINGS[ctx.lang].title;
  }, [ctx?.lang]);

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
  const Current = ctx.journalOnly ? LessonFlow : FLOWS[flow];
  return (
    <SharedContext.Provider
      value={{
        ctx,
        t,
        lang: ctx.lang,
        update: (f) => setCtx((c) => (c ? f(c) : c)),
        setDirty: (d) => {
          dirty.current = d;
        },
      }}
    >
      <div class="sidebar" lang={ctx.lang}>
        {/* The journal workbook's sidebar is the lesson flow alone: no flow to choose. */}
        {ctx.journalOnly ? null : (
          <label class="block field flow">
            <span class="label">{t.action}</span>
            <select
              id="flow"
              value={flow}
              onChange={(e) => {
                const el = e.currentTarget as HTMLSelectElement;
                if (dirty.current && !window.confirm(t.unsaved)) {
                  el.value = flow;
                  return;
                }
                dirty.current = false;
                setFlow(el.value as Flow);
              }}
            >
              {(Object.keys(FLOWS) as Flow[]).map((f) => (
                <option key={f} value={f}>
                  {t.flows[f]}
                </option>
              ))}
            </select>
          </label>
        )}
        <main>
          <Current key={flow} />
        </main>
        <p class="gray user">{ctx.user}</p>
      </div>
    </SharedContext.Provider>
  );
}
