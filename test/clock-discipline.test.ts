/**
 * Time comes from the Clock port: no code outside the clock adapters reads the system clock.
 * A `new Date()` without arguments or a `Date.now()` anywhere else would make a report, a
 * default month or a trigger depend on the machine's day instead of the pinned one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;
const ADAPTERS = new Set(["src/apps-script/clock.ts", "src/node/clock.ts"]);

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return files(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

const READS = /new Date\(\s*\)|Date\.now\(\s*\)/;

describe("clock discipline", () => {
  it("only the clock adapters read the system clock (src, sidebar, scripts)", () => {
    const offenders = ["src", "sidebar/src", "scripts"]
      .flatMap(files)
      .filter((f) => !ADAPTERS.has(f))
      .flatMap((f) =>
        readFileSync(join(root, f), "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${relative(".", f)}:${i + 1}`, line }))
          .filter(({ line }) => READS.test(line) && !/^\s*(\/\/|\*)/.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it("the scan sees a system clock read when there is one", () => {
    expect(READS.test("const t = new Date();")).toBe(true);
    expect(READS.test("Date.now()")).toBe(true);
    expect(READS.test('new Date("2026-09-01")')).toBe(false);
  });
});
