// Columns of a custom screen's table: as wide as their longest cell plus 2 spaces, with the long
// free-text columns cut (…) first, down to their header's width, when a row would not fit.
import { fit } from '../tableModel.js';

const GAP = 2;

/** A function laying out one row's cells in `width` characters. */
export function columnLayout(header: readonly string[], rows: readonly string[][], width: number, shrinkFirst: readonly number[]): (cells: readonly string[]) => string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)) + GAP);
  // The last column is cut at the edge; the others make room for at least its header.
  let over = widths.slice(0, -1).reduce((a, b) => a + b, 0) + header[header.length - 1].length - width;
  for (const i of shrinkFirst) {
    if (over <= 0) break;
    const cut = Math.min(over, Math.max(0, widths[i] - GAP - header[i].length));
    widths[i] -= cut;
    over -= cut;
  }
  return (cells) => fit(cells.map((c, i) => (i === cells.length - 1 ? c : fit(c, widths[i] - GAP) + ' '.repeat(GAP))).join(''), width);
}
