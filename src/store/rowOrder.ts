// Sorting a table. With no sort column rows come in kubectl's order, which is the API server's
// storage order: namespace, then name, compared byte-wise.
import type { KubeObject } from '../../backends/contract/types.js';

export type SortColumn = 'name' | 'age' | 'status';

export interface SortSpec {
  /** undefined = kubectl's order. */
  column?: SortColumn;
  descending: boolean;
}

export const KUBECTL_ORDER: SortSpec = { descending: false };

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function storageKey(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** The time an object's AGE counts from (events: their last occurrence, as LAST SEEN). */
export function ageTimestamp(o: KubeObject): number {
  const ev = o as KubeObject & { lastTimestamp?: string; eventTime?: string; series?: { lastObservedTime?: string } };
  const t = o.kind === 'Event' || ev.lastTimestamp !== undefined || ev.eventTime !== undefined
    ? ev.series?.lastObservedTime ?? ev.lastTimestamp ?? ev.eventTime ?? o.metadata?.creationTimestamp
    : o.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Pressing a sort key again reverses it; a new column starts ascending. */
export function nextSort(current: SortSpec, column: SortColumn): SortSpec {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: false };
}

/**
 * Sorts in place and returns the array. `statusOf` is asked only for a status sort. Ties fall back
 * to kubectl's order so the result is stable across frames.
 */
export function sortRows<T extends KubeObject>(rows: T[], spec: SortSpec, statusOf: (o: T) => string): T[] {
  const keys = new Map<T, string>();
  const key = (o: T) => { let k = keys.get(o); if (k === undefined) { k = storageKey(o); keys.set(o, k); } return k; };
  const dir = spec.descending ? -1 : 1;
  let primary: ((a: T, b: T) => number) | undefined;
  if (spec.column === 'name') primary = (a, b) => bytewise(a.metadata?.name ?? '', b.metadata?.name ?? '');
  else if (spec.column === 'age') primary = (a, b) => ageTimestamp(b) - ageTimestamp(a); // youngest first
  else if (spec.column === 'status') {
    const status = new Map<T, string>();
    const st = (o: T) => { let s = status.get(o); if (s === undefined) { s = statusOf(o); status.set(o, s); } return s; };
    primary = (a, b) => bytewise(st(a), st(b));
  }
  return rows.sort((a, b) => {
    const p = primary ? primary(a, b) * dir : 0;
    return p !== 0 ? p : bytewise(key(a), key(b)) * (spec.column ? 1 : dir);
  });
}
