// Shared steps of the network lessons' end-to-end tests: endpoints to wait for, requests to send.
import type { Backend } from '../../backends/contract/backend.js';
import { isPodReady } from '../../backends/contract/podUtil.js';
import type { Endpoints, Pod } from '../../backends/contract/types.js';
import type { TrafficResponse } from '../../backends/sim/context.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { waitFor } from '../helpers/waitFor.js';

/** The ready addresses of a Service's Endpoints (`kubectl get ep`). */
export async function readyIPs(b: Backend, ns: string, svc: string): Promise<string[]> {
  try {
    const ep = await b.get('endpoints', ns, svc) as Endpoints;
    return (ep.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
  } catch { return []; }
}

export async function runningPods(b: Backend, ns: string, labelSelector: string): Promise<Pod[]> {
  const pods = (await b.list('pods', { namespace: ns, labelSelector })).items;
  return pods.filter((p) => p.status?.phase === 'Running' && isPodReady(p) && !p.metadata?.deletionTimestamp);
}

export async function waitForRunning(sim: Simulator, b: Backend, ns: string, labelSelector: string, n: number): Promise<Pod[]> {
  await waitFor(sim, async () => (await runningPods(b, ns, labelSelector)).length === n, { what: `${n} running pods ${labelSelector}`, stepMs: 500 });
  return runningPods(b, ns, labelSelector);
}

export async function waitForEndpoints(sim: Simulator, b: Backend, ns: string, svc: string, n: number): Promise<string[]> {
  await waitFor(sim, async () => (await readyIPs(b, ns, svc)).length === n, { what: `${n} ready endpoints of ${svc}`, stepMs: 500 });
  return readyIPs(b, ns, svc);
}

export function send(sim: Simulator, target: string, n: number, fromNamespace = 'default'): TrafficResponse[] {
  const out: TrafficResponse[] = [];
  for (let i = 0; i < n; i++) out.push(sim.ctx.traffic!.request(target, { fromNamespace }));
  return out;
}

/** How many responses each pod gave. */
export function tally(responses: TrafficResponse[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const r of responses) { const k = r.pod?.name ?? r.error ?? '?'; t[k] = (t[k] ?? 0) + 1; }
  return t;
}

/** A fresh cluster resolves names once both CoreDNS pods are ready behind kube-dns. */
export async function waitForClusterDns(sim: Simulator, b: Backend): Promise<number> {
  return waitFor(sim, async () => (await readyIPs(b, 'kube-system', 'kube-dns')).length === 2, { what: 'CoreDNS', stepMs: 500 });
}
