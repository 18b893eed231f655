// The annotations the deployment controller keeps on its ReplicaSets and on the Deployment
// (deployment_util.go SetNewReplicaSetAnnotations, SetReplicasAnnotations, SetDeploymentRevision).
import {
  DEPLOYMENT_ONLY_ANNOTATIONS, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
} from '../../../contract/deploymentUtil.js';
import type { Deployment, ReplicaSet } from '../../../contract/types.js';
import { desiredReplicas, maxSurge } from './spec.js';

/** maxRevHistoryLengthInChars: revision-history is trimmed from the front to stay within it. */
export const MAX_REVISION_HISTORY_CHARS = 2000;

function annotationsOf(obj: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  const meta = (obj.metadata ??= {});
  return (meta.annotations ??= {});
}

/** copyDeploymentAnnotationsToReplicaSet: every Deployment annotation but the Deployment-only ones. */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (DEPLOYMENT_ONLY_ANNOTATIONS.includes(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) { a[DESIRED_REPLICAS_ANNOTATION] = String(desired); changed = true; }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) { a[MAX_REPLICAS_ANNOTATION] = String(max); changed = true; }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** The desired and max replicas a Deployment writes onto its sets: replicas and replicas + surge. */
export function replicasAnnotationValues(d: Deployment): { desired: number; max: number } {
  const desired = desiredReplicas(d);
  return { desired, max: desired + maxSurge(d) };
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to
 * `newRevision` when it is higher (remembering the old one in revision-history: that is how an
 * undone revision "moves"), and for a set about to be created add the replicas annotations.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const hadRevision = REVISION_ANNOTATION in a;
  const oldRevision = a[REVISION_ANNOTATION] ?? '';
  let oldRevisionInt = 0;
  if (oldRevision !== '') {
    if (!/^-?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  if (oldRevisionInt < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (hadRevision) appendRevisionHistory(a, oldRevision);
  }
  if (!exists) {
    const { desired, max } = replicasAnnotationValues(d);
    if (setReplicasAnnotations(rs, desired, max)) changed = true;
  }
  return changed;
}

function appendRevisionHistory(a: Record<string, string>, oldRevision: string): void {
  const history = a[REVISION_HISTORY_ANNOTATION] ?? '';
  if (history === '') { a[REVISION_HISTORY_ANNOTATION] = oldRevision; return; }
  const old = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < old.length) {
    total -= old[start].length + 1;
    start++;
  }
  if (total <= MAX_REVISION_HISTORY_CHARS) a[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision].join(',');
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

/** Reads desired-replicas; undefined when missing or unparsable (GetDesiredReplicasAnnotation). */
export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}
