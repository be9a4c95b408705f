/**
 * The separator of an export: the services write «,»; Excel in Russia re-saves with «;»; some
 * LMS write tabs. Decided from the first line that has any of them.
 */
export function guessDelimiter(text: string): "," | ";" | "\t" {
  const first = text.split(/\r?\n/).find((l) => /[,;\t]/.test(l)) ?? "";
  const count = (c: string) => first.split(c).length - 1;
  const [comma, semi, tab] = [count(","), count(";"), count("\t")];
  if (tab > comma && tab > semi) return "\t";
  return semi > comma ? ";" : ",";
}
