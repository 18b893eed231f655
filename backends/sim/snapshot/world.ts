// One generation of running components (controllers, scheduler, kubelets, network model):
// started on the simulator's context through a scoped API server and clock, stopped as a
// whole. A snapshot restore stops one generation and starts the next on the restored store,
// as a control plane restarted on a restored etcd rebuilds its state by listing.
//
// Deviation: a few things in flight do not survive the restart exactly: a container between its
// Created and Started events is created again, a pod sandbox being set up starts over, a stopped
// node's grace periods (NotReady, eviction) count from the restart, ties in a ReplicaSet's choice
// of pods to delete follow the new informers' order, and traffic generators started through
// ctx.traffic end (the scenario player's own generator goes on).
import type { Component, ComponentMemory, SimContext } from '../context.js';
import { endScope, scopedApi } from './scopedApi.js';
import { ScopedClock } from './scopedClock.js';

/** What components publish on the context; the simulator's context reads the running generation's. */
const PUBLISHED = ['faults', 'containerView', 'logs', 'traffic', 'memory'] as const;

function memoryRegistry(saved: Record<string, unknown>): Record<string, ComponentMemory> {
  return new Proxy<Record<string, ComponentMemory>>({}, {
    set(parts, name: string, part: ComponentMemory) {
      parts[name] = part;
      if (saved[name] !== undefined) part.load(structuredClone(saved[name]));
      return true;
    },
  });
}

export interface World {
  readonly ctx: SimContext;
  stop(): void;
}

/**
 * Starts `components`; with `saved` (a snapshot's component memory), each component's memory part
 * gets its data back as soon as the component registers it, before it goes on starting.
 */
export function startWorld(base: SimContext, components: readonly Component[], saved: Record<string, unknown> = {}): World {
  const clock = new ScopedClock(base.clock);
  const { api, scope } = scopedApi(base.api, clock);
  const ctx: SimContext = { api, clock, random: base.random, events: base.events, layout: base.layout, memory: memoryRegistry(saved) };
  for (const key of PUBLISHED) {
    Object.defineProperty(base, key, {
      configurable: true, enumerable: true,
      get: () => ctx[key],
      set: (v: unknown) => { (ctx as unknown as Record<string, unknown>)[key] = v; },
    });
  }
  const stops: Array<() => void> = [];
  for (const c of components) {
    const stop = c(ctx);
    if (stop) stops.push(stop);
  }
  let stopped = false;
  return {
    ctx,
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const s of stops.splice(0)) s();
      clock.end();
      endScope(base.api, scope);
    },
  };
}
