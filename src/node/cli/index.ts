/** Entry of the bundled CLI (dist/cli.js). */
import { runCli } from "./main.js";

const code = await runCli(process.argv.slice(2), {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
});
process.exitCode = code;
