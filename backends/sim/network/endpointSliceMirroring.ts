// The EndpointSlice mirroring controller (K8S pkg/controller/endpointslicemirroring): a
// Service without a selector gets its endpoints from a hand-written Endpoints object; those are
// mirrored into EndpointSlices (one per subset, owned by the Endpoints) so that kube-proxy and
// CoreDNS, which read slices only, see them.
import type { EndpointSlice, Endpoints, KubeObject } from '../../contract/types.js';
import { isStatusError } from '../../contract/errors.js';
import type { SimContext } from '../context.js';
import { WorkQueue } from '../controllers/workQueue.js';
import { SERVICE_NAME_LABEL, type EndpointSliceIndex } from './endpointSliceIndex.js';
import { MANAGED_BY_LABEL } from './endpointSliceController.js';
import { TRIGGER_TIME_ANNOTATION } from './endpointRules.js';
import { selectorOf, type ServiceSelection } from './serviceSelection.js';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
const MAX_MIRRORED = 1000;

type Endpoint = EndpointSlice['endpoints'][number];
type SlicePort = NonNullable<EndpointSlice['ports']>[number];
type Address = NonNullable<NonNullable<Endpoints['subsets']>[number]['addresses']>[number];

function toEndpoint(a: Address, ready: boolean): Endpoint {
  const ep: Endpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) ep.hostname = a.hostname;
  if (a.nodeName) ep.nodeName = a.nodeName;
  if (a.targetRef) ep.targetRef = a.targetRef;
  return ep;
}

/** One desired slice per subset: its ports and endpoints (ready addresses first). */
function desiredSlices(ep: Endpoints): Array<{ ports: SlicePort[]; endpoints: Endpoint[] }> {
  let budget = MAX_MIRRORED;
  const out: Array<{ ports: SlicePort[]; endpoints: Endpoint[] }> = [];
  for (const s of ep.subsets ?? []) {
    const endpoints = [
      ...(s.addresses ?? []).map((a) => toEndpoint(a, true)),
      ...(s.notReadyAddresses ?? []).map((a) => toEndpoint(a, false)),
    ].slice(0, Math.max(0, budget));
    budget -= endpoints.length;
    if (!endpoints.length) continue;
    const ports = (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    out.push({ ports, endpoints });
  }
  return out;
}

export function startEndpointSliceMirroring(ctx: SimContext, selection: ServiceSelection, index: EndpointSliceIndex): () => void {
  const { api, clock } = ctx;
  const queue = new WorkQueue(clock, sync);
  selection.onChange((key) => queue.add(key));
  const watch = api.watch('endpoints', { resourceVersion: api.resourceVersion }, {
    onEvent: (e) => { if (e.type !== 'BOOKMARK') queue.add(`${e.object.metadata?.namespace}/${e.object.metadata?.name}`); },
    onExpired: () => {}, onError: () => {},
  });
  index.onChange((svcKey, slice) => { if (slice.metadata?.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER) queue.add(svcKey); });

  function sync(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const svc = selection.services.get(ns, name);
    const ep = api.tryGet('endpoints', ns, name) as Endpoints | undefined;
    const mirror = !!svc && !!ep && !selectorOf(svc) && ep.metadata?.labels?.[SKIP_MIRROR_LABEL] !== 'true';
    const want = mirror ? desiredSlices(ep!) : [];
    const existing = index.slicesFor(ns, name)
      .filter((s) => s.metadata?.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER)
      .map((s) => api.tryGet('endpointslices', ns, s.metadata!.name!) as EndpointSlice | undefined)
      .filter((s): s is EndpointSlice => !!s)
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    const labels: Record<string, string> = { ...(ep?.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER };
    const annotations: Record<string, string> = { ...(ep?.metadata?.annotations ?? {}) };
    delete annotations[TRIGGER_TIME_ANNOTATION];
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    const unused = [...existing];
    for (const d of want) {
      const i = unused.findIndex((s) => JSON.stringify(s.ports ?? []) === JSON.stringify(d.ports));
      const cur = i >= 0 ? unused.splice(i, 1)[0] : undefined;
      const next: EndpointSlice = cur ? structuredClone(cur) : {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', endpoints: [],
        metadata: {
          generateName: `${name}-`, namespace: ns,
          ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: ep!.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
        },
      };
      next.metadata = { ...next.metadata, labels, annotations };
      next.endpoints = d.endpoints;
      if (d.ports.length) next.ports = d.ports; else delete next.ports;
      if (!cur) api.create('endpointslices', next as KubeObject);
      else if (JSON.stringify(next) !== JSON.stringify(cur)) api.update('endpointslices', next as KubeObject);
    }
    for (const s of unused) {
      try { api.delete('endpointslices', ns, s.metadata!.name!); } catch (e) { if (!isStatusError(e, 'NotFound')) throw e; }
      index.forget(s);
    }
  }

  return () => watch.stop();
}
