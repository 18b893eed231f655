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

/** floor(log2(age in ns)); -1 for a time not in the past. */
function logBucket(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** What the ranking compares of a pod, read once per pod version (a rollout ranks the same pods again and again). */
interface PodKeys {
  pod: Pod;
  uid: string;
  unassigned: boolean;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number;
  restarts: number;
  sidecarRestarts: number;
  created: number;
}

const keysOfPod = new WeakMap<Pod, PodKeys>();

function podKeys(pod: Pod): PodKeys {
  let k = keysOfPod.get(pod);
  if (!k) {
    const [restarts, sidecarRestarts] = maxRestarts(pod);
    const node = pod.spec?.nodeName ?? '';
    k = {
      pod, uid: pod.metadata?.uid ?? '', unassigned: node === '', node,
      phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0, ready: isPodReady(pod), cost: deletionCost(pod),
      readyTime: readyTime(pod), restarts, sidecarRestarts, created: creationTime(pod),
    };
    keysOfPod.set(pod, k);
  }
  return k;
}

/** A candidate: its keys and how many active related pods share its node. */
interface Ranked { k: PodKeys; rank: number }

/** Compares two timestamps the LogarithmicScaleDown way: newer bucket first, UID breaks ties. */
function timeLess(a: PodKeys, b: PodKeys, ta: number, tb: number, now: number): boolean {
  if (ta === 0 || tb === 0) return afterOrZero(ta, tb);
  const bucketA = logBucket(ta, now), bucketB = logBucket(tb, now);
  return bucketA === bucketB ? a.uid < b.uid : bucketA < bucketB;
}

/** ActivePodsWithRanks.Less: true when a should be deleted before b. */
function less(ra: Ranked, rb: Ranked, now: number): boolean {
  const a = ra.k, b = rb.k;
  // 1. Unassigned before assigned.
  if (a.node !== b.node && (a.unassigned || b.unassigned)) return a.unassigned;
  // 2. Pending < Unknown < Running.
  if (a.phase !== b.phase) return a.phase < b.phase;
  // 3. Not ready before ready.
  if (a.ready !== b.ready) return !a.ready;
  // 4. Lower pod-deletion-cost first.
  if (a.cost !== b.cost) return a.cost < b.cost;
  // 5. More co-located siblings first.
  if (ra.rank !== rb.rank) return ra.rank > rb.rank;
  // 6. Ready for less time first.
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return timeLess(a, b, a.readyTime, b.readyTime, now);
  // 7. More container restarts first.
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.sidecarRestarts !== b.sidecarRestarts) return a.sidecarRestarts > b.sidecarRestarts;
  // 8. Newer pods first.
  if (a.created !== b.created) return timeLess(a, b, a.created, b.created, now);
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
  const pods = candidates.map((pod): Ranked => ({ k: podKeys(pod), rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  return firstInOrder(pods, count, now).map((r) => r.k.pod);
}

/**
 * The first `count` pods of a stable sort by `less`, without sorting them all: a scale-down
 * step usually deletes a few pods out of hundreds.
 */
function firstInOrder(pods: Ranked[], count: number, now: number): Ranked[] {
  const top: Ranked[] = [];
  for (const p of pods) {
    if (top.length === count && !less(p, top[count - 1], now)) continue;
    // After every pod it does not sort before, so equal pods keep their order.
    let lo = 0, hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (less(p, top[mid], now)) hi = mid; else lo = mid + 1;
    }
    top.splice(lo, 0, p);
    if (top.length > count) top.pop();
  }
  return top;
}
