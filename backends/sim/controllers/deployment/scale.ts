// Resizing ReplicaSets (sync.go scaleReplicaSet, scaleReplicaSetAndRecordEvent) and the
// proportional scaling of a Deployment whose replicas changed mid-rollout or while paused (scale).
import type { Deployment, ReplicaSet } from '../../../contract/types.js';
import {
  desiredReplicasAnnotation, maxReplicasAnnotation, replicasAnnotationValues, replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
} from './annotations.js';
import { activeReplicaSets, byCreationTimestamp, bySizeNewer, bySizeOlder, specReplicas, sumSpecReplicas } from './replicaSets.js';
import { desiredReplicas, isRollingUpdate, maxSurge } from './spec.js';
import type { DeploymentSync } from './syncState.js';

export interface ScaleResult { scaled: boolean; rs: ReplicaSet }

/**
 * Writes the new size (and the desired/max-replicas annotations) and records
 * `Scaled <up|down> replica set <rs> from <old> to <new>` when the size changed.
 */
export function scaleReplicaSet(s: DeploymentSync, rs: ReplicaSet, newScale: number, operation: string): ScaleResult {
  const sizeNeedsUpdate = specReplicas(rs) !== newScale;
  const { desired, max } = replicasAnnotationValues(s.d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = specReplicas(rs);
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, desired, max);
  const updated = s.updateReplicaSet(copy);
  if (sizeNeedsUpdate) {
    s.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata?.name} from ${oldScale} to ${newScale}`);
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}

export function scaleReplicaSetAndRecordEvent(s: DeploymentSync, rs: ReplicaSet, newScale: number): ScaleResult {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
}

/** FindActiveOrLatest: the only active set, the newest set when none is active, else nothing. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = activeReplicaSets(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** IsSaturated: the new set is at full size, annotated so, and every pod is available. */
function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const want = desiredReplicas(d);
  return specReplicas(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** getReplicaSetFraction: this set's share of the new size, from the max-replicas it was sized for. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const want = desiredReplicas(d);
  if (want === 0) return -specReplicas(rs);
  const maxNow = want + maxSurge(d);
  let maxBefore = maxReplicasAnnotation(rs) ?? 0;
  if (maxBefore === 0) {
    maxBefore = d.status?.replicas ?? 0;
    if (maxBefore === 0) maxBefore = maxNow;
  }
  // math.Round: halves away from zero (the values here are never negative).
  return Math.round((specReplicas(rs) * maxNow) / maxBefore) - specReplicas(rs);
}

/** GetProportion: the fraction, clamped so the sets never take more than is left to add or remove. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** sync.go scale(): bring the sum of the sets to replicas (+ surge), in proportion to their sizes. */
export function scale(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = s.d;
  const want = desiredReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (specReplicas(activeOrLatest) !== want) scaleReplicaSetAndRecordEvent(s, activeOrLatest, want);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(s, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets(newRS ? [...oldRSs, newRS] : oldRSs);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - sumSpecReplicas(all);
  let operation = '';
  if (toAdd > 0) { all.sort(bySizeNewer); operation = 'up'; }
  if (toAdd < 0) { all.sort(bySizeOlder); operation = 'down'; }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  // Whatever rounding left over goes to (or comes from) the largest set.
  if (toAdd !== 0 && all.length > 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  all.forEach((rs, i) => scaleReplicaSet(s, rs, sizes[i], operation));
}
