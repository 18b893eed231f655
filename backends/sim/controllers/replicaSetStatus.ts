// ReplicaSet status as calculateStatus (pkg/controller/replicaset/replica_set_utils.go)
// computes it from the ReplicaSet's active pods.
import { readyLongEnough } from '../../contract/podUtil.js';
import type { ReplicaSet } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import { hasTemplateLabels, type PodFacts } from './replicaSetPodFacts.js';

export type ReplicaSetStatus = NonNullable<ReplicaSet['status']>;
type Condition = NonNullable<ReplicaSetStatus['conditions']>[number];

/**
 * The new status, in the field order the API serializes it; zero counts are left out as Go's
 * `omitempty` leaves them out (only `replicas` is always present). `manageError` is the
 * error of this sync's creates or deletes: it sets the ReplicaFailure condition, and its
 * absence removes it.
 */
export function calculateStatus(rs: ReplicaSet, activePods: PodFacts[], manageError: Error | undefined, now: number): ReplicaSetStatus {
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels;
  const templateKey = JSON.stringify(templateLabels ?? {});
  let fullyLabeled = 0, ready = 0, available = 0;
  for (const pod of activePods) {
    if (hasTemplateLabels(pod, templateKey, templateLabels)) fullyLabeled++;
    if (pod.ready) {
      ready++;
      if (readyLongEnough(pod.readySince, minReadySeconds, now)) available++;
    }
  }
  let conditions: Condition[] = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = activePods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = { replicas: activePods.length };
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
