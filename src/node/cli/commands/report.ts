import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { absenceReasonsIn } from "../../../app/absence-reasons.js";
import { loadWorkbook } from "../../../app/load.js";
import { docKey, runMonthlyJob } from "../../../app/monthly-job.js";
import { presenceRowsIn } from "../../../app/presence.js";
import { compileMonth } from "../../../app/report.js";
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
import { renderDocx } from "../../report/docx.js";
import type { Command } from "../context.js";
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
    const target = await openWorkbook(ctx, usage);
    const wb = target.wb;
    const { model, names, tables } = loadWorkbook(wb);
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
      compileMonth(
        model,
        names,
        month,
        ctx.now(),
        lang,
        presenceRowsIn(model, tables),
        absenceReasonsIn(model, tables),
      ),
      omissions,
    );
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
      wb.write([run.summaryWrite]);
    }
    await target.save();
    ctx.progress(msg("Собираю отчёт .docx…", "Building the .docx report…"));
    const docx = join(dir, `report-${month}.docx`);
    await writeFileAtomic(docx, await renderDocx(run.doc));
    const json = join(dir, `summary-${month}.json`);
    await writeFileAtomic(json, `${JSON.stringify(run.json, null, 2)}\n`);
    if (ctx.options.json)
      ctx.out(
        JSON.stringify(
          {
            month,
            monthReason: chosen?.reason[lang],
            sheet: run.summaryWrite.sheet,
            docx,
            json,
            doc: docUrl,
            students: run.figures.school.students,
            atRisk: run.figures.atRisk.length,
          },
          null,
          2,
        ),
      );
    else {
      const s = run.figures.school;
      ctx.out(
        lang === "ru"
          ? `Сводная за ${month}: лист «${run.summaryWrite.sheet}» в ${target.label}\nОтчёт: ${docx}${docUrl ? `\nДокумент Google: ${docUrl}` : ""}\nJSON: ${json}\nУчащихся: ${s.students}, успеваемость ${pct(s.success, "ru") || "—"} %, в группе риска: ${run.figures.atRisk.length}.`
          : `Summary for ${month}: sheet "${run.summaryWrite.sheet}" in ${target.label}\nReport: ${docx}${docUrl ? `\nGoogle Doc: ${docUrl}` : ""}\nJSON: ${json}\nStudents: ${s.students}, success ${pct(s.success, "en") || "—"} %, at risk: ${run.figures.atRisk.length}.`,
      );
    }
    return 0;
  },
};

/**
 * The Google flow in the one order that leaves no orphan and no false report: find or make
 * the Doc (remembered in «_coordinator», else found by its appProperties, else new), write
 * its content, then the sheets (one idempotent batchUpdate, which also saves the Doc's ID),
 * and share only once the data is written; each address's sharing succeeds or fails alone.
 */
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
