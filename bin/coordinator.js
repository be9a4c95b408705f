#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run automatically by `npm ci` through `prepare`).
import("../dist/cli.js").catch((e) => {
  if (e && e.code === "ERR_MODULE_NOT_FOUND") {
    console.error("dist/cli.js is missing: run `npm run build` first / сначала выполните `npm run build`.");
    process.exit(2);
  }
  throw e;
});
