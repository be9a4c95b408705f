/**
 * `coordinator period FILE.xlsx --period "1 четверть" [--out DIR] [--json]`: the period's
 * «Итоги» sheet in the workbook (overrides kept), the period report as .docx (the monthly
 * report's renderer and document standard) and its JSON beside the workbook or in DIR.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadAttestation } from "../../../app/attestation.js";
import { compilePeriod, defaultPeriod } from "../../../app/period.js";
import { planPeriodLetters, recordPeriodLetters } from "../../../app/period-letters.js";
import { todayIn } from "../../../core/dates.js";
import { msg } from "../../../core/i18n.js";
import { pct } from "../../../core/metrics/index.js";
import type { Workbook } from "../../../ports.js";
import { writeFileAtomic } from "../../atomic.js";
import { UserError } from "../../errors.js";
import { renderDocx } from "../../report/docx.js";
import type { Command } from "../context.js";
import { openWorkbook } from "../workbook-arg.js";
import { fileSafe } from "./letters.js";

const usage = 'coordinator period FILE.xlsx [--period "1 четверть"] [--out DIR] [--json]';

/** A file-name-safe form of a period's name: «1 четверть» -> «1-четверть». */
export function periodSlug(name: string): string {
  return (
    name
      .trim()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "") || "period"
  );
}

export const period: Command = {
  name: "period",
  summary: msg(
    "итоги периода (четверть, триместр, полугодие, год): лист, отчёт .docx и JSON",
    "a period's results (quarter, trimester, half, year): sheet, .docx report and JSON",
  ),
  usage,
  options: {
    period: {
      type: "string",
      help: msg("название периода с листа «Учебные периоды»", "a period's name from the Periods sheet"),
    },
    out: { type: "string", help: msg("папка для отчёта и JSON", "folder for the report and JSON") },
    json: { type: "boolean", help: msg("вывести пути в JSON", "print the paths as JSON") },
    letters: {
      type: "boolean",
      help: msg(
        "письма родителям (.docx на семью, только свой ребёнок); повторно не пишет",
        "letters to parents (a .docx per family, their own child only); never twice",
      ),
    },
  },
  async run(ctx) {
    const target = await openWorkbook(ctx, usage);
    const st = loadAttestation(target.wb);
    const lang = ctx.langForced ? ctx.lang : st.model.settings.language;
    // Without --period: the latest period ended by today (the year once it has ended).
    const today = todayIn(ctx.now(), st.model.settings.timeZone);
    const name =
      typeof ctx.options.period === "string"
        ? ctx.options.period
        : (defaultPeriod(st.periods, today)?.name ?? "");
    if (!name)
      throw new UserError(
        "not-found",
        msg(
          "На листе «Учебные периоды» нет ни одного периода с датами",
          "The Periods sheet has no period with dates",
        ),
      );
    const run = compilePeriod(st, name, ctx.now(), lang);
    if (!run) {
      const known = st.periods.map((p) => `«${p.name}»`).join(", ") || "—";
      throw new UserError(
        "not-found",
        msg(
          `Нет периода «${name}» с датами на листе «Учебные периоды» (есть: ${known})`,
          `No period "${name}" with dates on the Periods sheet (there are: ${known})`,
        ),
      );
    }
    const dir = resolve(String(ctx.options.out ?? target.dir));
    await mkdir(dir, { recursive: true });
    target.wb.write([run.termWrite]);
    const letters = ctx.options.letters ? await writeLetters(target.wb, run.period.name, dir, ctx.now()) : [];
    await target.save();
    const slug = periodSlug(run.period.name);
    const json = join(dir, `period-${slug}.json`);
    await writeFileAtomic(json, `${JSON.stringify(run.json, null, 2)}\n`);
    const docx = join(dir, `period-${slug}.docx`);
    await writeFileAtomic(docx, await renderDocx(run.doc));
    const s = run.marks.figures.school;
    const out = {
      period: run.period.name,
      sheet: run.termWrite.sheet,
      docx,
      json,
      students: s.students,
      rows: run.marks.rows.length,
      letters,
    };
    if (ctx.options.json) ctx.out(JSON.stringify(out, null, 2));
    else
      ctx.out(
        lang === "ru"
          ? `Итоги «${run.period.name}»: лист «${out.sheet}» в ${target.label}\nОтчёт: ${docx}\nJSON: ${json}\nУчащихся: ${s.students}, успеваемость ${pct(s.success, "ru") || "—"} %.${ctx.options.letters ? `\nПисем родителям: ${letters.length}.` : ""}`
          : `Results of "${run.period.name}": sheet "${out.sheet}" in ${target.label}\nReport: ${docx}\nJSON: ${json}\nStudents: ${s.students}, pass rate ${pct(s.success, "en") || "—"} %.${ctx.options.letters ? `\nLetters to parents: ${letters.length}.` : ""}`,
      );
    return 0;
  },
};

/** One .docx per family not yet given this period's letter, each recorded in «Письма». */
async function writeLetters(wb: Workbook, name: string, dir: string, now: Date): Promise<string[]> {
  const plan = planPeriodLetters(wb, name);
  if (!plan?.letters.length) return [];
  const folder = join(dir, `letters-${periodSlug(name)}`);
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  for (const l of plan.letters) {
    const file = join(folder, `${fileSafe(l.recipient.studentId)}.docx`);
    await writeFileAtomic(file, await renderDocx(l.doc));
    files.push(file);
  }
  recordPeriodLetters(
    wb,
    plan,
    plan.letters.map((l) => l.recipient.studentId),
    "docx",
    now,
  );
  return files;
}
