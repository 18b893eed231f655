// syncDeployment (deployment_controller.go) and its simpler paths (sync.go): status only for a
// Deployment being deleted, scaling and cleanup only while paused or on a scaling event, else
// a rollout with the Deployment's strategy.
import type { Deployment, ReplicaSet } from '../../../contract/types.js';
import { claimReplicaSets } from './claim.js';
import { cleanupDeployment } from './cleanup.js';
import { PAUSED, PROGRESSING, RESUMED, TIMED_OUT, getCondition, newCondition, setCondition } from './conditions.js';
import { desiredReplicasAnnotation } from './annotations.js';
import { getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js';
import { sameStatus } from './progress.js';
import { rolloutRecreate } from './recreate.js';
import { activeReplicaSets } from './replicaSets.js';
import { rollback, rollbackTo } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { scale } from './scale.js';
import { desiredReplicas, hasProgressDeadline, isPaused, strategyType } from './spec.js';
import { calculateStatus } from './status.js';
import { DeploymentSync, type DeploymentControllerDeps } from './syncState.js';

function selectsEverything(d: Deployment): boolean {
  const sel = d.spec?.selector;
  return !!sel && sel.matchLabels === undefined && sel.matchExpressions === undefined;
}

/** syncDeploymentStatus: write the computed status when it differs. */
function syncDeploymentStatus(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const status = calculateStatus(allRSs, newRS, s.d, s.now());
  if (sameStatus(s.d.status, status)) return;
  s.d.status = status;
  s.updateStatus();
}

function withNew(oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): ReplicaSet[] {
  return newRS ? [...oldRSs, newRS] : oldRSs;
}

function syncStatusOnly(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  syncDeploymentStatus(s, withNew(oldRSs, newRS), newRS);
}

/** sync(): proportional scaling, and history cleanup while paused. */
function syncScaling(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  scale(s, newRS, oldRSs);
  if (isPaused(s.d) && rollbackTo(s.d) === undefined) cleanupDeployment(s, oldRSs);
  syncDeploymentStatus(s, withNew(oldRSs, newRS), newRS);
}

/** checkPausedConditions: Progressing Unknown while paused, so a pause never counts as lack of progress. */
function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === TIMED_OUT) return;
  const pausedCondExists = cond?.reason === PAUSED;
  if (isPaused(d) && !pausedCondExists) {
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'Unknown', PAUSED, 'Deployment is paused', s.now()));
  } else if (!isPaused(d) && pausedCondExists) {
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'Unknown', RESUMED, 'Deployment is resumed', s.now()));
  } else {
    return;
  }
  s.updateStatus();
}

/** isScalingEvent: an active set annotated with a different desired-replicas than spec.replicas. */
function isScalingEvent(s: DeploymentSync): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  const want = desiredReplicas(s.d);
  for (const rs of activeReplicaSets(withNew(oldRSs, newRS))) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== want) return true;
  }
  return false;
}

export function syncDeployment(deps: DeploymentControllerDeps, cached: Deployment): void {
  const s = new DeploymentSync(deps, cached);
  const d = s.d;
  if (selectsEverything(d)) {
    s.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      (d.status ??= {}).observedGeneration = d.metadata?.generation;
      s.updateStatus();
    }
    return;
  }
  s.rsList = claimReplicaSets(s);
  if (d.metadata?.deletionTimestamp) return syncStatusOnly(s);
  checkPausedConditions(s);
  if (isPaused(d)) return syncScaling(s);
  if (rollbackTo(d) !== undefined) return rollback(s);
  if (isScalingEvent(s)) return syncScaling(s);
  switch (strategyType(d)) {
    case 'Recreate': return rolloutRecreate(s);
    case 'RollingUpdate': return rolloutRolling(s);
    default: throw new Error(`unexpected deployment strategy type: ${strategyType(d)}`);
  }
}
