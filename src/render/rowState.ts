// Row colours: what state an object is in, at a glance.
import type { ResourceName } from '../../backends/contract/resources.js';
import type {
  Deployment, EndpointSlice, Endpoints, Event, KubeObject, Namespace, Node, ObjectOf, Pod, ReplicaSet, Service,
} from '../../backends/contract/types.js';
import type { RowState } from './table.js';
import { podSummary } from './tables/podStatus.js';

const PENDING_POD_REASONS = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated']);

function podState(pod: Pod): RowState {
  const s = podSummary(pod);
  if (s.reason === 'Terminating' || (s.reason === 'Unknown' && pod.metadata?.deletionTimestamp)) return 'terminating';
  if (s.reason === 'Completed' || pod.status?.phase === 'Succeeded') return 'completed';
  if (s.reason === 'Running') return s.ready === s.total ? 'ok' : 'warning';
  if (s.reason === 'NotReady') return 'warning';
  if (PENDING_POD_REASONS.has(s.reason) || /^Init:\d+\/\d+$/.test(s.reason)) {
    const unschedulable = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable');
    return unschedulable ? 'warning' : 'pending';
  }
  return 'error';
}

function deploymentState(d: Deployment): RowState {
  const desired = d.spec?.replicas ?? 1, st = d.status ?? {};
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return 'error';
  const updated = st.updatedReplicas ?? 0, available = st.availableReplicas ?? 0;
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) return 'pending';
  if (updated < desired || (st.replicas ?? 0) > updated || available < updated) return 'pending';
  if (available < desired) return 'warning';
  return 'ok';
}

function replicaSetState(rs: ReplicaSet): RowState {
  if (rs.status?.conditions?.some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) return 'error';
  const desired = rs.spec?.replicas ?? 1;
  if ((rs.status?.replicas ?? 0) !== desired || (rs.status?.readyReplicas ?? 0) < desired) return 'pending';
  return 'ok';
}

function serviceState(svc: Service): RowState {
  if (svc.spec?.type === 'LoadBalancer' && !svc.status?.loadBalancer?.ingress?.length && !svc.spec.externalIPs?.length) return 'pending';
  return 'ok';
}

function endpointsState(ep: Endpoints): RowState {
  return ep.subsets?.some((s) => s.addresses?.length) ? 'ok' : 'warning';
}

function endpointSliceState(eps: EndpointSlice): RowState {
  return eps.endpoints?.some((e) => e.conditions?.ready !== false) ? 'ok' : 'warning';
}

function nodeState(node: Node): RowState {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return 'error';
  return node.spec?.unschedulable ? 'warning' : 'ok';
}

export function rowStateOf<R extends ResourceName>(resource: R, obj: ObjectOf[R], _now: number): RowState {
  if (resource === 'pods') return podState(obj as Pod);
  if ((obj as KubeObject).metadata?.deletionTimestamp) return 'terminating';
  switch (resource) {
    case 'deployments': return deploymentState(obj as Deployment);
    case 'replicasets': return replicaSetState(obj as ReplicaSet);
    case 'services': return serviceState(obj as Service);
    case 'endpoints': return endpointsState(obj as Endpoints);
    case 'endpointslices': return endpointSliceState(obj as EndpointSlice);
    case 'nodes': return nodeState(obj as Node);
    case 'namespaces': return (obj as Namespace).status?.phase === 'Terminating' ? 'terminating' : 'ok';
    case 'events': return (obj as Event).type === 'Warning' ? 'warning' : 'ok';
    default: return 'ok';
  }
}
