// cleanupDeployment (sync.go): keep at most revisionHistoryLimit old ReplicaSets, deleting the
// lowest revisions first, and only those fully scaled down and observed by their controller.
import type { ReplicaSet } from '../../../contract/types.js';
import { byRevision, specReplicas } from './replicaSets.js';
import { hasRevisionHistoryLimit, revisionHistoryLimit } from './spec.js';
import type { DeploymentSync } from './syncState.js';

export function cleanupDeployment(s: DeploymentSync, oldRSs: ReplicaSet[]): void {
  if (!hasRevisionHistoryLimit(s.d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - revisionHistoryLimit(s.d);
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
    if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    s.deleteReplicaSet(rs);
  }
}
