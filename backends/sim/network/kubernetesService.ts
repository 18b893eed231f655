// The apiserver's own Service: `default/kubernetes` at 10.96.0.1, with its Endpoints and
// EndpointSlice pointing at the apiserver (<control-plane IP>:6443). Like the apiserver's
// kubernetesservice controller and endpoint reconciler, it puts them back when they are
// deleted or changed (§6.2; §16 item 9: they return after about 4.5 s).
import type { EndpointSlice, Endpoints, KubeObject, Service } from '../../contract/types.js';
import type { SimContext } from '../context.js';
import type { Timer } from '../clock.js';
import { KUBERNETES_SERVICE_IP } from './serviceAllocation.js';
import { nodeIP } from './nodeAddresses.js';
import { SERVICE_NAME_LABEL } from './endpointSliceIndex.js';

const NAME = 'kubernetes';
const NS = 'default';
const SECURE_PORT = 6443;
const PORTS = [{ name: 'https', port: SECURE_PORT, protocol: 'TCP' }];

function service(): Service {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: NAME, namespace: NS, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP', clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP],
      ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: SECURE_PORT }],
    },
  };
}

export function startKubernetesService(ctx: SimContext): () => void {
  const { api, clock, random, layout } = ctx;
  let timer: Timer | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clock.clearTimer(timer);
    timer = clock.setTimer(ms, reconcile);
  };

  function reconcile(): void {
    timer = undefined;
    if (!api.tryGet('namespaces', undefined, NS)) return schedule(1000);
    try {
      if (!api.tryGet('services', NS, NAME)) api.create('services', service() as KubeObject);
      const ip = nodeIP(api, layout, layout.nodes[0]);
      syncEndpoints(ip);
      syncSlice(ip);
    } catch {
      schedule(1000);
    }
  }

  function syncEndpoints(ip: string): void {
    const cur = api.tryGet('endpoints', NS, NAME) as Endpoints | undefined;
    const labels = { 'endpointslice.kubernetes.io/skip-mirror': 'true' };
    const subsets = [{ addresses: [{ ip }], ports: PORTS }];
    if (cur && JSON.stringify(cur.subsets) === JSON.stringify(subsets) && JSON.stringify(cur.metadata?.labels) === JSON.stringify(labels)) return;
    const next: Endpoints = cur ? structuredClone(cur) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: NAME, namespace: NS } };
    next.metadata = { ...next.metadata, labels };
    next.subsets = subsets;
    if (cur) api.update('endpoints', next as KubeObject);
    else api.create('endpoints', next as KubeObject);
  }

  function syncSlice(ip: string): void {
    const cur = api.tryGet('endpointslices', NS, NAME) as EndpointSlice | undefined;
    const labels = { [SERVICE_NAME_LABEL]: NAME };
    const endpoints = [{ addresses: [ip], conditions: { ready: true } }];
    if (cur && JSON.stringify(cur.endpoints) === JSON.stringify(endpoints) && JSON.stringify(cur.ports) === JSON.stringify(PORTS)
      && JSON.stringify(cur.metadata?.labels) === JSON.stringify(labels)) return;
    const next: EndpointSlice = cur ? structuredClone(cur) : { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: NAME, namespace: NS }, addressType: 'IPv4', endpoints: [] };
    next.metadata = { ...next.metadata, labels };
    next.endpoints = endpoints;
    next.ports = PORTS;
    if (cur) api.update('endpointslices', next as KubeObject);
    else api.create('endpointslices', next as KubeObject);
  }

  const later = () => schedule(Math.round(random.between(4000, 5000)));
  const watches = (['services', 'endpoints', 'endpointslices'] as const).map((resource) => api.watch(resource, {
    namespace: NS, fieldSelector: `metadata.name=${NAME}`, resourceVersion: api.resourceVersion,
  }, {
    onEvent: (e) => { if (e.type === 'DELETED' || e.type === 'MODIFIED') later(); },
    onExpired: () => {}, onError: () => {},
  }));
  // The control-plane node registering (or changing address) moves the apiserver endpoint.
  const nodeWatch = api.watch('nodes', { fieldSelector: `metadata.name=${layout.nodes[0]}`, resourceVersion: api.resourceVersion }, {
    onEvent: () => { if (!timer) schedule(0); },
    onExpired: () => {}, onError: () => {},
  });
  schedule(0);
  return () => {
    stopped = true;
    clock.clearTimer(timer);
    for (const w of watches) w.stop();
    nodeWatch.stop();
  };
}
