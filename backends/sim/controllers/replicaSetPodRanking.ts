// Which pods a ReplicaSet deletes first when it scales down: controller.ActivePodsWithRanks
// (pkg/controller/controller_utils.go) with PodDeletionCost and LogarithmicScaleDown on, as
// they are by default. The first pods of the sorted list are the ones deleted.
import { isPodActive, isPodReady, podCondition } from '../../contract/podUtil.js';
import type { Pod } from '../../contract/types.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when missing or invalid. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** The time the Ready condition became True, in ms; 0 ("zero time") when not ready. */
function readyTime(pod: Pod): number {
  if (!isPodReady(pod)) return 0;
  const t = podCondition(pod, 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : 0;
}

function creationTime(pod: Pod): number {
  const t = pod.metadata?.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

/** Highest restartCount of the regular containers, and of the restartable (sidecar) init containers. */
function maxRestarts(pod: Pod): [number, number] {
  let regular = 0;
  let sidecar = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const c of pod.status?.initContainerStatuses ?? []) {
    if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  }
  return [regular, sidecar];
}

/** afterOrZero: a zero time sorts first, otherwise the later time does. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** floor(log2(age in ns)) of each time; -1 for a time not in the past. */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const bucket = (t: number) => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return bucket(t1) - bucket(t2);
}

function uidLess(a: Pod, b: Pod): boolean {
  return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
}

/** Compares two timestamps the LogarithmicScaleDown way: newer bucket first, UID breaks ties. */
function timeLess(a: Pod, b: Pod, ta: number, tb: number, now: number): boolean {
  if (ta === 0 || tb === 0) return afterOrZero(ta, tb);
  const diff = logarithmicRankDiff(ta, tb, now);
  return diff === 0 ? uidLess(a, b) : diff < 0;
}

interface Ranked { pod: Pod; rank: number }

/** ActivePodsWithRanks.Less: true when a should be deleted before b. */
function less(a: Ranked, b: Ranked, now: number): boolean {
  const pa = a.pod, pb = b.pod;
  const na = pa.spec?.nodeName ?? '', nb = pb.spec?.nodeName ?? '';
  // 1. Unassigned before assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0, ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  // 3. Not ready before ready.
  const ra = isPodReady(pa), rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost first.
  const ca = deletionCost(pa), cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  // 5. More co-located siblings first.
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Ready for less time first.
  if (ra && rb) {
    const ta = readyTime(pa), tb = readyTime(pb);
    if (ta !== tb) return timeLess(pa, pb, ta, tb, now);
  }
  // 7. More container restarts first.
  const [ga, sa] = maxRestarts(pa), [gb, sb] = maxRestarts(pb);
  if (ga !== gb) return ga > gb;
  if (sa !== sb) return sa > sb;
  // 8. Newer pods first.
  const ka = creationTime(pa), kb = creationTime(pb);
  if (ka !== kb) return timeLess(pa, pb, ka, kb, now);
  return false;
}

/**
 * getPodsToDelete: the `count` pods to delete among `candidates`, ranked by how many active
 * `related` pods (the pods of every ReplicaSet of the same controller) share their node.
 */
export function podsToDelete(candidates: Pod[], related: Pod[], count: number, now: number): Pod[] {
  if (count >= candidates.length) return candidates.slice(0, count);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: Ranked[] = candidates.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
