/**
 * «Загрузить присутствие из СДО…»: a small dialog where the coordinator picks one or more
 * export files (Meet attendance CSV, Zoom participants CSV, Moodle log CSV, or a plain
 * «Логин, Начало, Окончание» CSV). The browser reads them (UTF-8, else Windows-1251 as Excel
 * saves it in Russia) and sends the text through google.script.run; the server splits it
 * with Utilities.parseCsv and runs the same import as the CLI under the document lock.
 * A Meet report left as a Google Sheet is picked with the Google Picker (presence-picker.ts).
 */
import { importPresence, type PresenceFile, type PresenceImport } from "../../app/presence.js";
import type { Lang } from "../../core/i18n.js";
import { formatIssue } from "../../core/issues.js";
import { guessDelimiter } from "../../core/presence/delimiter.js";
import { systemClock } from "../clock.js";
import { activeSpreadsheet, sheetLinker, workbook, workbookLang } from "../env.js";
import { HANDLERS } from "../handlers.js";
import { escapeHtml } from "../html.js";
import { withDocumentLock } from "../lock.js";
import { type PickerConfig, pickedFiles, pickerConfig, pickerSection } from "./presence-picker.js";

export interface UploadedFile {
  name: string;
  text: string;
}

/** google.script.run carries strings; a few megabytes of CSV is a month of a school's logs. */
const MAX_CHARS = 5_000_000;

const TEXT = {
  ru: {
    title: "Присутствие из СДО",
    lead: "Выберите выгрузки: отчёт о посещаемости Google Meet (CSV), отчёт об участниках Zoom (CSV), журнал событий Moodle (CSV) или CSV «Логин, Начало, Окончание».",
    apply: "Записать «н» в пустые клетки журналов, где в СДО входа не было",
    go: "Загрузить",
    busy: "Загрузка…",
    none: "Выберите хотя бы один файл.",
    big: "Файл слишком большой (больше 5 млн символов); разделите выгрузку по неделям.",
  },
  en: {
    title: "LMS presence",
    lead: 'Choose the exports: Google Meet attendance report (CSV), Zoom participants report (CSV), Moodle log (CSV), or a CSV "Login, Start, End".',
    apply: 'Write "a" into blank journal cells where the LMS shows no presence',
    go: "Import",
    busy: "Importing…",
    none: "Choose at least one file.",
    big: "The file is too large (over 5 million characters); split the export by week.",
  },
} as const;

/** The dialog page: every label escaped, the script reads data only through textContent. */
export function presenceDialogHtml(lang: Lang, picker: PickerConfig | null = null): string {
  const t = TEXT[lang];
  const labels = JSON.stringify({ none: t.none, busy: t.busy, go: t.go, big: t.big, max: MAX_CHARS }).replace(
    /</g,
    "\\u003c",
  );
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8">
<style>body{font:14px Arial,sans-serif;margin:12px}p{margin:0 0 10px}#out{white-space:pre-wrap;margin-top:10px}.error{color:#c5221f}</style></head>
<body><p>${escapeHtml(t.lead)}</p>
<p><input type="file" id="files" multiple accept=".csv,text/csv,text/plain"></p>
<p><label><input type="checkbox" id="apply"> ${escapeHtml(t.apply)}</label></p>
<p><button id="go" class="action">${escapeHtml(t.go)}</button></p>
<div id="out"></div>
${pickerSection(lang, picker)}
<script>
  var L = ${labels};
  function decode(buf) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(buf); }
    catch (e) { return new TextDecoder("windows-1251").decode(buf); }
  }
  function show(text, bad) {
    var out = document.getElementById("out");
    out.textContent = text;
    out.className = bad ? "error" : "";
    var go = document.getElementById("go");
    go.disabled = false;
    go.textContent = L.go;
  }
  document.getElementById("go").addEventListener("click", function () {
    var list = Array.prototype.slice.call(document.getElementById("files").files);
    if (!list.length) { show(L.none, true); return; }
    var go = document.getElementById("go");
    go.disabled = true;
    go.textContent = L.busy;
    Promise.all(list.map(function (f) {
      return f.arrayBuffer().then(function (b) { return { name: f.name, text: decode(b) }; });
    })).then(function (files) {
      if (files.some(function (f) { return f.text.length > L.max; })) { show(L.big, true); return; }
      google.script.run
        .withSuccessHandler(function (text) { show(text, false); })
        .withFailureHandler(function (err) { show(String(err && err.message || err), true); })
        .${HANDLERS.presenceUpload}(files, document.getElementById("apply").checked);
    });
  });
</script></body></html>`;
}

export function presenceDialog(): void {
  const lang = workbookLang();
  const html = HtmlService.createHtmlOutput(presenceDialogHtml(lang, pickerConfig()))
    .setWidth(520)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, TEXT[lang].title);
}

/** Rows of a CSV text: Google's own parser (Utilities.parseCsv), the separator guessed. */
function rowsOf(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, "");
  if (!clean.trim()) return [];
  return Utilities.parseCsv(clean, guessDelimiter(clean));
}

export function summary(res: PresenceImport, lang: Lang): string {
  const ru = lang === "ru";
  const lines: string[] = res.files.map((f) =>
    f.kind
      ? `${f.name}: ${f.kind}, ${f.sessions}`
      : `${f.name}: ${ru ? "формат не распознан" : "format not recognised"}`,
  );
  lines.push(...res.fileIssues.slice(0, 10).map((i) => formatIssue(i, lang)));
  const lessons = new Set(res.rows.map((r) => `${r.groupId} ${r.date} ${r.index}`)).size;
  lines.push(
    ru
      ? `Уроков по данным СДО: ${lessons}; строк на листе «${res.sheet}»: ${res.rows.length}.`
      : `Lessons in the LMS logs: ${lessons}; rows on sheet "${res.sheet}": ${res.rows.length}.`,
  );
  if (res.unknown.length)
    lines.push(
      `${ru ? "Неизвестные логины" : "Unknown logins"} (${res.unknown.length}): ${res.unknown
        .slice(0, 10)
        .map((u) => u.login)
        .join(", ")}`,
    );
  if (res.differences.length)
    lines.push(
      ru
        ? `Расхождений с журналами: ${res.differences.length} — на листе «Проблемы», со ссылками на клетки.`
        : `Differences with the journals: ${res.differences.length} — on the Problems sheet, with links to the cells.`,
    );
  if (res.applied)
    lines.push(
      ru
        ? `Записано «${res.fills[0].value}» в пустые клетки: ${res.fills.length} (лист «Аудит»).`
        : `Wrote "${res.fills[0].value}" into blank cells: ${res.fills.length} (see the Audit sheet).`,
    );
  return lines.join("\n");
}

/** google.script.run from the dialog: the files' text and the «apply» box; a text summary back. */
export function presenceUploaded(files: readonly UploadedFile[], apply: boolean): string {
  const list = (Array.isArray(files) ? files : []).filter(
    (f) => f && typeof f.name === "string" && typeof f.text === "string" && f.text.length <= MAX_CHARS,
  );
  return importFiles(
    list.map((f) => ({ name: f.name, rows: rowsOf(f.text) })),
    apply,
  );
}

/** google.script.run from the Picker: the picked spreadsheets' IDs and the «apply» box. */
export function presencePicked(ids: readonly string[], apply: boolean): string {
  return importFiles(pickedFiles(Array.isArray(ids) ? ids : []), apply);
}

function importFiles(parsed: readonly PresenceFile[], apply: boolean): string {
  const ss = activeSpreadsheet();
  const who = Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail();
  const res = withDocumentLock(() =>
    importPresence(workbook(), parsed, {
      apply: apply === true,
      now: systemClock.now(),
      who,
      link: sheetLinker(ss),
    }),
  );
  return summary(res, res.lang);
}
