// Network figures: how fast endpoints follow a pod's labels with 1,000 Services of 10 pods,
// and how many simulated requests per second the router answers.
import { admission } from '../backends/sim/admission/index.js';
import { rfc3339 } from '../backends/sim/clock.js';
import { freshCluster } from '../backends/sim/cluster/freshCluster.js';
import { network } from '../backends/sim/network/index.js';
import { createSimulator, type Simulator } from '../backends/sim/simulator.js';
import type { EndpointSlice, KubeObject, Pod } from '../backends/contract/types.js';
import { median, metric } from './machine.js';

const SERVICES = 1000;
const PODS_PER_SERVICE = 10;

function podIp(i: number): string {
  return `10.244.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`;
}

function readyStatus(ip: string, ready: boolean, now: string): KubeObject['status'] {
  const status = ready ? 'True' : 'False';
  return {
    phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: '172.18.0.3', startTime: now,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: type === 'Ready' || type === 'ContainersReady' ? status : 'True', lastTransitionTime: now })),
    containerStatuses: [{ name: 'app', image: 'nginx:1.25', imageID: '', ready, started: true, restartCount: 0, state: { running: { startedAt: now } } }],
  };
}

/** 1,000 Services, each selecting 10 Running, Ready pods (no kubelet: statuses are written directly). */
function servicesWithPods(): Simulator {
  const sim = createSimulator({ seed: 11, components: [admission, network, freshCluster] });
  const now = rfc3339(sim.clock.now());
  // No controllers or kubelet here: two Ready CoreDNS pods stand in for the coredns Deployment's.
  for (let i = 0; i < 2; i++) {
    const pod = sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `coredns-${i}`, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: { nodeName: 'kind-control-plane', containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.0', ports: [{ containerPort: 53, protocol: 'UDP', name: 'dns' }, { containerPort: 53, protocol: 'TCP', name: 'dns-tcp' }, { containerPort: 9153, protocol: 'TCP', name: 'metrics' }] }] },
    }) as Pod;
    sim.api.update('pods', { ...structuredClone(pod), status: readyStatus(`10.244.0.${i + 2}`, true, now) } as KubeObject, { subresource: 'status' });
  }
  for (let s = 0; s < SERVICES; s++) {
    const app = `svc-${s}`;
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: 'default' }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 8080 }] } });
    for (let p = 0; p < PODS_PER_SERVICE; p++) {
      const i = s * PODS_PER_SERVICE + p;
      const pod = sim.api.create('pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `${app}-${p}`, namespace: 'default', labels: { app } },
        spec: { nodeName: 'kind-worker', containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 8080 }] }] },
      }) as Pod;
      sim.api.update('pods', { ...structuredClone(pod), status: readyStatus(podIp(i), true, now) } as KubeObject, { subresource: 'status' });
    }
    if (s % 50 === 49) sim.virtualClock.flush();
  }
  sim.virtualClock.flush();
  return sim;
}

function readyEndpoints(sim: Simulator, service: string): number {
  const slices = sim.api.list('endpointslices', { namespace: 'default', labelSelector: `kubernetes.io/service-name=${service}` }).items as EndpointSlice[];
  return slices.reduce((n, s) => n + (s.endpoints ?? []).filter((e) => e.conditions?.ready).length, 0);
}

/** A pod's `app` label changes away from its Service's selector and back; timed from the write until its slice says so. */
export function benchEndpointsRecompute(): void {
  const sim = servicesWithPods();
  const samples: number[] = [];
  for (let k = 0; k < 200; k++) {
    const s = (k * 37) % SERVICES;
    const name = `svc-${s}-${k % PODS_PER_SERVICE}`;
    for (const selected of [false, true]) {
      const pod = sim.api.get('pods', 'default', name) as Pod;
      const t0 = performance.now();
      sim.api.update('pods', { ...structuredClone(pod), metadata: { ...structuredClone(pod.metadata!), labels: { app: selected ? `svc-${s}` : 'elsewhere' } } } as KubeObject);
      sim.virtualClock.flush();
      samples.push(performance.now() - t0);
      const want = selected ? PODS_PER_SERVICE : PODS_PER_SERVICE - 1;
      if (readyEndpoints(sim, `svc-${s}`) !== want) throw new Error(`svc-${s}: endpoints did not follow ${name}'s labels`);
    }
  }
  metric('sim_endpoints_recompute_ms', median(samples), 'ms');
  sim.stop();
}

/** Requests through DNS and the Service's virtual IP to one of its pods, for one second. */
export function benchRequests(): void {
  const sim = servicesWithPods();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1000) {
    for (let i = 0; i < 100; i++, n++) {
      const res = sim.ctx.traffic!.request(`http://svc-${n % SERVICES}:80/`);
      if (!res.ok) throw new Error(`request to svc-${n % SERVICES} failed: ${res.error}`);
    }
  }
  metric('sim_requests_per_s', n / ((performance.now() - t0) / 1000), 'requests/s');
  sim.stop();
}
