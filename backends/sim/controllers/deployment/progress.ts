// syncRolloutStatus (progress.go): status plus the Progressing condition — complete,
// progressing, or timed out after progressDeadlineSeconds without progress — and the timer
// that wakes the Deployment when its deadline passes.
import type { ReplicaSet } from '../../../contract/types.js';
import {
  NEW_RS_AVAILABLE, PROGRESSING, REPLICA_FAILURE, RS_UPDATED, TIMED_OUT, getCondition, newCondition, removeCondition,
  setCondition, type DeploymentCondition, type DeploymentStatus,
} from './conditions.js';
import { hasProgressDeadline, progressDeadlineSeconds } from './spec.js';
import { calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut } from './status.js';
import type { DeploymentSync } from './syncState.js';

function rsName(rs: ReplicaSet | undefined): string { return rs?.metadata?.name ?? ''; }

/** getReplicaFailures: the new set's ReplicaFailure condition, else any set's. */
function replicaFailures(allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const out: DeploymentCondition[] = [];
  const collect = (rs: ReplicaSet) => {
    for (const c of rs.status?.conditions ?? []) {
      if (c.type !== REPLICA_FAILURE) continue;
      out.push({ type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message });
    }
  };
  if (newRS) collect(newRS);
  if (out.length === 0) for (const rs of allRSs) collect(rs);
  return out;
}

const STATUS_COUNTS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'terminatingReplicas', 'collisionCount'] as const;
const CONDITION_FIELDS = ['type', 'status', 'lastUpdateTime', 'lastTransitionTime', 'reason', 'message'] as const;

/** reflect.DeepEqual of two statuses, field by field. */
export function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  for (const f of STATUS_COUNTS) if (a?.[f] !== b?.[f]) return false;
  const ca = a?.conditions ?? [], cb = b?.conditions ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    for (const f of CONDITION_FIELDS) if (ca[i][f] !== cb[i][f]) return false;
  }
  return true;
}

export function syncRolloutStatus(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const now = s.now();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);

  const current = getCondition(d.status, PROGRESSING);
  const isCompleteDeployment = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${rsName(newRS)}" has successfully progressed.` : `Deployment "${d.metadata?.name}" has successfully progressed.`;
      setCondition(status, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${rsName(newRS)}" is progressing.` : `Deployment "${d.metadata?.name}" is progressing.`;
      const cond = newCondition(PROGRESSING, 'True', RS_UPDATED, msg, now);
      // Progress refreshes lastUpdateTime even when the reason stays ReplicaSetUpdated.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = newRS ? `ReplicaSet "${rsName(newRS)}" has timed out progressing.` : `Deployment "${d.metadata?.name}" has timed out progressing.`;
      setCondition(status, newCondition(PROGRESSING, 'False', TIMED_OUT, msg, now));
    }
  }

  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(status, failures[0]);
  else removeCondition(status, REPLICA_FAILURE);

  if (sameStatus(d.status, status)) {
    requeueStuckDeployment(s, status);
    return;
  }
  d.status = status;
  s.updateStatus();
}

/**
 * requeueStuckDeployment: a rollout that shows no progress is looked at again just after its
 * deadline (lastUpdateTime + progressDeadlineSeconds + 1 s), so the timeout is reported on time.
 */
function requeueStuckDeployment(s: DeploymentSync, status: DeploymentStatus): void {
  const d = s.d;
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT) return;
  const lastUpdate = current.lastUpdateTime ? Date.parse(current.lastUpdateTime) : 0;
  const after = lastUpdate + progressDeadlineSeconds(d) * 1000 - s.now();
  // Under a second left: the real controller requeues rate-limited (5 ms, doubling).
  s.deps.requeueAfter(s.key, after < 1000 ? 5 : after + 1000);
}
