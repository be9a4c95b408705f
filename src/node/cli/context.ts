/** What every CLI command gets: parsed options, the output language, and where to print. */
import type { Lang, Msg } from "../../core/i18n.js";

export interface Ctx {
  args: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  /** Language of messages: --lang, else the environment; commands switch to the workbook's. */
  lang: Lang;
  /** True when the user chose the language with --lang (it then wins over the workbook's). */
  langForced: boolean;
  out(line: string): void;
  err(line: string): void;
  /** Progress for long runs (stderr, silent with --json). */
  progress(m: Msg): void;
  now(): Date;
  /** The process environment (credentials, COORDINATOR_GOOGLE_ROOT_URL in tests). */
  env?: NodeJS.ProcessEnv;
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  help: Msg;
}

export interface Command {
  name: string;
  summary: Msg;
  /** e.g. "coordinator check FILE.xlsx [--json]" */
  usage: string;
  options: Record<string, OptionSpec>;
  run(ctx: Ctx): Promise<number>;
}
