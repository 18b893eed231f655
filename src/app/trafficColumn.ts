// The REQUESTS column of a Service's pods (enter on a Service) on a backend that counts simulated
// traffic: requests each pod answered since the table opened, and its current rate per second,
// so an audience can watch how a Service spreads requests over its pods.
import { useEffect, useRef, useState } from 'react';
import type { Backend, PodTraffic } from '../../backends/contract/backend.js';
import type { KubeObject } from '../../backends/contract/types.js';
import type { Scheduler } from '../store/scheduler.js';
import type { VisibleTable } from './tableModel.js';

export const TRAFFIC_POLL_MS = 1000;

export interface PodRequests { since: number; ratePerSecond: number; failedSince: number }

export function trafficAvailable(backend: Backend): boolean {
  return backend.capabilities.traffic && typeof backend.trafficStats === 'function';
}

/** `12 (3.4/s)`, with the failed ones when there are any: `12 (3.4/s, 2 failed)`. */
export function requestsCell(r: PodRequests | undefined): string {
  if (!r) return '';
  const rate = `${r.ratePerSecond.toFixed(1)}/s`;
  return `${r.since} (${rate}${r.failedSince ? `, ${r.failedSince} failed` : ''})`;
}

export function withRequestsColumn(table: VisibleTable, counts: ReadonlyMap<string, PodRequests>): VisibleTable {
  return {
    header: [...table.header, 'REQUESTS'],
    rows: table.rows.map((r) => ({ ...r, cells: [...r.cells, requestsCell(counts.get(r.object.metadata?.name ?? ''))] })),
  };
}

/**
 * Polls the counters of the pods on screen, and once of every pod in the table, whose totals at
 * that moment are the zero of "since open". A pod created later starts from zero anyway.
 */
export function useRequestCounts(
  backend: Backend, service: { namespace?: string; name: string } | undefined, rows: readonly KubeObject[], visible: readonly KubeObject[], scheduler: Scheduler,
): { enabled: boolean; counts: ReadonlyMap<string, PodRequests> } {
  const namespace = service?.namespace;
  const serviceName = service?.name;
  const enabled = namespace !== undefined && trafficAvailable(backend);
  const [counts, setCounts] = useState<ReadonlyMap<string, PodRequests>>(new Map());
  const baseline = useRef(new Map<string, { total: number; failed: number }>());
  const names = useRef({ rows, visible });
  names.current = { rows, visible };
  useEffect(() => {
    baseline.current = new Map();
    setCounts(new Map());
    if (!enabled) return;
    let live = true;
    let timer = { cancel() {} };
    const poll = () => {
      const base = baseline.current;
      const wanted = new Set<string>();
      for (const o of names.current.visible) wanted.add(o.metadata?.name ?? '');
      for (const o of names.current.rows) if (!base.has(o.metadata?.name ?? '')) wanted.add(o.metadata?.name ?? '');
      backend.trafficStats!(namespace!, [...wanted]).then((stats: PodTraffic[]) => {
        if (!live) return;
        const next = new Map<string, PodRequests>();
        for (const s of stats) {
          const total = s.ok + s.failed;
          if (!base.has(s.pod)) base.set(s.pod, { total, failed: s.failed });
          // A pod of the same name created again counts from zero.
          if (total < base.get(s.pod)!.total) base.set(s.pod, { total: 0, failed: 0 });
          const b = base.get(s.pod)!;
          next.set(s.pod, { since: total - b.total, failedSince: s.failed - b.failed, ratePerSecond: s.ratePerSecond });
        }
        setCounts(next);
      }, () => { /* counters are a nicety: the table shows without them */ }).finally(() => {
        if (live) timer = scheduler.after(TRAFFIC_POLL_MS, poll);
      });
    };
    poll();
    return () => { live = false; timer.cancel(); };
  }, [backend, namespace, serviceName, enabled, scheduler]);
  return { enabled, counts };
}
