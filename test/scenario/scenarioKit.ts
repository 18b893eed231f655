// Plays shipped scenarios headless on the virtual clock: a simulator, its scenario session
// (player and traffic generator), and helpers to step and to read the traffic split.
import { expect } from 'vitest';
import type { Backend } from '../../backends/contract/backend.js';
import type { Endpoints, Pod } from '../../backends/contract/types.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import type { ServiceTraffic } from '../../backends/sim/network/trafficGenerator.js';
import type { TrafficResponse } from '../../backends/sim/context.js';
import type { Service } from '../../backends/contract/types.js';
import { ScenarioSession } from '../../src/scenario/scenarioSession.js';
import type { ScenarioPlayer } from '../../src/scenario/scenarioPlayer.js';
import { advance, settle } from '../helpers/waitFor.js';

export interface Played {
  sim: Simulator;
  b: Backend;
  session: ScenarioSession;
  player: ScenarioPlayer;
  /** Runs the next step to its end; checks it did not fail; returns what its commands printed. */
  next(): Promise<string[]>;
  /** Lets simulated time pass (traffic flows, controllers act). */
  wait(ms: number): Promise<void>;
  /** Requests a second per pod name (rounded) to one traffic target, with `-` for unanswered ones. */
  split(service: string): Record<string, number>;
  traffic(service: string): ServiceTraffic;
  /** One request to a Service of default on its ClusterIP and first port. */
  ask(service: string): TrafficResponse;
}

export async function play(name: string, seed = 1): Promise<Played> {
  const sim = createSimulator({ seed });
  const session = new ScenarioSession(sim);
  await settle(sim, session.start(name));
  const player = session.player!;
  const traffic = (service: string) => {
    const t = session.traffic().find((x) => x.service === service);
    if (!t) throw new Error(`no traffic to ${service}`);
    return t;
  };
  return {
    sim, b: sim.backend, session, player,
    async next() {
      await settle(sim, player.next(), { timeoutMs: 900_000 });
      const v = player.view();
      expect(v.error ?? '', `step ${v.position} "${v.scenario.steps[v.position - 1].title}"`).toBe('');
      expect(v.status).toBe('idle');
      return v.output;
    },
    wait: (ms) => advance(sim, ms),
    ask(service) {
      const svc = sim.api.get('services', 'default', service) as Service;
      return sim.ctx.traffic!.request(`${svc.spec!.clusterIP}:${svc.spec!.ports![0].port}`);
    },
    traffic,
    split(service) {
      const t = traffic(service);
      const out: Record<string, number> = {};
      for (const p of t.pods) if (p.ratePerSecond > 0 || p.failedPerSecond > 0) out[p.pod] = Math.round(p.ratePerSecond);
      if (t.unansweredPerSecond > 0) out['-'] = Math.round(t.unansweredPerSecond);
      return out;
    },
  };
}

export async function podNames(b: Backend, ns: string, selector: string): Promise<string[]> {
  return (await b.list('pods', { namespace: ns, labelSelector: selector })).items.map((p: Pod) => p.metadata!.name!).sort();
}

export async function endpointPods(b: Backend, ns: string, svc: string): Promise<string[]> {
  try {
    const ep = await b.get('endpoints', ns, svc) as Endpoints;
    return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.targetRef?.name ?? a.ip)).sort();
  } catch { return []; }
}
