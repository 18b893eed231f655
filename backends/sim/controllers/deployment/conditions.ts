// Deployment conditions (deployment_util.go): the reasons the controller writes, and
// SetDeploymentCondition's rule of replacing a condition by appending the new one.
import type { Deployment } from '../../../contract/types.js';
import { rfc3339 } from '../../clock.js';

export type DeploymentStatus = NonNullable<Deployment['status']>;
export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions; // omitempty
}

/**
 * SetDeploymentCondition: nothing changes when status and reason are the same; otherwise the old
 * condition of that type is removed and the new one appended, keeping lastTransitionTime when
 * only the reason changed.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}
