// Fills the table model's per-object cell and search caches in small chunks once the data has
// been still for a moment, so the first filter key or status sort on a large table is quick.
import { useEffect } from 'react';
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { KubeObject } from '../../../backends/contract/types.js';
import type { Scheduler } from '../../store/scheduler.js';
import { warmSearchText } from '../tableModel.js';

/** Below this many rows a filter key computes every row in a few milliseconds anyway. */
const MIN_ROWS = 1000;
const CHUNK = 500;
const IDLE_MS = 50;

export function useSearchWarmup(scheduler: Scheduler, resource: ResourceName | undefined, items: readonly KubeObject[], now: () => number): void {
  useEffect(() => {
    if (!resource || items.length < MIN_ROWS) return undefined;
    let next = 0;
    let handle = scheduler.after(IDLE_MS, function step() {
      next = warmSearchText(resource, items, next, CHUNK, now());
      if (next < items.length) handle = scheduler.after(0, step);
    });
    return () => handle.cancel();
  }, [scheduler, resource, items, now]);
}
