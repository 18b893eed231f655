// Simulator figures: 10,000 pods to Running, a 1,000-replica rolling update, watch fan-out.
import { createSimulator } from '../backends/sim/simulator.js';
import type { Deployment, KubeObject, Pod } from '../backends/contract/types.js';
import { metric } from './machine.js';

function deployment(name: string, replicas: number, image: string): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

/** CPU seconds (user + system) since `from`: on a shared machine wall time also counts waiting for a core. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * Follows the Running pods of a namespace through a watch, as a client would, so the
 * benchmark's own counting costs one check per event rather than a listing per step.
 */
function runningPodCounter(sim: ReturnType<typeof createSimulator>, ns = 'default'): () => number {
  const running = new Set<string>();
  const { items, resourceVersion } = sim.api.list('pods', { namespace: ns });
  const see = (p: KubeObject, gone: boolean) => {
    const name = p.metadata!.name!;
    if (!gone && (p as Pod).status?.phase === 'Running') running.add(name); else running.delete(name);
  };
  for (const p of items) see(p, false);
  sim.api.watch('pods', { namespace: ns, resourceVersion }, {
    onEvent: (e) => { if (e.type !== 'BOOKMARK') see(e.object, e.type === 'DELETED'); },
    onExpired() { throw new Error('benchmark watch expired'); }, onError() {},
  });
  return () => running.size;
}

export function benchTenThousandPods(): void {
  const before = heapMb();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sim = createSimulator({ seed: 7 });
  const runningPods = runningPodCounter(sim);
  for (let i = 0; i < 100; i++) sim.api.create('deployments', deployment(`app-${String(i).padStart(3, '0')}`, 100, 'nginx:1.25'));
  sim.virtualClock.advanceUntil(() => runningPods() >= 10_000, 3_600_000, 1000);
  const secs = (performance.now() - t0) / 1000;
  metric('sim_10k_pods_running_s', secs, 's');
  metric('sim_10k_pods_running_cpu_s', cpuSecondsSince(cpu0), 's');
  metric('sim_10k_pods_heap_mb', heapMb() - before, 'MB');
  sim.stop();
}

export function benchRollout1000(): void {
  const sim = createSimulator({ seed: 8 });
  const runningPods = runningPodCounter(sim);
  sim.api.create('deployments', deployment('big', 1000, 'nginx:1.25'));
  sim.virtualClock.advanceUntil(() => runningPods() >= 1000, 3_600_000, 1000);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  sim.api.patch('deployments', 'default', 'big', 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } });
  sim.virtualClock.advanceUntil(() => {
    const d = sim.api.get('deployments', 'default', 'big') as Deployment;
    const s = d.status ?? {};
    return (d.metadata?.generation ?? 0) <= (s.observedGeneration ?? 0) && s.updatedReplicas === 1000 && s.availableReplicas === 1000 && s.replicas === 1000;
  }, 3_600_000, 1000);
  metric('sim_rollout_1000_s', (performance.now() - t0) / 1000, 's');
  metric('sim_rollout_1000_cpu_s', cpuSecondsSince(cpu0), 's');
  sim.stop();
}

export function benchWatchFanout(): void {
  const sim = createSimulator({ seed: 9, components: [] });
  sim.api.create('namespaces', { metadata: { name: 'default' }, spec: { finalizers: ['kubernetes'] } });
  let delivered = 0;
  for (let i = 0; i < 10; i++) {
    sim.api.watch('configmaps', { resourceVersion: sim.api.resourceVersion }, { onEvent: () => { delivered++; }, onExpired() {}, onError() {} });
  }
  const writes = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < writes; i++) {
    sim.api.create('configmaps', { metadata: { name: `cm-${i}` }, data: { i: String(i) } });
    if (i % 100 === 99) sim.virtualClock.flush();
  }
  sim.virtualClock.flush();
  const secs = (performance.now() - t0) / 1000;
  metric('sim_watch_events_per_s', delivered / secs, 'events/s');
}
