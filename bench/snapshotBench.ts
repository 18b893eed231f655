// Snapshot figures: snapshot() (taken before every scenario step), restore(), and the YAML file,
// on a demo-sized cluster and on one with 1,000 and 10,000 pods.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject, Pod } from '../backends/contract/types.js';
import { createSimulator, type Simulator } from '../backends/sim/simulator.js';
import { loadSnapshotFile, saveSnapshot } from '../backends/sim/snapshot/index.js';
import { median, metric } from './machine.js';

function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
  };
}

function clusterWith(pods: number): Simulator {
  const sim = createSimulator({ seed: 12 });
  const per = Math.min(100, pods);
  for (let i = 0; i < pods / per; i++) sim.api.create('deployments', deployment(`app-${i}`, per));
  const running = () => sim.api.list('pods', { namespace: 'default' }).items.filter((p) => (p as Pod).status?.phase === 'Running').length;
  sim.virtualClock.advanceUntil(() => running() >= pods, 3_600_000, 5000);
  return sim;
}

function timed(n: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function measure(label: string, pods: number, rounds: number): void {
  const sim = clusterWith(pods);
  const dir = mkdtempSync(join(tmpdir(), 'kdash-bench-'));
  const s = sim.snapshot();
  metric(`snapshot_${label}_objects`, s.objects.length, 'objects');
  metric(`snapshot_${label}_take_ms`, timed(rounds, () => { sim.snapshot(); }), 'ms');
  metric(`snapshot_${label}_restore_ms`, timed(rounds, () => sim.restore(s)), 'ms');
  const file = join(dir, 's.yaml');
  metric(`snapshot_${label}_save_ms`, timed(Math.max(1, rounds / 4), () => saveSnapshot(sim, file)), 'ms');
  metric(`snapshot_${label}_file_mb`, statSync(file).size / 2 ** 20, 'MB');
  metric(`snapshot_${label}_load_and_restore_ms`, timed(Math.max(1, rounds / 4), () => sim.restore(loadSnapshotFile(file))), 'ms');
  sim.stop();
}

export function benchSnapshots(): void {
  measure('demo', 3, 20);
  measure('1k_pods', 1000, 8);
  if (!process.env.KDASH_BENCH_QUICK) measure('10k_pods', 10_000, 3);
}
