/**
 * A Meet attendance report that Meet left as a Google Sheet in the organiser's Drive, picked
 * with the Google Picker. Picking a file grants this script `drive.file` access to that file
 * only; the first sheet is then read through the Sheets advanced service in one call and
 * imported exactly like an uploaded CSV. The Picker needs a browser API key and the Cloud
 * project number, set once by whoever deploys the script (Project settings → Script
 * properties: PICKER_API_KEY, PICKER_APP_ID); without them the dialog offers the upload only.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import type { PresenceFile } from "../../app/presence.js";
import type { Lang } from "../../core/i18n.js";
import { tableOf } from "../../google/sheets-snapshot.js";
import { HANDLERS } from "../handlers.js";
import { escapeHtml } from "../html.js";
import { sheetsService } from "../sheets-advanced.js";

export interface PickerConfig {
  apiKey: string;
  appId: string;
  /** A short-lived OAuth token of the person at the keyboard, for the Picker's requests. */
  token: string;
}

/** The deployment's Picker settings, or null when they are not set (upload only then). */
export function pickerConfig(): PickerConfig | null {
  const props = PropertiesService.getScriptProperties();
  const apiKey = (props.getProperty("PICKER_API_KEY") ?? "").trim();
  const appId = (props.getProperty("PICKER_APP_ID") ?? "").trim();
  if (!apiKey || !appId) return null;
  return { apiKey, appId, token: ScriptApp.getOAuthToken() };
}

const LABEL = {
  ru: { pick: "Выбрать отчёт Meet на Google Диске…", none: "Таблица не выбрана." },
  en: { pick: "Pick a Meet report in Google Drive…", none: "No spreadsheet picked." },
} as const;

/** The Picker's button and script for the presence dialog ("" without a configuration). */
export function pickerSection(lang: Lang, cfg: PickerConfig | null): string {
  if (!cfg) return "";
  const t = LABEL[lang];
  // Data goes into the script as JSON with "<" escaped: nothing can close the <script>.
  const data = JSON.stringify({ ...cfg, lang, none: t.none }).replace(/</g, "\\u003c");
  return `<p><button id="pick">${escapeHtml(t.pick)}</button></p>
<script src="https://apis.google.com/js/api.js"></script>
<script>
  var P = ${data};
  document.getElementById("pick").addEventListener("click", function () {
    gapi.load("picker", function () {
      var view = new google.picker.DocsView(google.picker.ViewId.SPREADSHEETS).setMode(google.picker.DocsViewMode.LIST);
      new google.picker.PickerBuilder()
        .addView(view)
        .enableFeature(google.picker.Feature.MULTISELECT_ENABLED)
        .setOAuthToken(P.token)
        .setDeveloperKey(P.apiKey)
        .setAppId(P.appId)
        .setLocale(P.lang)
        .setOrigin(google.script.host.origin)
        .setCallback(function (d) {
          if (d.action !== google.picker.Action.PICKED) return;
          var ids = d.docs.map(function (x) { return x.id; });
          if (!ids.length) { show(P.none, true); return; }
          google.script.run
            .withSuccessHandler(function (text) { show(text, false); })
            .withFailureHandler(function (err) { show(String(err && err.message || err), true); })
            .${HANDLERS.presencePicked}(ids, document.getElementById("apply").checked);
        })
        .build()
        .setVisible(true);
    });
  });
</script>`;
}

const FIRST_SHEET_FIELDS = "properties.title,sheets.properties(title,index)";

/** The first sheet of each picked spreadsheet, as rows for the import (one call per file). */
export function pickedFiles(ids: readonly string[]): PresenceFile[] {
  const api = sheetsService();
  if (!api) throw new Error("The Sheets advanced service is not enabled (appsscript.json)");
  return ids
    .filter((id) => typeof id === "string" && /^[\w-]{10,200}$/.test(id))
    .map((id) => {
      const meta = api.Spreadsheets.get(id, { fields: FIRST_SHEET_FIELDS });
      const first = [...(meta.sheets ?? [])].sort(
        (a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0),
      )[0];
      const title = first?.properties?.title ?? "";
      const got: sheets_v4.Schema$Spreadsheet = api.Spreadsheets.getByDataFilter(
        { dataFilters: [{ a1Range: `'${title.replace(/'/g, "''")}'` }], includeGridData: true },
        id,
      );
      const sheet = (got.sheets ?? []).find((s) => s.properties?.title === title);
      return { name: meta.properties?.title ?? id, rows: sheet ? tableOf(sheet).values : [] };
    });
}
