/**
 * WCAG AA for the sidebar's colours, measured from styles.css itself: every text colour against
 * the background it is shown on reaches 4.5:1 (WCAG 2.1, 1.4.3; relative luminance as defined
 * there), and every attendance code has its own colour.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("../../sidebar/src/styles.css", import.meta.url), "utf8");

/** The declarations of the rule whose selector list contains `selector` exactly. */
function rule(selector: string): Record<string, string> {
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = m[1]
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .split(",")
      .map((x) => x.trim());
    if (!selectors.includes(selector)) continue;
    return Object.fromEntries(
      m[2]
        .split(";")
        .map((d) => d.split(":").map((x) => x.trim()))
        .filter((d) => d.length === 2),
    );
  }
  throw new Error(`no rule ${selector}`);
}

function luminance(hex: string): number {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

const WHITE = "#fff";
const CODES = ["present", "absent", "ill", "excused", "late"];

describe("sidebar colours", () => {
  it("measures known pairs right (the issue's figures)", () => {
    expect(contrast("#fff", "#4d90fe")).toBeCloseTo(3.1, 1);
    expect(contrast("#fff", "#dd4b39")).toBeCloseTo(4.1, 1);
  });

  it("reach 4.5:1 for hints, errors, success, the action button and every checked code", () => {
    const body = rule("body").background;
    expect(contrast(rule(".gray").color, body)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rule(".error").color, body)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rule(".ok").color, body)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rule(".gray").color, rule(".student.dirty").background)).toBeGreaterThanOrEqual(4.5);
    const action = rule("button.action");
    expect(contrast(action.color, action.background)).toBeGreaterThanOrEqual(4.5);
    for (const c of CODES)
      expect(contrast(WHITE, rule(`.att-${c}[aria-checked="true"]`).background), c).toBeGreaterThanOrEqual(
        4.5,
      );
    expect(contrast(WHITE, rule('.att.missing[aria-pressed="true"]').background)).toBeGreaterThanOrEqual(4.5);
    for (const c of ["absent", "ill", "excused", "late"])
      expect(contrast(rule(`.week input.code-${c}`).color, WHITE), c).toBeGreaterThanOrEqual(4.5);
  });

  it("gives every attendance code its own colour", () => {
    const colours = CODES.map((c) => rule(`.att-${c}[aria-checked="true"]`).background.toLowerCase());
    expect(new Set(colours).size).toBe(CODES.length);
  });
});
