// DeploymentStatus from the ReplicaSets (sync.go calculateStatus) and the three questions the
// progress check asks of it (deployment_util.go DeploymentComplete, DeploymentProgressing,
// DeploymentTimedOut).
import type { Deployment, ReplicaSet } from '../../../contract/types.js';
import {
  AVAILABLE, MINIMUM_REPLICAS_AVAILABLE, MINIMUM_REPLICAS_UNAVAILABLE, NEW_RS_AVAILABLE, PROGRESSING, TIMED_OUT,
  getCondition, newCondition, setCondition, type DeploymentStatus,
} from './conditions.js';
import { sumAvailableReplicas, sumReadyReplicas, sumSpecReplicas, sumStatusReplicas } from './replicaSets.js';
import { desiredReplicas, hasProgressDeadline, maxUnavailable, progressDeadlineSeconds } from './spec.js';

/** Integer status fields are `omitempty` on the wire: a zero is left out. */
function nonZero(status: DeploymentStatus, field: 'observedGeneration' | 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas' | 'unavailableReplicas', value: number): void {
  if (value !== 0) status[field] = value;
}

export function calculateStatus(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const rss = allRSs.filter((rs): rs is ReplicaSet => rs !== undefined);
  const available = sumAvailableReplicas(rss);
  const unavailable = Math.max(0, sumSpecReplicas(rss) - available);
  const status: DeploymentStatus = {};
  nonZero(status, 'observedGeneration', d.metadata?.generation ?? 0);
  nonZero(status, 'replicas', sumStatusReplicas(rss));
  nonZero(status, 'updatedReplicas', newRS ? sumStatusReplicas([newRS]) : 0);
  nonZero(status, 'readyReplicas', sumReadyReplicas(rss));
  nonZero(status, 'availableReplicas', available);
  nonZero(status, 'unavailableReplicas', unavailable);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const conditions = (d.status?.conditions ?? []).map((c) => ({ ...c }));
  if (conditions.length) status.conditions = conditions;
  // Available: at least replicas − maxUnavailable pods available.
  if ((status.availableReplicas ?? 0) >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** Every pod updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const want = desiredReplicas(d);
  return (status?.updatedReplicas ?? 0) === want && (status?.replicas ?? 0) === want
    && (status?.availableReplicas ?? 0) === want && (status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** Progress since the last status: more updated, fewer old, more ready or more available pods. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** No progress reported for progressDeadlineSeconds since the Progressing condition's lastUpdateTime. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(status, PROGRESSING);
  if (!cond) return false;
  if (cond.reason === NEW_RS_AVAILABLE) return false;
  if (cond.reason === TIMED_OUT) return true;
  const from = cond.lastUpdateTime ? Date.parse(cond.lastUpdateTime) : 0;
  return from + progressDeadlineSeconds(d) * 1000 < now;
}
