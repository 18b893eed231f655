// From a cache snapshot to what the table draws: filter, sort, then cells for the visible window
// only. Cost per frame depends on the window, except for a text filter or a status sort, which read
// every row's cells once per object version (objects are immutable, so a WeakMap caches them).
import type { ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject, ObjectOf } from '../../backends/contract/types.js';
import { rowState, tableFor, type RowState } from '../render/index.js';
import { objectKey } from '../store/objectKey.js';
import { matchesRowFilter, type RowFilter } from '../store/rowFilter.js';
import { sortRows, type SortSpec } from '../store/rowOrder.js';

export interface TableRow {
  key: string;
  cells: string[];
  state: RowState;
  object: KubeObject;
}

export interface ArrangeOptions {
  resource: ResourceName;
  filter: RowFilter;
  sort: SortSpec;
  /** Keep only objects controlled by this owner. */
  ownerUid?: string;
  now: number;
}

const cellCache = new WeakMap<object, string[]>();

/** All cells of a row (wide ones too), computed once per object version; ages may lag, which search and status sort do not mind. */
function cachedCells(resource: ResourceName, obj: KubeObject, now: number): string[] {
  let cells = cellCache.get(obj);
  if (!cells) {
    cells = tableFor(resource).row(obj as ObjectOf[ResourceName], { now });
    cellCache.set(obj, cells);
  }
  return cells;
}

const searchCache = new WeakMap<object, string>();

/** What the `/` filter searches: namespace and every cell, lower-cased, once per object version. */
function searchText(resource: ResourceName, obj: KubeObject, now: number): string {
  let text = searchCache.get(obj);
  if (text === undefined) {
    text = `${obj.metadata?.namespace ?? ''} ${cachedCells(resource, obj, now).join(' ')}`.toLowerCase();
    searchCache.set(obj, text);
  }
  return text;
}

/**
 * Computes the search text (and so the cells) of items[from, from+count) ahead of need; returns
 * where it stopped. The dashboard runs it in small chunks while idle, so the first `/` key at
 * 10,000 pods does not have to render every row first.
 */
export function warmSearchText(resource: ResourceName, items: readonly KubeObject[], from: number, count: number, now: number): number {
  const end = Math.min(items.length, from + count);
  for (let i = from; i < end; i++) searchText(resource, items[i], now);
  return end;
}

function statusColumn(resource: ResourceName): number {
  return tableFor(resource).columns.findIndex((c) => c.name.toUpperCase() === 'STATUS');
}

const STATE_RANK: Record<RowState, string> = { error: '0', warning: '1', pending: '2', terminating: '3', completed: '4', ok: '5' };

/** The last arrangement, so typing a longer filter narrows it instead of starting over. */
let last: { items: readonly KubeObject[]; o: ArrangeOptions; rows: KubeObject[] } | undefined;

function narrows(prev: ArrangeOptions, next: ArrangeOptions): boolean {
  return prev.resource === next.resource && prev.ownerUid === next.ownerUid
    && prev.sort.column === next.sort.column && prev.sort.descending === next.sort.descending
    && prev.filter.kind === 'text' && next.filter.kind === 'text' && next.filter.text.startsWith(prev.filter.text);
}

export function arrangeRows(items: readonly KubeObject[], o: ArrangeOptions): KubeObject[] {
  const matches = (obj: KubeObject) => matchesRowFilter(obj, o.filter, () => searchText(o.resource, obj, o.now));
  // The same objects and a longer text filter: the rows are the last ones that still match, in
  // the same order (a filtered sorted list stays sorted).
  if (last && last.items === items && narrows(last.o, o)) {
    const rows = last.rows.filter(matches);
    last = { items, o, rows };
    return rows;
  }
  const out: KubeObject[] = [];
  for (const obj of items) {
    if (o.ownerUid && !obj.metadata?.ownerReferences?.some((r) => r.controller && r.uid === o.ownerUid)) continue;
    if (!matches(obj)) continue;
    out.push(obj);
  }
  const statusIdx = o.sort.column === 'status' ? statusColumn(o.resource) : -1;
  const rows = sortRows(out, o.sort, (obj) => statusIdx >= 0
    ? cachedCells(o.resource, obj, o.now)[statusIdx]
    : STATE_RANK[rowState(o.resource, obj as ObjectOf[ResourceName], o.now)]);
  last = { items, o, rows };
  return rows;
}

export interface VisibleTable {
  header: string[];
  rows: TableRow[];
}

/** Header and cells of rows [top, top+height): the only rows a frame computes. */
export function visibleTable(
  rows: readonly KubeObject[], top: number, height: number,
  o: { resource: ResourceName; wide: boolean; showNamespace: boolean; now: number },
): VisibleTable {
  const table = tableFor(o.resource);
  const keep = table.columns.map((c) => o.wide || !c.wide);
  const header = table.columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  if (o.showNamespace) header.unshift('NAMESPACE');
  const out: TableRow[] = [];
  for (const obj of rows.slice(top, top + height)) {
    const typed = obj as ObjectOf[ResourceName];
    const cells = table.row(typed, { now: o.now }).filter((_, i) => keep[i]);
    if (o.showNamespace) cells.unshift(obj.metadata?.namespace ?? '');
    out.push({ key: objectKey(obj), cells, state: rowState(o.resource, typed, o.now), object: obj });
  }
  return { header, rows: out };
}

/**
 * Column widths like kubectl's tabwriter (longest cell + 3), over the header and the visible rows.
 * Deviation: kubectl sizes columns over every row it prints; the dashboard sizes them over the rows
 * on screen, so a column can widen or narrow while scrolling, and drawing stays independent of the
 * cluster's size.
 */
export function columnWidths(t: VisibleTable): number[] {
  const w = t.header.map((h) => h.length);
  for (const r of t.rows) r.cells.forEach((c, i) => { w[i] = Math.max(w[i] ?? 0, c.length); });
  return w.map((x) => x + 3);
}

export function layoutLine(cells: readonly string[], widths: readonly number[], width: number): string {
  let s = '';
  cells.forEach((c, i) => { s += i === cells.length - 1 ? c : c.padEnd(widths[i]); });
  return fit(s, width);
}

/** Exactly `width` characters: cut, or padded with spaces. */
export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  if (s.length > width) return width > 1 ? s.slice(0, width - 1) + '…' : s.slice(0, width);
  return s.padEnd(width);
}
