// A whole `kubectl get` listing as text (one resource type, one tabwriter).
import type { ResourceTable, RowContext } from './table.js';
import { GET_TABWRITER, tabwrite } from './tabwriter.js';

export interface RenderTableOptions extends RowContext { wide?: boolean }

/** `kubectl get` text for a list of objects: header, one line per object, GET tabwriter. */
export function renderTable<T>(table: ResourceTable<T>, objects: T[], opts: RenderTableOptions): string {
  const keep = table.columns.map((c) => !c.wide || !!opts.wide);
  const pick = (cells: string[]) => cells.filter((_, i) => keep[i]).join('\t');
  const lines = [pick(table.columns.map((c) => c.name)), ...objects.map((o) => pick(table.row(o, opts)))];
  return tabwrite(lines.join('\n') + '\n', GET_TABWRITER);
}
