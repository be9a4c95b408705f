import { describe, expect, it } from "vitest";
import { mergeResults, type Row, resultOk } from "../../sidebar/src/results.js";
import { parseResult } from "../../src/core/attestation/results.js";

describe("a result field in «Результаты аттестации»", () => {
  it("accepts exactly what the server's results grammar accepts", () => {
    const tokens = [
      ...["", "1", "2", "3", "4", "5", "0", "6", "5/4", "4+", "55", " 5 "],
      ...["зач", "Зач", "зачёт", "зачет", "зачтено", "зач.", "pass", "p", "незач", "не зачтено", "fail", "f"],
      ...["н", "a", "absent", "у", "e", "excused", "осв", "ex", "exempt", "б", "оп", "нз", "=1+1", "x"],
    ];
    for (const t of tokens) expect(resultOk(t), t).toBe(parseResult(t) !== "invalid");
    expect(tokens.filter((t) => !resultOk(t))).toEqual([
      "0",
      "6",
      "5/4",
      "4+",
      "55",
      "б",
      "оп",
      "нз",
      "=1+1",
      "x",
    ]);
  });
});

const row = (id: string, loaded: string, result = loaded, comment = "", loadedComment = ""): Row => ({
  id,
  name: `Имя ${id}`,
  loaded,
  loadedComment,
  result,
  comment,
});

describe("reloading after a refusal", () => {
  it("keeps the edits nobody else contradicted and shows the others' values where they did", () => {
    const mine = [row("S1", "4", "5"), row("S2", "", "н"), row("S3", "3"), row("S4", "", "", "болел")];
    const fresh = [row("S1", "4"), row("S2", "у"), row("S3", "2"), row("S4", ""), row("S5", "")];
    const m = mergeResults(mine, fresh);
    expect(m.kept).toBe(2);
    expect(m.replaced).toEqual(["Имя S2"]);
    expect(m.rows.map((r) => [r.id, r.loaded, r.result, r.comment])).toEqual([
      ["S1", "4", "5", ""],
      ["S2", "у", "у", ""],
      ["S3", "2", "2", ""],
      ["S4", "", "", "болел"],
      ["S5", "", "", ""],
    ]);
  });
});
