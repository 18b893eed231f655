// ReplicaSet status as calculateStatus (pkg/controller/replicaset/replica_set_utils.go)
// computes it from the ReplicaSet's active pods.
import { readyLongEnough } from '../../contract/podUtil.js';
import type { ReplicaSet } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import type { PodFacts } from './replicaSetPodFacts.js';

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
type Condition = NonNullable<ReplicaSetStatus['conditions']>[number];

/** The ReplicaSet's active pods: all, carrying the template labels, Ready, available. */
export interface PodCounts { replicas: number; fullyLabeled: number; ready: number; available: number }

/** How many of the pods are available (Ready for minReadySeconds) now. */
export function countAvailable(pods: Iterable<PodFacts>, minReadySeconds: number, now: number): number {
  let n = 0;
  for (const p of pods) if (p.ready && readyLongEnough(p.readySince, minReadySeconds, now)) n++;
  return n;
}

/**
 * The new status, in the field order the API serializes it; zero counts are left out as Go's
 * `omitempty` leaves them out (only `replicas` is always present). `manageError` is the
 * error of this sync's creates or deletes: it sets the ReplicaFailure condition, and its
 * absence removes it.
 */
export function calculateStatus(rs: ReplicaSet, counts: PodCounts, manageError: Error | undefined, now: number): ReplicaSetStatus {
  const { replicas, fullyLabeled, ready, available } = counts;
  let conditions: Condition[] = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = replicas - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = { replicas };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  // Written together with the counts: the generation this sync acted on.
  if (rs.metadata?.generation) status.observedGeneration = rs.metadata.generation;
  if (conditions.length) status.conditions = conditions;
  return status;
}

/** updateReplicaSetStatus's steady-state test: nothing to write. */
export function statusUnchanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return (cur.replicas ?? 0) === next.replicas
    && (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0)
    && (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0)
    && (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0)
    && (next.observedGeneration ?? 0) === (cur.observedGeneration ?? 0)
    && JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? []);
}

/**
 * When the next ready pod reaches minReadySeconds (ms from now), so the controller can sync
 * again then and count it available; undefined when no pod is waiting for that.
 */
export function nextAvailableIn(rs: ReplicaSet, activePods: PodFacts[], now: number): number | undefined {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  if (!minReadySeconds) return undefined;
  let next: number | undefined;
  for (const pod of activePods) {
    if (!pod.ready || pod.readySince === undefined || readyLongEnough(pod.readySince, minReadySeconds, now)) continue;
    // Available once lastTransitionTime + minReadySeconds is strictly before now.
    const wait = Math.max(1, pod.readySince + minReadySeconds * 1000 + 1 - now);
    if (next === undefined || wait < next) next = wait;
  }
  return next;
}
