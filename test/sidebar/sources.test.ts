/**
 * The sidebar renders text only through Preact: no HTML built from strings anywhere in its
 * sources, and the server's code reaches the page by `import type` only.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../sidebar/src/", import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(tsx?|css)$/.test(n) ? [p] : [];
  });
}

describe("the sidebar's sources", () => {
  const all = files(root).map((p) => ({ p, text: readFileSync(p, "utf8") }));

  it("exist (the checks below read real files)", () => {
    expect(all.map((f) => f.p.slice(root.length)).sort()).toEqual(
      expect.arrayContaining(["main.tsx", "rpc.ts", "flows/lesson.tsx", "styles.css"]),
    );
  });

  it("never build HTML from strings", () => {
    const banned =
      /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\beval\(|new Function/;
    for (const { p, text } of all) expect(text, p).not.toMatch(banned);
  });

  it("import the server's modules as types only", () => {
    for (const { p, text } of all) {
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
        if (m[2].includes("/src/")) expect(m[1], `${p}: ${m[0]}`).toBe("type ");
      }
    }
  });
});
