// The sidebar as ONE self-contained HTML file (HtmlService serves a single file; no CDN):
// sidebar/src/main.tsx bundled and minified by esbuild with Preact, the CSS minified, both
// inlined into dist/Sidebar.html («HtmlService.createHtmlOutputFromFile("Sidebar")»).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { build, transform } from "esbuild";

const here = new URL(".", import.meta.url).pathname;

/** Build dist/Sidebar.html; returns its path and size in bytes. */
export async function buildSidebar(distDir) {
  const js = await build({
    entryPoints: [`${here}src/main.tsx`],
    bundle: true,
    write: false,
    format: "iife",
    minify: true,
    target: "es2020",
    charset: "utf8",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "warning",
  });
  const css = await transform(await readFile(`${here}src/styles.css`, "utf8"), {
    loader: "css",
    minify: true,
    charset: "utf8",
  });
  // Inside an inline <script>, "</script" would end it early: escape the slash (same string in JS).
  const script = js.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1").trim();
  const html = `<!DOCTYPE html>
<html lang="ru"><head><base target="_top"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Дистанционное обучение · Distance learning</title>
<style>${css.code.trim()}</style></head>
<body><div id="app"></div><script>${script}</script></body></html>
`;
  await mkdir(distDir, { recursive: true });
  const path = `${distDir}/Sidebar.html`;
  await writeFile(path, html);
  return { path, bytes: Buffer.byteLength(html) };
}
