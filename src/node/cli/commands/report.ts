import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadWorkbook } from "../../../app/load.js";
import { monthSectionsIn } from "../../../app/month-sections.js";
import { docKey, runMonthlyJob } from "../../../app/monthly-job.js";
import { registryBlocksIn } from "../../../app/registries.js";
import { compileMonth, type MonthlyRun } from "../../../app/report.js";
import { chooseReportMonth } from "../../../app/report-month.js";
import { withOmissions } from "../../../app/report-preflight.js";
import { SheetStore } from "../../../app/sheet-store.js";
import { isMonth, todayIn } from "../../../core/dates.js";
import { type Lang, msg } from "../../../core/i18n.js";
import { pct, SUMMARY_JSON_SCHEMA } from "../../../core/metrics/index.js";
import type { Settings } from "../../../core/records.js";
import { refusalLines, reportOmissions } from "../../../core/report/omissions.js";
import { writeFileAtomic } from "../../atomic.js";
import { UserError } from "../../errors.js";
import type { ShareOutcome } from "../../google/sharing.js";
import { collectGarbage } from "../../memory.js";
import { renderDocx } from "../../report/docx.js";
import type { Command, Ctx } from "../context.js";
import { noKnownSheets, type OpenWorkbook, openWorkbook } from "../workbook-arg.js";

const usage = "coordinator report FILE.xlsx [--month YYYY-MM] [--out DIR] [--json] [--force]";

export const report: Command = {
  name: "report",
  summary: msg(
    "сводная ведомость за месяц: лист в книге, отчёт .docx и JSON",
    "the monthly summary: a sheet in the workbook, a .docx report and JSON",
  ),
  usage,
  options: {
    month: {
      type: "string",
      help: msg(
        "месяц ГГГГ-ММ (по умолчанию прошлый; если в нём нет уроков — последний месяц с уроками)",
        "month YYYY-MM (default: the previous one; when it has no lessons, the latest month that has)",
      ),
    },
    out: {
      type: "string",
      help: msg(
        "папка для отчёта и JSON (по умолчанию рядом с книгой)",
        "folder for the report and JSON (default: beside the workbook)",
      ),
    },
    json: { type: "boolean", help: msg("вывести пути в JSON", "print the paths as JSON") },
    force: {
      type: "boolean",
      help: msg(
        "сформировать, даже если часть учащихся или групп не попадёт в отчёт (отчёт это перечислит)",
        "write it even if some students or groups are left out (the report lists them)",
      ),
    },
    "print-schema": {
      type: "boolean",
      help: msg(
        "вывести JSON Schema файла summary-YYYY-MM.json",
        "print the JSON Schema of summary-YYYY-MM.json",
      ),
    },
  },
  async run(ctx) {
    if (ctx.options["print-schema"]) {
      ctx.out(JSON.stringify(SUMMARY_JSON_SCHEMA, null, 2));
      return 0;
    }
    const done = await compileAndWrite(ctx);
    if (typeof done === "number") return done;
    // The workbook is written and let go: collect it before the .docx takes its memory.
    collectGarbage();
    ctx.progress(msg("Собираю отчёт .docx…", "Building the .docx report…"));
    const json = join(done.dir, `summary-${done.month}.json`);
    await writeFileAtomic(json, `${JSON.stringify(done.json, null, 2)}\n`);
    const docx = join(done.dir, `report-${done.month}.docx`);
    await writeFileAtomic(docx, await renderDocx(done.doc));
    printOutcome(ctx, done, docx, json);
    return 0;
  },
};

/** What the report command keeps once the workbook is written (the workbook itself is let go). */
interface Written {
  month: string;
  reason?: string;
  lang: Lang;
  label: string;
  dir: string;
  sheet: string;
  doc: MonthlyRun["doc"];
  json: MonthlyRun["json"];
  students: number;
  success: number | null;
  atRisk: number;
  docUrl?: string;
}

/**
 * Read, compute and write the summary into the workbook (or the Google Sheet and its Doc).
 * Returns only what the .docx, the JSON and the message need, so the workbook's parsed parts
 * can be collected before the .docx is built (the peak memory of a big school).
 */
async function compileAndWrite(ctx: Ctx): Promise<Written | number> {
  const target = await openWorkbook(ctx, usage);
  const { model, names, tables } = loadWorkbook(target.wb, { attestationResults: true });
  if (!model.tabs.groups && !model.journals.length) throw noKnownSheets(target.label);
  const chosen = ctx.options.month
    ? null
    : chooseReportMonth(model, todayIn(ctx.now(), model.settings.timeZone));
  const month = chosen ? chosen.month : String(ctx.options.month);
  if (!isMonth(month))
    throw new UserError(
      "bad-month",
      msg(`Неверный месяц «${month}»; ожидается ГГГГ-ММ`, `Bad month "${month}"; expected YYYY-MM`),
    );
  const lang = ctx.langForced ? ctx.lang : model.settings.language;
  if (chosen) ctx.progress(chosen.reason);
  ctx.progress(msg(`Считаю показатели за ${month}…`, `Computing the figures for ${month}…`));
  const force = Boolean(ctx.options.force);
  const omissions = reportOmissions(model);
  if (omissions.length && !force) {
    for (const line of refusalLines(omissions, lang)) ctx.err(line);
    return 1;
  }
  const run = withOmissions(
    compileMonth(model, names, month, ctx.now(), { lang, ...monthSectionsIn(model, tables) }),
    omissions,
  );
  run.doc.blocks.push(...registryBlocksIn(target.wb, model, tables, month, lang));
  const dir = resolve(String(ctx.options.out ?? target.dir));
  await mkdir(dir, { recursive: true });
  let docUrl: string | undefined;
  if (target.google) {
    // A Google Sheet gets the same job as the Apps Script menu: summary + JSON sheets, the
    // Google Doc (remembered in the hidden «_coordinator» sheet, updated in place), sharing.
    ctx.progress(msg("Пишу сводную и документ Google…", "Writing the summary and the Google Doc…"));
    const done = await googleReport(target, month, run.doc.title, model.settings, ctx.now(), lang, force);
    docUrl = done.docUrl;
    for (const line of sharingLines(done.sharing, lang)) ctx.err(line);
  } else {
    ctx.progress(msg("Записываю лист сводной в книгу…", "Writing the summary sheet into the workbook…"));
    target.wb.write([run.summaryWrite]);
  }
  await target.save();
  const s = run.figures.school;
  return {
    month,
    reason: chosen?.reason[lang],
    lang,
    label: target.label,
    dir,
    sheet: run.summaryWrite.sheet,
    doc: run.doc,
    json: run.json,
    students: s.students,
    success: s.success,
    atRisk: run.figures.atRisk.length,
    docUrl,
  };
}

function printOutcome(ctx: Ctx, w: Written, docx: string, json: string): void {
  if (ctx.options.json) {
    ctx.out(
      JSON.stringify(
        {
          month: w.month,
          monthReason: w.reason,
          sheet: w.sheet,
          docx,
          json,
          doc: w.docUrl,
          students: w.students,
          atRisk: w.atRisk,
        },
        null,
        2,
      ),
    );
    return;
  }
  const google = w.docUrl
    ? w.lang === "ru"
      ? `\nДокумент Google: ${w.docUrl}`
      : `\nGoogle Doc: ${w.docUrl}`
    : "";
  ctx.out(
    w.lang === "ru"
      ? `Сводная за ${w.month}: лист «${w.sheet}» в ${w.label}\nОтчёт: ${docx}${google}\nJSON: ${json}\nУчащихся: ${w.students}, успеваемость ${pct(w.success, "ru") || "—"} %, в группе риска: ${w.atRisk}.`
      : `Summary for ${w.month}: sheet "${w.sheet}" in ${w.label}\nReport: ${docx}${google}\nJSON: ${json}\nStudents: ${w.students}, success ${pct(w.success, "en") || "—"} %, at risk: ${w.atRisk}.`,
  );
}

async function googleReport(
  target: OpenWorkbook,
  month: string,
  title: string,
  settings: Settings,
  now: Date,
  lang: Lang,
  force: boolean,
): Promise<{ docUrl?: string; sharing: ShareOutcome[] }> {
  const google = target.google!;
  const wb = target.wb;
  const { GoogleDocsSink } = await import("../../google/docs-sink.js");
  const store = new SheetStore(wb);
  const docs = new GoogleDocsSink({ auth: google.auth, rootUrl: google.rootUrl, lang });
  await docs.prepare(store.get(docKey(month)), title, {
    folder: settings.reportFolder,
    folderId: settings.reportFolderId,
    spreadsheetId: google.spreadsheetId,
    month,
  });
  const r = runMonthlyJob(
    {
      wb,
      store,
      clock: { now: () => now },
      lock: { withLock: (fn) => fn() },
      docs,
      scheduleContinuation: () => {},
      user: "coordinator CLI",
      link: (_sheet, _cell, label) => label,
      budgetMs: Number.POSITIVE_INFINITY,
    },
    month,
    { mail: false, force },
  );
  await docs.flushContent();
  await target.save();
  return { docUrl: r.docUrl, sharing: await docs.flushSharing() };
}

/** Warnings for the addresses not shared with (and the ones Drive had to invite by mail). */
export function sharingLines(sharing: readonly ShareOutcome[], lang: Lang): string[] {
  return sharing.flatMap((s) => {
    if (s.status === "failed" && s.reason) return [s.reason[lang]];
    if (s.status === "invited")
      return [
        lang === "ru"
          ? `${s.email}: нет аккаунта Google — Drive отправил приглашение письмом`
          : `${s.email}: no Google account — Drive sent an invitation by email`,
      ];
    return [];
  });
}
