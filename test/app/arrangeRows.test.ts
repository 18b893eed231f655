// Arranging rows for the table: a filter typed one character at a time narrows the last result,
// and gives exactly the rows (in the same order) a fresh arrangement gives.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backends/contract/types.js';
import { arrangeRows, type ArrangeOptions } from '../../src/app/tableModel.js';
import { parseRowFilter } from '../../src/store/rowFilter.js';
import { KUBECTL_ORDER, nextSort, sortRows } from '../../src/store/rowOrder.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function pod(name: string, ns: string, ageS: number): KubeObject {
  return {
    metadata: { name, namespace: ns, creationTimestamp: new Date(NOW - ageS * 1000).toISOString() },
    spec: { containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: 'Running' },
  };
}

const items = [
  pod('web-b', 'default', 30), pod('api', 'default', 10), pod('web-a', 'default', 20),
  pod('coredns', 'kube-system', 40), pod('webhook', 'kube-system', 5), pod('web-c', 'prod', 50),
];
const names = (rows: KubeObject[]) => rows.map((r) => `${r.metadata!.namespace}/${r.metadata!.name}`);
const opts = (filter: string, sort = KUBECTL_ORDER): ArrangeOptions => ({ resource: 'pods', filter: parseRowFilter(filter), sort, now: NOW });

describe('arrangeRows', () => {
  it('narrows a longer text filter to the rows a fresh arrangement gives, in the same order', () => {
    const byAge = nextSort(KUBECTL_ORDER, 'age');
    for (const sort of [KUBECTL_ORDER, byAge]) {
      const typed = ['w', 'we', 'web', 'web-', 'web-c'].map((f) => names(arrangeRows(items, opts(f, sort))));
      const fresh = ['w', 'we', 'web', 'web-', 'web-c'].map((f) => names(arrangeRows([...items], opts(f, sort))));
      expect(typed).toEqual(fresh);
    }
    expect(names(arrangeRows(items, opts('web')))).toEqual(['default/web-a', 'default/web-b', 'kube-system/webhook', 'prod/web-c']);
    expect(names(arrangeRows(items, opts('web-', nextSort(KUBECTL_ORDER, 'age'))))).toEqual(['default/web-a', 'default/web-b', 'prod/web-c']);
  });

  it('starts over when the objects change, the filter shrinks or the sort changes', () => {
    expect(names(arrangeRows(items, opts('web-')))).toEqual(['default/web-a', 'default/web-b', 'prod/web-c']);
    const renamed = items.map((o) => (o.metadata!.name === 'api' ? pod('web-api', 'default', 10) : o));
    expect(names(arrangeRows(renamed, opts('web-a')))).toEqual(['default/web-a', 'default/web-api']);
    expect(names(arrangeRows(renamed, opts('web')))).toEqual(['default/web-a', 'default/web-api', 'default/web-b', 'kube-system/webhook', 'prod/web-c']);
    expect(names(arrangeRows(renamed, opts('webh', nextSort(KUBECTL_ORDER, 'name'))))).toEqual(['kube-system/webhook']);
  });
});

describe('sortRows', () => {
  it('leaves rows already in order as they are, and sorts rows out of order', () => {
    const inOrder = [pod('a', 'default', 1), pod('b', 'default', 2), pod('a', 'kube-system', 3)];
    const same = [...inOrder];
    expect(sortRows(same, KUBECTL_ORDER, () => '')).toBe(same);
    expect(names(same)).toEqual(['default/a', 'default/b', 'kube-system/a']);
    const reversed = [...inOrder].reverse();
    expect(names(sortRows(reversed, KUBECTL_ORDER, () => ''))).toEqual(['default/a', 'default/b', 'kube-system/a']);
    expect(names(sortRows([...inOrder], nextSort(KUBECTL_ORDER, 'age'), () => ''))).toEqual(['default/a', 'default/b', 'kube-system/a']);
    expect(names(sortRows([...inOrder], nextSort(nextSort(KUBECTL_ORDER, 'age'), 'age'), () => ''))).toEqual(['kube-system/a', 'default/b', 'default/a']);
  });
});
