/**
 * What the sidebar's browser tests share: Debian's chromium (never a downloaded browser), its
 * flags, and the preview server over a temp copy of the demo school with a pinned clock.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildSidebar } from "../../sidebar/build.mjs";
import { writeDemoSchool } from "../../src/app/demo.js";
import { type Preview, startPreview } from "../../src/node/preview/server.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const hasChromium = existsSync(CHROMIUM);

export interface DemoBrowser {
  dir: string;
  file: string;
  preview: Preview;
  browser: Browser;
  /** Page errors and server errors, for the tests to assert there were none. */
  errors: string[];
  /** Messages of the dialogs pages opened (each dismissed). */
  dialogs: string[];
  /** A new page at `viewport` on the preview, errors and dialogs collected. */
  page(viewport: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** The demo school (built for `today`) in a temp .xlsx, served to `user` with the clock at `now`. */
export async function demoBrowser(opts: {
  prefix: string;
  user: string;
  today: string;
  now: string;
}): Promise<DemoBrowser> {
  const dir = await mkdtemp(join(tmpdir(), opts.prefix));
  const file = join(dir, "school.xlsx");
  const wb = XlsxWorkbook.create(file);
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: opts.today });
  await wb.save();
  const { path } = await buildSidebar(dir);
  const errors: string[] = [];
  const dialogs: string[] = [];
  const preview = await startPreview({
    file,
    port: 0,
    user: opts.user,
    html: path,
    clock: { now: () => new Date(opts.now) },
    log: (e) => errors.push(String(e)),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    dir,
    file,
    preview,
    browser,
    errors,
    dialogs,
    async page(viewport) {
      const page = await browser.newPage({ viewport });
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(preview.url);
      return page;
    },
    async close() {
      await browser.close();
      await preview.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
