// `kubectl describe <resource> <name>`: fetch what kubectl's describer fetches, then render it
// with src/render's describeObject.
import type { Backend } from '../../backends/contract/backend.js';
import { isStatusError } from '../../backends/contract/errors.js';
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import type { Deployment, Endpoints, EndpointSlice, KubeObject, Pod, ReplicaSet, Service } from '../../backends/contract/types.js';
import { describeObject, type DescribeInput } from '../render/index.js';
import { replicaSetsOf, selectorQuery } from './replicaSets.js';

/** Pods whose controllerRef is this ReplicaSet (kubectl getPodStatusForController). */
async function podsOf(b: Backend, rs: ReplicaSet): Promise<Pod[]> {
  if (!rs.spec?.selector) return [];
  const { items } = await b.list('pods', { namespace: rs.metadata?.namespace, labelSelector: selectorQuery(rs.spec.selector) });
  return items.filter((p) => p.metadata?.ownerReferences?.some((r) => r.controller && r.uid === rs.metadata?.uid));
}

async function endpointsOf(b: Backend, svc: Service): Promise<{ endpoints?: Endpoints; endpointSlices: EndpointSlice[] }> {
  const ns = svc.metadata?.namespace, name = svc.metadata?.name ?? '';
  let endpoints: Endpoints | undefined;
  try {
    endpoints = await b.get('endpoints', ns, name);
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw e;
  }
  const { items } = await b.list('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${name}` });
  return { endpoints, endpointSlices: items };
}

/** What describe node lists under `Non-terminated Pods:` (kubectl's field selector). */
async function nonTerminatedPodsOn(b: Backend, node: string): Promise<Pod[]> {
  const { items } = await b.list('pods', { fieldSelector: `spec.nodeName=${node},status.phase!=Succeeded,status.phase!=Failed` });
  return items;
}

/** The page `kubectl describe` prints; `now` (ms) dates the ages. */
export async function describe(b: Backend, resource: ResourceName, ns: string | undefined, name: string, now: number): Promise<string> {
  const info = RESOURCES[resource];
  const namespace = info.namespaced ? ns : undefined;
  const obj = await b.get(resource, namespace, name) as KubeObject;
  const events = await b.eventsFor({ kind: info.kind, namespace, name, uid: obj.metadata?.uid });
  const input: DescribeInput = { object: obj, events, now };
  if (resource === 'replicasets') input.pods = await podsOf(b, obj as ReplicaSet);
  if (resource === 'deployments') {
    const { newRS, old } = await replicaSetsOf(b, obj as Deployment);
    input.newReplicaSet = newRS;
    input.oldReplicaSets = old;
  }
  if (resource === 'services') Object.assign(input, await endpointsOf(b, obj as Service));
  if (resource === 'nodes') input.pods = await nonTerminatedPodsOn(b, name);
  return describeObject(info.kind, input);
}
