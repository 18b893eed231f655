// The live backend (client-node underneath) against the served simulator: listing 10,000 pods,
// the latency from a write to the event at a LiveBackend watch, and what loading client-node costs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveBackend } from '../backends/live/index.js';
import { RealClock } from '../backends/sim/clock.js';
import { serveSimulator } from '../backends/sim/server/kubeApiServer.js';
import { kubeconfigFor } from '../backends/sim/server/kubeconfig.js';
import { createSimulator } from '../backends/sim/simulator.js';
import { median, metric } from './machine.js';

export async function benchLive(): Promise<void> {
  // The store alone (no controllers): the figure is the client's and the wire's, not the simulator's.
  const sim = createSimulator({ clock: new RealClock(), components: [] });
  sim.api.create('namespaces', { metadata: { name: 'default' } });
  for (let i = 0; i < 10_000; i++) {
    sim.api.create('pods', {
      metadata: { name: `app-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
    });
  }
  const server = await serveSimulator(sim);
  const dir = mkdtempSync(join(tmpdir(), 'kdash-live-bench-'));
  const file = join(dir, 'config');
  writeFileSync(file, kubeconfigFor(server.url));
  const b = await createLiveBackend({ explicitPath: file });
  try {
    const lists: number[] = [];
    await b.list('pods');
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const { items } = await b.list('pods', { namespace: 'default' });
      lists.push(performance.now() - t0);
      if (items.length !== 10_000) throw new Error(`listed ${items.length} pods`);
    }
    metric('live_list_10k_pods_ms', median(lists), 'ms');

    const { resourceVersion } = await b.list('configmaps', { namespace: 'default' });
    const arrived = new Map<string, number>();
    const w = b.watch('configmaps', { namespace: 'default', resourceVersion }, {
      onEvent: (e) => { if (e.type === 'ADDED') arrived.set(e.object.metadata!.name!, performance.now()); },
      onExpired: () => {}, onError: (e) => { throw e; },
    });
    await new Promise((r) => setTimeout(r, 200));
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const name = `cm-${i}`;
      const t0 = performance.now();
      sim.api.create('configmaps', { metadata: { name, namespace: 'default' } });
      while (!arrived.has(name)) await new Promise((r) => setImmediate(r));
      latencies.push(arrived.get(name)! - t0);
    }
    w.stop();
    metric('live_watch_latency_ms', median(latencies), 'ms');
  } finally {
    await b.close();
    await server.close();
    sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  // A fresh process importing client-node: what `--context` pays and `--sim` does not.
  const imports: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const t = performance.now(); await import('@kubernetes/client-node'); console.log(performance.now() - t);"], { encoding: 'utf8' });
    imports.push(Number(r.stdout.trim()));
  }
  metric('live_client_node_import_ms', median(imports), 'ms');
}
