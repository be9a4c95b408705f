import { describe, expect, it } from "vitest";
import { xlsxLink } from "../../src/app/check.js";

/** The string literals of a formula, unescaped ("" -> "), and what is left between them. */
function literals(formula: string): { texts: string[]; rest: string } {
  const texts: string[] = [];
  const rest = formula.replace(/"((?:[^"]|"")*)"/g, (_, t: string) => {
    texts.push(t.replace(/""/g, '"'));
    return "§";
  });
  return { texts, rest };
}

describe("xlsxLink", () => {
  it("keeps a sheet name with quotes and apostrophes inside one link target", () => {
    const v = xlsxLink(`Журнал "7'А"`, "B3", `Ячейка "B3"`) as { formula: string };
    const { texts, rest } = literals(v.formula);
    // Exactly two arguments, no stray quote splitting the formula.
    expect(rest).toBe("=HYPERLINK(§,§)");
    expect(texts).toEqual([`#'Журнал "7''А"'!B3`, `Ячейка "B3"`]);
  });

  it("is plain text without a cell", () => {
    expect(xlsxLink("Лист", "", "текст")).toBe("текст");
  });
});
