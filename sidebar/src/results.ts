/**
 * The attestation results flow's pure parts (tested without a browser): a row's state, the
 * client-side check of a result token, and the merge after a reload that keeps the user's edits.
 */

export interface Row {
  id: string;
  name: string;
  loaded: string;
  loadedComment: string;
  result: string;
  comment: string;
}

/** What the results grammar accepts (the server checks again; this only marks a field red). */
const WORDS = new Set([
  "зач",
  "зачет",
  "зачёт",
  "зачтено",
  "pass",
  "p",
  "незач",
  "незачет",
  "незачёт",
  "не зачтено",
  "fail",
  "f",
  "н",
  "a",
  "abs",
  "absent",
  "у",
  "e",
  "exc",
  "excused",
  "осв",
  "ex",
  "exempt",
]);

export function resultOk(text: string): boolean {
  const t = text.trim().toLowerCase().replace(/\.$/, "");
  return t === "" || /^[1-5]$/.test(t) || WORDS.has(t);
}

/**
 * After a refusal: the server's rows, with every edit whose cells nobody else changed kept;
 * `replaced` names the edited rows whose loaded text changed (the server's value is shown).
 */
export function mergeResults(mine: readonly Row[], fresh: readonly Row[]) {
  const old = new Map(mine.map((r) => [r.id, r]));
  let kept = 0;
  const replaced: string[] = [];
  const rows = fresh.map((f) => {
    const o = old.get(f.id);
    if (!o || (o.result.trim() === o.loaded && o.comment.trim() === o.loadedComment)) return f;
    if (o.loaded !== f.loaded || o.loadedComment !== f.loadedComment) {
      replaced.push(f.name || f.id);
      return f;
    }
    kept++;
    return { ...o, loaded: f.loaded, loadedComment: f.loadedComment };
  });
  return { rows, kept, replaced };
}
