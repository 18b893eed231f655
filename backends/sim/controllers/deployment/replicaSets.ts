// ReplicaSet arithmetic and orderings the deployment controller uses (controller_utils.go,
// deployment_util.go): sums over sets, the active filter, and the sort orders.
import { revisionOf } from '../../../contract/deploymentUtil.js';
import type { ReplicaSet } from '../../../contract/types.js';

export function specReplicas(rs: ReplicaSet): number { return rs.spec?.replicas ?? 1; }

/** GetReplicaCountForReplicaSets: Σ spec.replicas. */
export function sumSpecReplicas(rss: ReplicaSet[]): number {
  let n = 0;
  for (const rs of rss) n += specReplicas(rs);
  return n;
}

/** GetActualReplicaCountForReplicaSets: Σ status.replicas. */
export function sumStatusReplicas(rss: ReplicaSet[]): number {
  let n = 0;
  for (const rs of rss) n += rs.status?.replicas ?? 0;
  return n;
}

export function sumReadyReplicas(rss: ReplicaSet[]): number {
  let n = 0;
  for (const rs of rss) n += rs.status?.readyReplicas ?? 0;
  return n;
}

export function sumAvailableReplicas(rss: ReplicaSet[]): number {
  let n = 0;
  for (const rs of rss) n += rs.status?.availableReplicas ?? 0;
  return n;
}

/** FilterActiveReplicaSets: the sets asked to run at least one pod. */
export function activeReplicaSets(rss: ReplicaSet[]): ReplicaSet[] {
  return rss.filter((rs) => specReplicas(rs) > 0);
}

function created(rs: ReplicaSet): string { return rs.metadata?.creationTimestamp ?? ''; }
function name(rs: ReplicaSet): string { return rs.metadata?.name ?? ''; }

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  if (created(a) !== created(b)) return created(a) < created(b) ? -1 : 1;
  return name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, ties oldest first (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) !== specReplicas(b)) return specReplicas(b) - specReplicas(a);
  return byCreationTimestamp(a, b);
}

/** ReplicaSetsBySizeNewer: larger first, ties newest first (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) !== specReplicas(b)) return specReplicas(b) - specReplicas(a);
  return byCreationTimestamp(b, a);
}

/** ReplicaSetsByRevision: lowest revision first; unparsable or equal revisions by creation time. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a), rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** MaxRevision: the highest parsable revision (0 when none). */
export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v > max) max = v;
  }
  return max;
}

/** LastRevision: the second-highest revision, the one a legacy rollback returns to. */
export function lastRevision(rss: ReplicaSet[]): number {
  let max = 0, second = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (v >= max) { second = max; max = v; } else if (v > second) second = v;
  }
  return second;
}
