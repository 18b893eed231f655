// Go's text/tabwriter (the subset kubectl uses: left-aligned cells, a padding character,
// no flags). Cells are tab-terminated; the text after a line's last tab is printed as is.
// A column block spans consecutive lines that all have a cell in that column, so a line
// with fewer cells ends the block and what follows is aligned on its own.

export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
}

/** cli-runtime printers.GetNewTabWriter, used by `kubectl get`. */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ' };
/** kubectl describe's and rollout history's tabbedString. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ' };

/** Width of a cell as Go counts it: runes, not UTF-16 units. */
function textWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Formats `text` as one Write followed by Flush on a fresh tabwriter. */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const cellWidths = lines.map((cells) => cells.map(textWidth));
  // widths[i][j]: the padded width of tab-terminated cell j of line i.
  const widths: number[][] = lines.map(() => []);

  const format = (column: number, line0: number, line1: number): void => {
    let i = line0;
    while (i < line1) {
      if (column >= lines[i].length - 1) { i++; continue; }
      const start = i;
      let width = opts.minwidth;
      for (; i < line1 && column < lines[i].length - 1; i++) {
        width = Math.max(width, cellWidths[i][column] + opts.padding);
      }
      for (let k = start; k < i; k++) widths[k][column] = width;
      format(column + 1, start, i);
    }
  };
  format(0, 0, lines.length);

  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i];
    let s = '';
    for (let j = 0; j < cells.length; j++) {
      s += cells[j];
      if (j < cells.length - 1) s += padding(cellWidths[i][j], widths[i][j], opts);
    }
    out.push(s);
  }
  return out.join('\n');
}

function padding(textw: number, cellw: number, opts: TabwriterOptions): string {
  if (opts.padchar === '\t') {
    if (opts.tabwidth === 0) return '';
    const w = Math.ceil(cellw / opts.tabwidth) * opts.tabwidth;
    return '\t'.repeat(Math.ceil((w - textw) / opts.tabwidth));
  }
  const n = cellw - textw;
  if (n <= 0) return '';
  return opts.padchar.repeat(n);
}
