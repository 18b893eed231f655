// Cell helpers shared by several tables (printers.go).
import type { LabelSelector } from '../../../backends/contract/types.js';
import type { Container } from '../wireTypes.js';
import { since } from '../duration.js';
import type { Column } from '../table.js';

export const NAME: Column = { name: 'NAME', format: 'name' };
export const AGE: Column = { name: 'AGE' };

export function ageOf(o: { metadata?: { creationTimestamp?: string } }, now: number): string {
  return since(o.metadata?.creationTimestamp, now);
}

/** layoutContainerCells: names and images joined with `,`. */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

/**
 * labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
 * `k=v`, `k in (a,b)` (values sorted), `k notin (...)`, `k`, `!k`. A nil selector selects
 * nothing and an empty one everything; both print as the empty string.
 */
export function selectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    const list = values.length === 1 ? values[0] : values.join(',');
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, text: `${e.key} in (${list})` }); break;
      case 'NotIn': reqs.push({ key: e.key, text: `${e.key} notin (${list})` }); break;
      case 'Exists': reqs.push({ key: e.key, text: e.key }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, text: `!${e.key}` }); break;
      default: return '<invalid>';
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = selectorString(sel);
  return s === '' ? '<none>' : s;
}

/** listWithMoreString: at most 3 items, then ` + N more...`; `<unset>` when empty. */
export function listWithMore(items: string[], max = 3, empty = '<unset>'): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  const s = items.join(',');
  return s === '' ? empty : s;
}
