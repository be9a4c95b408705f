/**
 * `coordinator attestation FILE.xlsx [--check] [--notices] [--results ID] [--json]`:
 * without options, create or extend the results sheets «Аттестация <ID>» and rewrite the
 * started periods' «Итоги <период>» (overrides kept), then print the checks; --check only
 * checks (exit 1 on errors); --notices prints the schedule texts and records «Сообщено»;
 * --results ID creates or extends that attestation's results sheet and prints its results.
 */
import {
  checkAttestation,
  loadAttestation,
  noticesRun,
  resultsWrites,
  updateAttestation,
} from "../../../app/attestation.js";
import { participants } from "../../../core/attestation/participants.js";
import { resultLabel } from "../../../core/attestation/results.js";
import { attestationFigures } from "../../../core/attestation/summary.js";
import { todayIn } from "../../../core/dates.js";
import { type Lang, msg } from "../../../core/i18n.js";
import { formatIssue, hasErrors, type Issue } from "../../../core/issues.js";
import { UserError } from "../../errors.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, type OpenWorkbook, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator attestation FILE.xlsx [--check] [--notices] [--results ID] [--json]";

function printIssues(ctx: Ctx, issues: readonly Issue[], lang: Lang): void {
  if (ctx.options.json) {
    ctx.out(JSON.stringify({ issues: issues.map((i) => ({ ...i, text: i.message[lang] })) }, null, 2));
    return;
  }
  for (const i of issues) ctx.out(formatIssue(i, lang));
  ctx.out(
    issues.length === 0
      ? lang === "ru"
        ? "Проблем в расписании аттестации нет."
        : "No problems in the attestation schedule."
      : lang === "ru"
        ? `Проблем: ${issues.length}.`
        : `Problems: ${issues.length}.`,
  );
}

async function notices(ctx: Ctx, target: OpenWorkbook, lang: Lang, today: string): Promise<number> {
  const st = loadAttestation(target.wb);
  const { notices: list, write } = noticesRun(st, today, lang);
  if (write) {
    target.wb.write([write]);
    await target.save();
  }
  if (ctx.options.json) ctx.out(JSON.stringify(list, null, 2));
  else if (!list.length)
    ctx.out(lang === "ru" ? "Вся аттестация уже сообщена." : "Every attestation has been notified.");
  else {
    for (const n of list) ctx.out(`${n.text}\n`);
    ctx.out(
      write
        ? lang === "ru"
          ? `«Сообщено» отмечено: ${today}.`
          : `"Notified" recorded: ${today}.`
        : lang === "ru"
          ? "Нет столбца «Сообщено»: отметка не записана."
          : 'No "Notified" column: nothing recorded.',
    );
  }
  return 0;
}

async function results(ctx: Ctx, target: OpenWorkbook, lang: Lang, id: string): Promise<number> {
  const st = loadAttestation(target.wb);
  const a = st.attestations.find((x) => x.id === id);
  if (!a)
    throw new UserError(
      "bad-args",
      msg(
        `Нет аттестации с ID «${id}» на листе «Аттестация»`,
        `No attestation with ID "${id}" on the Attestation sheet`,
      ),
    );
  const writes = resultsWrites(st, lang, id).filter((w) => w.create || (w.cells?.length ?? 0) > 0);
  if (writes.length) {
    target.wb.write(writes);
    await target.save();
  }
  const sitting = participants(a, st.model);
  const sheet = st.results.get(id);
  const f = attestationFigures(a, sitting, sheet);
  const lines = new Map((sheet?.lines ?? []).map((l) => [l.studentId, l]));
  const rows = sitting.map((s) => ({ studentId: s.id, result: resultLabel(lines.get(s.id)?.value ?? null) }));
  if (ctx.options.json)
    ctx.out(JSON.stringify({ id, sheet: sheet?.sheet ?? writes[0]?.sheet, figures: f, rows }, null, 2));
  else {
    for (const r of rows) ctx.out(`${r.studentId}\t${r.result || "—"}`);
    ctx.out(
      lang === "ru"
        ? `${id}: учащихся ${f.participants}, сдали ${f.held}, не явились ${f.absent + f.excused}, не сдали ${f.failed}, не внесено ${f.missing}.`
        : `${id}: students ${f.participants}, sat ${f.held}, absent ${f.absent + f.excused}, failed ${f.failed}, not entered ${f.missing}.`,
    );
  }
  return 0;
}

export const attestation: Command = {
  name: "attestation",
  summary: msg(
    "аттестация: листы результатов, итоги периодов, проверка расписания, оповещения",
    "attestation: results sheets, period results, schedule check, notices",
  ),
  usage,
  options: {
    check: {
      type: "boolean",
      help: msg("только проверить расписание аттестации", "only check the attestation schedule"),
    },
    notices: {
      type: "boolean",
      help: msg("тексты расписания аттестации; отметить «Сообщено»", "the schedule texts; record Notified"),
    },
    results: {
      type: "string",
      help: msg("лист результатов одной аттестации (ID)", "one attestation's results sheet (ID)"),
    },
    json: { type: "boolean", help: msg("вывод в JSON", "JSON output") },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const names = target.wb.sheetNames();
    const st0 = loadAttestation(target.wb);
    if (!st0.model.tabs.attestations && !st0.model.tabs.groups && !names.length)
      throw noKnownSheets(target.label);
    if (!st0.model.tabs.attestations)
      throw new UserError(
        "not-found",
        msg(
          `В книге ${target.label} нет листа «Аттестация»; создайте его: coordinator init`,
          `${target.label} has no Attestation sheet; create it with: coordinator init`,
        ),
      );
    const lang = ctx.langForced ? ctx.lang : st0.model.settings.language;
    const today = todayIn(ctx.now(), st0.model.settings.timeZone);
    if (ctx.options.notices) return notices(ctx, target, lang, today);
    if (typeof ctx.options.results === "string") return results(ctx, target, lang, ctx.options.results);
    if (ctx.options.check) {
      const issues = checkAttestation(st0, today);
      printIssues(ctx, issues, lang);
      return hasErrors(issues) ? 1 : 0;
    }
    const run = updateAttestation(target.wb, today, lang);
    await target.save();
    if (!ctx.options.json)
      ctx.out(
        lang === "ru"
          ? `Листов результатов: ${run.results.length}; итоги периодов: ${run.terms.map((t) => `«${t}»`).join(", ") || "—"}.`
          : `Results sheets: ${run.results.length}; period results: ${run.terms.map((t) => `"${t}"`).join(", ") || "—"}.`,
      );
    printIssues(ctx, run.issues, lang);
    return hasErrors(run.issues) ? 1 : 0;
  },
};
