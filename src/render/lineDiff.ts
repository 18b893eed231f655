// A unified line diff (`diff -u`): the longest common subsequence of the two texts' lines, then
// hunks of changes with a few lines of context around each.

export type DiffOp = ' ' | '-' | '+';

export interface DiffLine {
  op: DiffOp;
  text: string;
}

/** Every line of a and b, in order: kept (' '), only in a ('-'), only in b ('+'). */
export function lineDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  // Common head and tail first: templates differ in a few lines, so the table stays small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail), y = b.slice(head, b.length - tail);
  // lcs[i][j]: length of the LCS of x[i..] and y[j..].
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ op: ' ', text }));
  let i = 0, j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) { out.push({ op: ' ', text: x[i] }); i++; j++; }
    else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push({ op: '-', text: x[i] }); i++; }
    else { out.push({ op: '+', text: y[j] }); j++; }
  }
  for (const text of a.slice(a.length - tail)) out.push({ op: ' ', text });
  return out;
}

/** `-l,s` of a hunk header: a hunk of no lines starts before its line, as diff -u writes it. */
function range(start: number, size: number): string {
  return `${size === 0 ? start - 1 : start},${size}`;
}

/**
 * `--- from`, `+++ to`, then `@@ -l,s +l,s @@` hunks with `context` lines around each change.
 * No lines at all after the two headers when the texts are equal.
 */
export function unifiedDiff(a: readonly string[], b: readonly string[], labels: { from: string; to: string }, context = 3): string[] {
  const lines = lineDiff(a, b);
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  const changed = lines.map((l, k) => (l.op === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return out;
  // Group changes whose context overlaps into one hunk.
  const hunks: Array<[number, number]> = [];
  for (const k of changed) {
    const from = Math.max(0, k - context), to = Math.min(lines.length, k + context + 1);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1]) last[1] = to;
    else hunks.push([from, to]);
  }
  // Line numbers in a and b where each diff line sits.
  const aLine: number[] = [], bLine: number[] = [];
  let ai = 1, bi = 1;
  for (const l of lines) {
    aLine.push(ai); bLine.push(bi);
    if (l.op !== '+') ai++;
    if (l.op !== '-') bi++;
  }
  for (const [from, to] of hunks) {
    const part = lines.slice(from, to);
    const aSize = part.filter((l) => l.op !== '+').length, bSize = part.filter((l) => l.op !== '-').length;
    out.push(`@@ -${range(aLine[from], aSize)} +${range(bLine[from], bSize)} @@`);
    for (const l of part) out.push(`${l.op}${l.text}`);
  }
  return out;
}
