// The Recreate strategy (recreate.go): scale every old ReplicaSet to 0, wait until none of
// their pods is left (terminating ones included), and only then create the new set at full size.
import type { ReplicaSet } from '../../../contract/types.js';
import { selectorMatches } from '../../../contract/selectors.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js';
import { syncRolloutStatus } from './progress.js';
import { activeReplicaSets, sumStatusReplicas } from './replicaSets.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { desiredReplicas } from './spec.js';
import { deploymentComplete } from './status.js';
import type { DeploymentSync } from './syncState.js';

export function rolloutRecreate(s: DeploymentSync): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, false);
  let allRSs: Array<ReplicaSet | undefined> = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (scaleReplicaSetAndRecordEvent(s, rs, 0).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(s, defined(allRSs), newRS);

  if (oldPodsRunning(s, newRS, oldRSs)) return syncRolloutStatus(s, defined(allRSs), newRS);

  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) scaleReplicaSetAndRecordEvent(s, newRS, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, oldRSs);
  syncRolloutStatus(s, defined(allRSs), newRS);
}

function defined(rss: Array<ReplicaSet | undefined>): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined);
}

/** Any old pod not Succeeded or Failed, terminating ones included, holds the new set back. */
function oldPodsRunning(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumStatusReplicas(oldRSs) > 0) return true;
  const selector = s.d.spec?.selector;
  for (const rs of s.rsList) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
    for (const pod of s.podsOf(rs)) {
      if (!selectorMatches(selector, pod.metadata?.labels)) continue;
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
