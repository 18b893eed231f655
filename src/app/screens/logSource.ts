// Which pod and container `l` shows, as `kubectl logs` chooses them: a pod itself; for a
// Deployment or ReplicaSet the first of the pods its selector picks, in kubectl's ByLogging order
// (`Found 3 pods, using pod/web-…`); the default-container annotation, else the first container.
import type { Backend } from '../../../backends/contract/backend.js';
import { isPodReady, podCondition } from '../../../backends/contract/podUtil.js';
import { resolveResource } from '../../../backends/contract/resources.js';
import { formatLabelSelector } from '../../../backends/contract/selectors.js';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../../backends/contract/types.js';
import { kindGroupName } from '../../ops/names.js';

export interface LogSource {
  pod?: Pod;
  /** kubectl's note when an owner has several pods, or why there is no pod to show. */
  note?: string;
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

function readySince(p: Pod): number {
  const t = podCondition(p, 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : Number.POSITIVE_INFINITY;
}

const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
const created = (p: Pod) => (p.metadata?.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : Number.POSITIVE_INFINITY);

/** podutils.ByLogging: the pod `kubectl logs deploy/x` picks sorts first. */
export function byLogging(a: Pod, b: Pod): number {
  const na = a.spec?.nodeName ?? '', nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 3, pb = PHASE_RANK[b.status?.phase ?? ''] ?? 3;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a), rb = isPodReady(b);
  if (ra !== rb) return ra ? -1 : 1;
  if (ra && rb && readySince(a) !== readySince(b)) return readySince(a) - readySince(b);
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  return created(a) - created(b);
}

/** The containers `c` cycles through: app containers, then init containers. */
export function logContainers(pod: Pod): string[] {
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].map((c) => c.name);
}

export function defaultContainer(pod: Pod): string | undefined {
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const names = logContainers(pod);
  return annotated && names.includes(annotated) ? annotated : pod.spec?.containers?.[0]?.name;
}

/** The object `:logs` names: `NAME` (a pod), or `TYPE/NAME` (`deploy/web`, `rs/web-…`, `pod/web-…`). */
export function logObjectOf(args: readonly string[]): { resource: 'pods' | 'deployments' | 'replicasets'; name: string } | { error: string } | undefined {
  const word = args[0];
  if (!word) return undefined;
  const slash = word.indexOf('/');
  if (slash < 0) return { resource: 'pods', name: word };
  const info = resolveResource(word.slice(0, slash));
  if (!info || !['pods', 'deployments', 'replicasets'].includes(info.name)) {
    return { error: `logs: cannot show the logs of "${word}": use a pod, deploy/NAME or rs/NAME` };
  }
  return { resource: info.name as 'pods' | 'deployments' | 'replicasets', name: word.slice(slash + 1) };
}

/** A list item may come without kind (live lists): a pod has containers, a Deployment a strategy. */
export function workloadKind(obj: KubeObject): string {
  if (obj.kind) return obj.kind;
  const spec = obj.spec as { containers?: unknown; strategy?: unknown } | undefined;
  return spec?.containers ? 'Pod' : spec?.strategy !== undefined ? 'Deployment' : 'ReplicaSet';
}

/** The pod to show for a pod, a Deployment or a ReplicaSet. */
export async function logSourceFor(backend: Backend, obj: KubeObject): Promise<LogSource> {
  const kind = workloadKind(obj);
  if (kind === 'Pod') return { pod: obj as Pod };
  const owner = obj as Deployment | ReplicaSet;
  const label = kindGroupName(kind === 'ReplicaSet' ? 'replicasets' : 'deployments', owner.metadata?.name ?? '');
  const selector = formatLabelSelector(owner.spec?.selector);
  if (selector === '<none>') return { note: `${label} selects no pods` };
  const { items } = await backend.list('pods', { namespace: owner.metadata?.namespace, labelSelector: selector });
  const pods = [...items].sort(byLogging);
  if (pods.length === 0) return { note: `no pods of ${label} yet` };
  return { pod: pods[0], note: pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0].metadata?.name}` : undefined };
}
