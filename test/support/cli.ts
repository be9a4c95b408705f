/** Run the CLI in-process and capture what it prints. */
import { runCli } from "../../src/node/cli/main.js";

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export const FIXED_NOW = new Date("2026-11-24T09:00:00Z");

export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = { LANG: "ru_RU.UTF-8" },
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    now: () => FIXED_NOW,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
