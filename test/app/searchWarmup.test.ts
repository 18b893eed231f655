import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backends/contract/types.js';
import { arrangeRows, warmSearchText } from '../../src/app/tableModel.js';
import { NO_FILTER, parseRowFilter } from '../../src/store/rowFilter.js';
import { KUBECTL_ORDER } from '../../src/store/rowOrder.js';
import { podObject } from './harness.js';

describe('search warm-up', () => {
  it('fills the search cache in chunks and filters the same afterwards', () => {
    const pods: KubeObject[] = Array.from({ length: 1200 }, (_, i) => podObject(`app-${String(i).padStart(4, '0')}`));
    let next = 0;
    const stops: number[] = [];
    while (next < pods.length) stops.push((next = warmSearchText('pods', pods, next, 500, Date.now())));
    expect(stops).toEqual([500, 1000, 1200]);
    const filter = parseRowFilter('app-004');
    const rows = arrangeRows(pods, { resource: 'pods', filter, sort: KUBECTL_ORDER, now: Date.now() });
    expect(rows.map((p) => p.metadata?.name)).toEqual(Array.from({ length: 10 }, (_, i) => `app-004${i}`));
    expect(arrangeRows(pods, { resource: 'pods', filter: NO_FILTER, sort: KUBECTL_ORDER, now: Date.now() })).toHaveLength(1200);
  });
});
