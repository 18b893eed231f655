// The served simulator over HTTP: listing 10,000 pods as JSON and as kubectl's Table, the
// latency from a write to the event at a watching client, and the real kubectl as a peer figure.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admission } from '../backends/sim/admission/index.js';
import { RealClock } from '../backends/sim/clock.js';
import { freshCluster } from '../backends/sim/cluster/freshCluster.js';
import { kubelet } from '../backends/sim/kubelet/kubelet.js';
import { scheduler } from '../backends/sim/kubelet/scheduler.js';
import { network } from '../backends/sim/network/index.js';
import { serveSimulator } from '../backends/sim/server/kubeApiServer.js';
import { SIM_CONTEXT, writeKubeconfig } from '../backends/sim/server/kubeconfig.js';
import { createSimulator, type Simulator } from '../backends/sim/simulator.js';
import { median, metric } from './machine.js';

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Milliseconds until the whole response body has arrived. */
function timedGet(url: string, accept: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http.get(url, { headers: { Accept: accept } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(performance.now() - t0));
    }).on('error', reject);
  });
}

/** 10,000 bare pods (no controllers), scheduled and started by the simulated kubelets. */
function tenThousandPods(): Simulator {
  const sim = createSimulator({ seed: 10, components: [admission, network, freshCluster, scheduler, kubelet] });
  for (let i = 0; i < 10_000; i++) {
    const app = `app-${String(i % 100).padStart(3, '0')}`;
    sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `${app}-${i}`, namespace: 'default', labels: { app } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
    });
  }
  const running = () => sim.api.list('pods', { namespace: 'default', fieldSelector: 'status.phase=Running' }).items.length;
  sim.virtualClock.advanceUntil(() => running() >= 10_000, 3_600_000, 5_000);
  return sim;
}

function kubectlGetPods(kubeconfig: string, home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile('kubectl', ['--kubeconfig', kubeconfig, '--context', SIM_CONTEXT, 'get', 'pods', '-A'], { env: { ...process.env, HOME: home }, maxBuffer: 64 * 2 ** 20 }, (err, stdout) => {
      if (err) return reject(err);
      if (stdout.split('\n').length < 10_000) return reject(new Error('kubectl listed fewer than 10,000 pods'));
      resolve(performance.now() - t0);
    });
  });
}

export async function benchServeList(): Promise<void> {
  const sim = tenThousandPods();
  const server = await serveSimulator(sim);
  const url = `${server.url}/api/v1/namespaces/default/pods`;
  const json: number[] = [];
  const table: number[] = [];
  await timedGet(url, 'application/json');
  for (let i = 0; i < 5; i++) {
    json.push(await timedGet(url, 'application/json'));
    table.push(await timedGet(url, TABLE_ACCEPT));
  }
  metric('serve_list_10k_pods_json_ms', median(json), 'ms');
  metric('serve_list_10k_pods_table_ms', median(table), 'ms');

  const home = mkdtempSync(join(tmpdir(), 'kdash-bench-'));
  const kubeconfig = join(home, 'kubeconfig.yaml');
  writeKubeconfig(kubeconfig, server.url);
  try {
    await kubectlGetPods(kubeconfig, home);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await kubectlGetPods(kubeconfig, home));
    metric('kubectl_get_pods_10k_ms', median(runs), 'ms');
  } catch (e) {
    console.error(`kubectl_get_pods_10k_ms not measured: ${(e as Error).message}`);
  }
  rmSync(home, { recursive: true, force: true });
  await server.close();
  sim.stop();
}

/** A write by HTTP POST until its ADDED event reaches a client watching over HTTP, on a real-time clock as `kdash serve` runs. */
export async function benchServeWatchLatency(): Promise<void> {
  const sim = createSimulator({ seed: 11, clock: new RealClock() });
  const server = await serveSimulator(sim);
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let arrived: (() => void) | undefined;
  const watch = http.get(`${server.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${sim.api.resourceVersion}`, (res) => {
    let buffered = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const name = (JSON.parse(line) as { object: { metadata: { name: string } } }).object.metadata.name;
        const t0 = sent.get(name);
        if (t0 !== undefined) { latencies.push(performance.now() - t0); arrived?.(); }
      }
    });
  });
  await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < 200; i++) {
    const name = `cm-${i}`;
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { i: String(i) } });
    const event = new Promise<void>((r) => { arrived = r; });
    sent.set(name, performance.now());
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${server.url}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(body);
    });
    await event;
  }
  metric('serve_watch_latency_ms', median(latencies), 'ms');
  watch.destroy();
  await server.close();
  sim.stop();
}
