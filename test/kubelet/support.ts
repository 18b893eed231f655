// Helpers for the scheduler and kubelet tests: a simulator with only those two components, a
// log of every event occurrence with its simulated time, and short ways to read a pod.
import { newSim } from '../helpers/sim.js';
import { scheduler } from '../../backends/sim/kubelet/scheduler.js';
import { kubelet } from '../../backends/sim/kubelet/kubelet.js';
import type { Component } from '../../backends/sim/context.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import type { Event, KubeObject, Pod } from '../../backends/contract/types.js';

export function kubeletSim(extra: Component[] = [], seed = 1): Simulator {
  return newSim([scheduler, kubelet, ...extra], { seed });
}

export interface Occurrence {
  /** Milliseconds since the log started. */
  at: number;
  object: string;
  kind: string;
  type: string;
  reason: string;
  message: string;
  component: string;
  fieldPath?: string;
}

/** Every event occurrence (a new Event, or one more count on an existing one), in order. */
export class EventLog {
  readonly all: Occurrence[] = [];
  readonly start: number;

  constructor(private readonly sim: Simulator) {
    this.start = sim.clock.now();
    sim.api.watch('events', { resourceVersion: sim.api.resourceVersion }, {
      onEvent: (e) => {
        if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
        const ev = e.object as Event;
        this.all.push({
          at: sim.clock.now() - this.start, object: ev.involvedObject.name ?? '', kind: ev.involvedObject.kind ?? '',
          type: ev.type ?? '', reason: ev.reason ?? '', message: ev.message ?? '',
          component: ev.source?.component ?? ev.reportingComponent ?? '', fieldPath: ev.involvedObject.fieldPath,
        });
      },
      onExpired: () => {}, onError: () => {},
    });
  }

  of(object: string): Occurrence[] { return this.all.filter((o) => o.object === object); }
  reasons(object: string): string[] { return this.of(object).map((o) => o.reason); }
  find(object: string, reason: string): Occurrence[] { return this.of(object).filter((o) => o.reason === reason); }
}

export function getPod(sim: Simulator, name: string, ns = 'default'): Pod | undefined {
  return sim.api.tryGet('pods', ns, name) as Pod | undefined;
}

/** kubectl's STATUS column for the common cases (first container with a waiting/terminated reason). */
export function podStatus(pod: Pod): string {
  if (pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') return 'Terminating';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason) return c.state.terminated.reason;
  }
  return pod.status?.phase ?? 'Pending';
}

export function readyCount(pod: Pod): string {
  const cs = pod.status?.containerStatuses ?? [];
  return `${cs.filter((c) => c.ready && c.state?.running).length}/${pod.spec?.containers.length ?? 0}`;
}

export function podObject(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec };
}

/** Records pod STATUS changes with their times. */
export function statusTimeline(sim: Simulator, name: string): Array<{ at: number; status: string }> {
  const out: Array<{ at: number; status: string }> = [];
  const start = sim.clock.now();
  sim.api.watch('pods', { resourceVersion: sim.api.resourceVersion, fieldSelector: `metadata.name=${name}` }, {
    onEvent: (e) => {
      if (e.type === 'BOOKMARK') return;
      const status = e.type === 'DELETED' ? 'Deleted' : podStatus(e.object as Pod);
      if (out.at(-1)?.status !== status) out.push({ at: sim.clock.now() - start, status });
    },
    onExpired: () => {}, onError: () => {},
  });
  return out;
}
