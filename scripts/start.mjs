// `npm start`: the main job on the demo school, end to end, with the built CLI.
// Creates out/demo-school.xlsx, checks it, and prints where every file is.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const out = resolve(root, "out");
mkdirSync(out, { recursive: true });
const book = resolve(out, "demo-school.xlsx");
const cli = resolve(root, "bin/coordinator.js");

function run(args, { okCodes = [0] } = {}) {
  console.log(`\n$ coordinator ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", cwd: root });
  if (!okCodes.includes(r.status)) {
    console.error(`coordinator ${args[0]} failed with exit code ${r.status}`);
    process.exit(r.status || 1);
  }
}

run(["init", "--demo", "--force", book]);
run(["check", book], { okCodes: [0, 1] });

console.log(`\nDone. Files:\n  workbook: ${book}`);
