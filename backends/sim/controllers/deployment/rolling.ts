// The RollingUpdate strategy (rolling.go): each sync either grows the new ReplicaSet within
// maxSurge, or shrinks old ones within maxUnavailable, never both; then it reports status.
import { isStatusError } from '../../../contract/errors.js';
import type { ReplicaSet } from '../../../contract/types.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision, newRSNewReplicas } from './newReplicaSet.js';
import { syncRolloutStatus } from './progress.js';
import { activeReplicaSets, byCreationTimestamp, specReplicas, sumAvailableReplicas, sumSpecReplicas } from './replicaSets.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { desiredReplicas, maxUnavailable } from './spec.js';
import { deploymentComplete } from './status.js';
import type { DeploymentSync } from './syncState.js';

export function rolloutRolling(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(s, allRSs, newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, allRSs, newRS);
}

/** Scale the new set down to replicas, or up as far as maxSurge allows. */
function reconcileNewReplicaSet(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  const want = desiredReplicas(s.d);
  if (specReplicas(newRS) === want) return false;
  if (specReplicas(newRS) > want) return scaleReplicaSetAndRecordEvent(s, newRS, want).scaled;
  return scaleReplicaSetAndRecordEvent(s, newRS, newRSNewReplicas(s.d, allRSs, newRS)).scaled;
}

/** A failed scale-down only ends this step (rolling.go swallows the error and reports status). */
class InvalidScaleDown extends Error {}

function reconcileOldReplicaSets(s: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const newRSUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  try {
    const { oldRSs: cleaned, count: cleanedUp } = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
    const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...cleaned, newRS], cleaned);
    return cleanedUp + scaledDown > 0;
  } catch (e) {
    if (e instanceof InvalidScaleDown || isStatusError(e)) return false;
    throw e;
  }
}

/** Old sets with unavailable pods shrink first: removing those costs no availability. */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const rs = sorted[i];
    if (total >= maxCleanup) break;
    const replicas = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const count = Math.min(maxCleanup - total, replicas - available);
    const target = replicas - count;
    if (target > replicas) {
      throw new InvalidScaleDown(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${replicas} -> ${target}`);
    }
    sorted[i] = scaleReplicaSetAndRecordEvent(s, rs, target).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/** Shrink old sets, oldest first, by as many pods as are available beyond replicas − maxUnavailable. */
function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = sumAvailableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= toScaleDown) break;
    const replicas = specReplicas(rs);
    if (replicas === 0) continue;
    const count = Math.min(replicas, toScaleDown - total);
    scaleReplicaSetAndRecordEvent(s, rs, replicas - count);
    total += count;
  }
  return total;
}
