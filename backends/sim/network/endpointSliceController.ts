// The EndpointSlice controller (K8S pkg/controller/endpointslice, staging k8s.io/endpointslice
// reconciler.go): slices of at most 100 endpoints per Service and port mapping, owned by the
// Service (the garbage collector removes them with it). Endpoints keep their slice while they
// stay; changes are written in place; a slice left empty is reused for new endpoints rather
// than deleted and recreated, which is why a selector switch moves every endpoint in one write.
import { isPodReady } from '../../contract/podUtil.js';
import type { EndpointSlice, KubeObject, Pod, Service } from '../../contract/types.js';
import { isStatusError } from '../../contract/errors.js';
import { rfc3339 } from '../clock.js';
import type { SimContext } from '../context.js';
import { WorkQueue } from '../controllers/workQueue.js';
import { endpointLabels, findPort, shouldPodBeInEndpoints, TRIGGER_TIME_ANNOTATION } from './endpointRules.js';
import { SERVICE_NAME_LABEL, type EndpointSliceIndex } from './endpointSliceIndex.js';
import { selectorOf, type ServiceSelection } from './serviceSelection.js';

export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;

type Endpoint = EndpointSlice['endpoints'][number];
type SlicePort = NonNullable<EndpointSlice['ports']>[number];

function podEndpoint(pod: Pod, svc: Service): Endpoint {
  const m = pod.metadata!;
  const podReady = svc.spec?.publishNotReadyAddresses || isPodReady(pod);
  const terminating = !!m.deletionTimestamp;
  const ep: Endpoint = {
    addresses: [pod.status!.podIP!],
    conditions: { ready: !!svc.spec?.publishNotReadyAddresses || (podReady && !terminating), serving: !!podReady, terminating },
  };
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name) ep.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  ep.targetRef = { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid };
  return ep;
}

function slicePorts(pod: Pod, svc: Service): SlicePort[] | undefined {
  const ports: SlicePort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    ports.push(p);
  }
  const headlessWithoutPorts = svc.spec?.clusterIP === 'None' && !(svc.spec?.ports?.length);
  return ports.length || headlessWithoutPorts ? ports : undefined;
}

const endpointId = (ep: Endpoint) => ep.targetRef?.uid ?? ep.addresses[0];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Desired { ports: SlicePort[]; endpoints: Map<string, Endpoint> }

/** Desired endpoints grouped by the ports they resolve to. */
export function desiredEndpoints(svc: Service, pods: Pod[]): Map<string, Desired> {
  const out = new Map<string, Desired>();
  const sorted = [...pods].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = slicePorts(pod, svc);
    if (!ports) continue;
    const sig = JSON.stringify(ports);
    let d = out.get(sig);
    if (!d) out.set(sig, (d = { ports, endpoints: new Map() }));
    const ep = podEndpoint(pod, svc);
    d.endpoints.set(endpointId(ep), ep);
  }
  return out;
}

function isPlaceholder(s: EndpointSlice): boolean {
  return !(s.ports?.length) && !(s.endpoints?.length);
}

export function startEndpointSliceController(ctx: SimContext, selection: ServiceSelection, index: EndpointSliceIndex): () => void {
  const { api, clock } = ctx;
  const queue = new WorkQueue(clock, sync);
  selection.onChange((key) => queue.add(key));
  // Someone else changed or deleted one of our slices: put it right.
  const mine = new Map<string, string>(); // slice key -> resourceVersion we wrote
  index.onChange((svcKey, slice, deleted) => {
    if (slice.metadata?.labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return;
    const key = `${slice.metadata?.namespace}/${slice.metadata?.name}`;
    if (!deleted && mine.get(key) === slice.metadata?.resourceVersion) return;
    queue.add(svcKey);
  });

  function write(s: EndpointSlice, op: 'create' | 'update'): void {
    const stored = (op === 'create' ? api.create('endpointslices', s as KubeObject) : api.update('endpointslices', s as KubeObject)) as EndpointSlice;
    mine.set(`${stored.metadata!.namespace}/${stored.metadata!.name}`, stored.metadata!.resourceVersion!);
    index.note(stored);
  }

  function sync(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const svc = selection.services.get(ns, name);
    // A deleted Service's slices go with it through their ownerReference (garbage collector).
    if (!svc || !selectorOf(svc) || svc.spec?.type === 'ExternalName') return;
    const uid = svc.metadata!.uid!;
    const now = rfc3339(clock.now());
    const labels = endpointLabels(svc, { [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: CONTROLLER_NAME });
    const desired = desiredEndpoints(svc, selection.podsFor(svc));
    const existing = index.slicesFor(ns, name)
      .map((s) => api.tryGet('endpointslices', ns, s.metadata!.name!) as EndpointSlice | undefined)
      .filter((s): s is EndpointSlice => !!s
        && s.metadata?.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME
        && !!s.metadata.ownerReferences?.some((r) => r.uid === uid))
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));

    const toCreate: EndpointSlice[] = [];
    const toUpdate = new Map<string, EndpointSlice>();
    const toDelete: EndpointSlice[] = [];
    const unchanged: EndpointSlice[] = [];
    const bySig = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      const sig = JSON.stringify(s.ports ?? []);
      if (!desired.has(sig)) { toDelete.push(s); continue; }
      let list = bySig.get(sig);
      if (!list) bySig.set(sig, (list = []));
      list.push(s);
    }
    const fresh = (s: EndpointSlice, endpoints: Endpoint[]): EndpointSlice => {
      const c = structuredClone(s);
      c.endpoints = endpoints;
      c.metadata!.labels = labels;
      c.metadata!.annotations = { ...(c.metadata!.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: now };
      return c;
    };
    for (const [sig, want] of desired) {
      const left = new Map(want.endpoints);
      const updatedHere: EndpointSlice[] = [];
      const unchangedHere: EndpointSlice[] = [];
      // 1. Keep wanted endpoints where they are (updated), drop the others.
      for (const s of bySig.get(sig) ?? []) {
        const kept: Endpoint[] = [];
        let changed = false;
        for (const ep of s.endpoints ?? []) {
          const got = left.get(endpointId(ep));
          if (!got) continue;
          kept.push(got);
          if (!same(got, ep)) changed = true;
          left.delete(endpointId(ep));
        }
        if (changed || kept.length !== (s.endpoints?.length ?? 0)) {
          if (kept.length === 0) toDelete.push(s);
          else updatedHere.push(fresh(s, kept));
        } else if (!same(s.metadata?.labels ?? {}, labels)) {
          updatedHere.push(fresh(s, kept));
        } else unchangedHere.push(s);
      }
      // 2. Fill slices already being updated.
      for (const s of updatedHere) {
        for (const [id, ep] of left) {
          if (s.endpoints.length >= MAX_ENDPOINTS_PER_SLICE) break;
          s.endpoints.push(ep);
          left.delete(id);
        }
        toUpdate.set(s.metadata!.name!, s);
      }
      // 3. Then an unchanged slice with room for all the rest, else new slices.
      while (left.size > 0) {
        let target: EndpointSlice | undefined;
        if (left.size < MAX_ENDPOINTS_PER_SLICE) {
          const i = unchangedHere.findIndex((s) => s.endpoints.length + left.size <= MAX_ENDPOINTS_PER_SLICE);
          if (i >= 0) {
            const s = unchangedHere.splice(i, 1)[0];
            target = fresh(s, [...s.endpoints]);
          }
        }
        target ??= newSlice(svc, want.ports, labels, now);
        for (const [id, ep] of left) {
          if (target.endpoints.length >= MAX_ENDPOINTS_PER_SLICE) break;
          target.endpoints.push(ep);
          left.delete(id);
        }
        if (target.metadata?.name) toUpdate.set(target.metadata.name, target);
        else toCreate.push(target);
      }
      unchanged.push(...unchangedHere);
    }
    // A Service that selects nothing still has one (placeholder) slice.
    if (existing.length === toDelete.length && toCreate.length === 0) {
      if (toDelete.length === 1 && isPlaceholder(toDelete[0]) && same(toDelete[0].metadata?.labels ?? {}, labels)) toDelete.length = 0;
      else toCreate.push(newSlice(svc, [], labels, now));
    }
    // 4. Rather than delete one slice and create another, reuse the one being deleted.
    while (toCreate.length > 0 && toDelete.length > 0) {
      const old = toDelete.pop()!;
      const c = toCreate.pop()!;
      c.metadata = { ...structuredClone(old.metadata!), labels, annotations: { ...(old.metadata?.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: now } };
      toUpdate.set(old.metadata!.name!, c);
    }
    for (const s of toCreate) write(s, 'create');
    for (const s of toUpdate.values()) write(s, 'update');
    for (const s of toDelete) {
      try { api.delete('endpointslices', ns, s.metadata!.name!); } catch (e) { if (!isStatusError(e, 'NotFound')) throw e; }
      index.forget(s);
    }
  }

  return () => {};
}

function newSlice(svc: Service, ports: SlicePort[], labels: Record<string, string>, now: string): EndpointSlice {
  const m = svc.metadata!;
  const s: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: {
      generateName: `${m.name}-`, namespace: m.namespace, labels,
      annotations: { [TRIGGER_TIME_ANNOTATION]: now },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    // Deviation: an empty slice is written with `endpoints: []`; the real controller sends null.
    endpoints: [],
  };
  if (ports.length) s.ports = ports;
  return s;
}
