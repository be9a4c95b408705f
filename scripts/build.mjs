// Build everything into dist/:
//  - dist/Code.js: the Apps Script bundle, one IIFE (globalName __app) plus a top-level
//    `function` stub for every export of src/apps-script/main.ts (Apps Script only sees
//    top-level functions); unminified so Apps Script stack traces stay readable.
//  - dist/appsscript.json (the manifest) and dist/*.html (the sidebar, when present).
//  - dist/cli.js: the `coordinator` CLI for Node (dependencies stay external).

import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const dist = `${root}dist`;
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const entry = `${root}src/apps-script/main.ts`;

// 1. The entry's export list, from an ESM build's metafile.
const probe = await build({
  entryPoints: [entry],
  bundle: true,
  format: "esm",
  write: false,
  metafile: true,
  target: "es2020",
  logLevel: "silent",
});
const exportsOf = Object.values(probe.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
if (exportsOf.length === 0) throw new Error("src/apps-script/main.ts exports no entry points");

// 2. The IIFE and its stubs.
const footer = exportsOf
  .sort()
  .map((name) => `function ${name}() { return __app.${name}.apply(this, arguments); }`)
  .join("\n");
await build({
  entryPoints: [entry],
  bundle: true,
  format: "iife",
  globalName: "__app",
  outfile: `${dist}/Code.js`,
  target: "es2020",
  charset: "utf8",
  platform: "neutral",
  mainFields: ["module", "main"],
  legalComments: "none",
  footer: { js: `\n// Entry points (generated from the exports of src/apps-script/main.ts)\n${footer}\n` },
  logLevel: "warning",
});
await copyFile(`${root}appsscript.json`, `${dist}/appsscript.json`);

// 3. The sidebar (one self-contained HTML file), when its build script exists.
if (existsSync(`${root}sidebar/build.mjs`)) {
  const { buildSidebar } = await import(`${root}sidebar/build.mjs`);
  await buildSidebar(dist);
}

// 4. The CLI.
await build({
  entryPoints: [`${root}src/node/cli/index.ts`],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile: `${dist}/cli.js`,
  charset: "utf8",
  logLevel: "warning",
});

const files = await readdir(dist);
console.log(`build: dist/{${files.join(",")}} (${exportsOf.length} Apps Script entry points)`);
