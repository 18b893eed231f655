// The endpoints controller (K8S pkg/controller/endpoint): one core/v1 Endpoints object per
// selector Service, named like it, listing ready pods in `addresses` and the others in
// `notReadyAddresses`; deleted with its Service.
import { isPodReady } from '../../contract/podUtil.js';
import type { Endpoints, KubeObject, Pod, Service } from '../../contract/types.js';
import { isStatusError } from '../../contract/errors.js';
import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import { WorkQueue } from '../controllers/workQueue.js';
import { endpointLabels, findPort, shouldPodBeInEndpoints, TRIGGER_TIME_ANNOTATION } from './endpointRules.js';
import { parseIPv4 } from './ipv4.js';
import { selectorOf, type ServiceSelection } from './serviceSelection.js';

type Subset = NonNullable<Endpoints['subsets']>[number];
type Address = NonNullable<Subset['addresses']>[number];
type EndpointPort = NonNullable<Subset['ports']>[number];

/** maxCapacity in endpoints_controller.go: beyond it the object is truncated and annotated. */
const MAX_ADDRESSES = 1000;
const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

function addressOf(pod: Pod, svc: Service): Address {
  const m = pod.metadata!;
  const a: Address = { ip: pod.status!.podIP! };
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name) a.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) a.nodeName = pod.spec.nodeName;
  a.targetRef = { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid };
  return a;
}

function byIP(a: Address, b: Address): number {
  return (parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/**
 * The subsets for a Service: pods grouped by the ports they resolve (RepackSubsets), addresses
 * sorted by IP. Deviation: ports keep the Service's order; RepackSubsets orders them by a hash.
 */
export function desiredSubsets(svc: Service, pods: Pod[]): { subsets: Subset[]; truncated: boolean } {
  const tolerateUnready = !!svc.spec?.publishNotReadyAddresses;
  const headless = svc.spec?.clusterIP === 'None';
  const groups = new Map<string, { ports: EndpointPort[]; ready: Address[]; notReady: Address[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    if (ports.length === 0 && !(headless && !(svc.spec?.ports?.length))) continue;
    const sig = JSON.stringify(ports);
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = { ports, ready: [], notReady: [] }));
    (tolerateUnready || isPodReady(pod) ? g.ready : g.notReady).push(addressOf(pod, svc));
  }
  let budget = MAX_ADDRESSES;
  let truncated = false;
  const subsets: Subset[] = [];
  for (const g of groups.values()) {
    g.ready.sort(byIP);
    g.notReady.sort(byIP);
    const ready = g.ready.slice(0, Math.max(0, budget));
    budget -= ready.length;
    const notReady = g.notReady.slice(0, Math.max(0, budget));
    budget -= notReady.length;
    if (ready.length < g.ready.length || notReady.length < g.notReady.length) truncated = true;
    if (!ready.length && !notReady.length) continue;
    const s: Subset = {};
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  return { subsets, truncated };
}

export function startEndpointsController(ctx: SimContext, selection: ServiceSelection): () => void {
  const { api, clock } = ctx;
  const queue = new WorkQueue(clock, sync);
  selection.onChange((key) => queue.add(key));
  const watch = api.watch('endpoints', { resourceVersion: api.resourceVersion }, {
    onEvent: (e) => { if (e.type === 'DELETED') queue.add(`${e.object.metadata?.namespace}/${e.object.metadata?.name}`); },
    onExpired: () => {}, onError: () => {},
  });

  function sync(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const svc = selection.services.get(ns, name);
    const current = api.tryGet('endpoints', ns, name) as Endpoints | undefined;
    if (!svc) {
      // The Service is gone: so are its Endpoints, selector or not (§16 item 9).
      if (current) {
        try { api.delete('endpoints', ns, name); } catch (e) { if (!isStatusError(e, 'NotFound')) throw e; }
      }
      return;
    }
    if (!selectorOf(svc)) return;
    const { subsets, truncated } = desiredSubsets(svc, selection.podsFor(svc));
    const labels = endpointLabels(svc);
    if (current
      && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets)
      && JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels)
      && !!current.metadata?.annotations?.[OVER_CAPACITY_ANNOTATION] === truncated) return;
    const annotations: Record<string, string> = { ...(current?.metadata?.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: rfc3339(clock.now()) };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const next: Endpoints = current ? structuredClone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
    next.metadata = { ...next.metadata, labels, annotations };
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    if (current) api.update('endpoints', next as KubeObject);
    else api.create('endpoints', next as KubeObject);
  }

  return () => watch.stop();
}
