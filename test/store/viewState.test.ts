import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../backends/contract/errors.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { matchesRowFilter, parseRowFilter } from '../../src/store/rowFilter.js';
import { KUBECTL_ORDER, nextSort, sortRows } from '../../src/store/rowOrder.js';
import { reconcileSelection, windowTop } from '../../src/store/selection.js';

const obj = (ns: string, name: string, created: string, labels: Record<string, string> = {}): KubeObject =>
  ({ metadata: { namespace: ns, name, creationTimestamp: created, labels } });

describe('row filter', () => {
  it('plain text matches the row text case-insensitively', () => {
    const f = parseRowFilter('Web');
    expect(f).toEqual({ kind: 'text', text: 'web' });
    expect(matchesRowFilter(obj('d', 'x', ''), f, () => 'petclinic-WEB-1 Running')).toBe(true);
    expect(matchesRowFilter(obj('d', 'x', ''), f, () => 'mysql Running')).toBe(false);
  });

  it('-l is a label selector in the API syntax', () => {
    const f = parseRowFilter('-l app=web,tier!=db');
    expect(f.kind).toBe('label');
    const never = () => { throw new Error('text not needed for a label filter'); };
    expect(matchesRowFilter(obj('d', 'a', '', { app: 'web' }), f, never)).toBe(true);
    expect(matchesRowFilter(obj('d', 'b', '', { app: 'web', tier: 'db' }), f, never)).toBe(false);
    expect(matchesRowFilter(obj('d', 'c', '', { app: 'api' }), f, never)).toBe(false);
    expect(parseRowFilter("-l 'env in (a,b)'")).toMatchObject({ kind: 'label', selector: 'env in (a,b)' });
  });

  it('a selector the API would reject is a BadRequest', () => {
    try {
      parseRowFilter('-l app==web==x');
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'BadRequest')).toBe(true);
    }
  });

  it('empty text means no filter', () => {
    expect(parseRowFilter('   ')).toEqual({ kind: 'none' });
  });
});

describe('row order', () => {
  const rows = () => [
    obj('kube-system', 'coredns', '2026-01-01T10:00:00Z'),
    obj('default', 'web-b', '2026-01-01T10:05:00Z'),
    obj('default', 'Web-a', '2026-01-01T10:02:00Z'),
    obj('default', 'api', '2026-01-01T10:09:00Z'),
  ];
  const names = (r: KubeObject[]) => r.map((o) => o.metadata?.name);

  it("kubectl's order is namespace then name, byte-wise (capitals first)", () => {
    expect(names(sortRows(rows(), KUBECTL_ORDER, () => ''))).toEqual(['Web-a', 'api', 'web-b', 'coredns']);
  });

  it('name, age (youngest first) and status sorts; pressing again reverses', () => {
    const byName = nextSort(KUBECTL_ORDER, 'name');
    expect(names(sortRows(rows(), byName, () => ''))).toEqual(['Web-a', 'api', 'coredns', 'web-b']);
    expect(names(sortRows(rows(), nextSort(byName, 'name'), () => ''))).toEqual(['web-b', 'coredns', 'api', 'Web-a']);
    expect(names(sortRows(rows(), nextSort(KUBECTL_ORDER, 'age'), () => ''))).toEqual(['api', 'web-b', 'Web-a', 'coredns']);
    const status: Record<string, string> = { coredns: 'Running', 'web-b': 'CrashLoopBackOff', 'Web-a': 'Running', api: 'Pending' };
    expect(names(sortRows(rows(), nextSort(KUBECTL_ORDER, 'status'), (o) => status[o.metadata!.name!])))
      .toEqual(['web-b', 'api', 'Web-a', 'coredns']);
  });
});

describe('selection', () => {
  it('follows the same object when rows move, else keeps the position', () => {
    expect(reconcileSelection(['a', 'b', 'c'], 'b', 1)).toBe(1);
    expect(reconcileSelection(['new', 'a', 'b', 'c'], 'b', 1)).toBe(2);
    expect(reconcileSelection(['a', 'c'], 'b', 1)).toBe(1);
    expect(reconcileSelection(['a'], 'b', 5)).toBe(0);
    expect(reconcileSelection([], 'b', 5)).toBe(0);
  });

  it('scrolls the window as little as needed to show the selection', () => {
    expect(windowTop(0, 0, 10, 100)).toBe(0);
    expect(windowTop(10, 0, 10, 100)).toBe(1);
    expect(windowTop(5, 3, 10, 100)).toBe(3);
    expect(windowTop(2, 3, 10, 100)).toBe(2);
    expect(windowTop(99, 0, 10, 100)).toBe(90);
    expect(windowTop(4, 50, 10, 5)).toBe(0);
  });
});
