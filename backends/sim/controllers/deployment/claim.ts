// getReplicaSetsForDeployment (deployment_controller.go, ControllerRefManager.ClaimReplicaSets):
// the Deployment's ReplicaSets, adopting orphans its selector matches and releasing owned sets
// whose labels no longer match.
import { isStatusError } from '../../../contract/errors.js';
import { selectorMatches } from '../../../contract/selectors.js';
import type { Deployment, KubeObject, ReplicaSet } from '../../../contract/types.js';
import { controllerOf } from '../informer.js';
import type { DeploymentSync } from './syncState.js';

/** RecheckDeletionTimestamp: adopt only for a live, current Deployment (a fresh read, not the cache). */
function canAdopt(s: DeploymentSync): boolean {
  const fresh = s.deps.api.tryGet('deployments', s.namespace, s.d.metadata?.name ?? '') as Deployment | undefined;
  return !!fresh && fresh.metadata?.uid === s.d.metadata?.uid && !fresh.metadata?.deletionTimestamp;
}

function adopt(s: DeploymentSync, rs: ReplicaSet): ReplicaSet | undefined {
  if (!canAdopt(s)) return undefined;
  const d = s.d;
  const copy = structuredClone(rs);
  copy.metadata!.ownerReferences = [
    ...(copy.metadata!.ownerReferences ?? []),
    { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata?.name ?? '', uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true },
  ];
  try {
    return s.deps.api.update('replicasets', copy as KubeObject) as ReplicaSet;
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return undefined;
    throw e;
  }
}

function release(s: DeploymentSync, rs: ReplicaSet): void {
  const copy = structuredClone(rs);
  copy.metadata!.ownerReferences = (copy.metadata!.ownerReferences ?? []).filter((r) => r.uid !== s.d.metadata?.uid);
  try {
    s.deps.api.update('replicasets', copy as KubeObject);
  } catch (e) {
    if (!isStatusError(e, 'NotFound')) throw e;
  }
}

export function claimReplicaSets(s: DeploymentSync): ReplicaSet[] {
  const d = s.d;
  const uid = d.metadata?.uid ?? '';
  const deleting = !!d.metadata?.deletionTimestamp;
  const claimed: ReplicaSet[] = [];
  for (const rs of s.deps.replicaSets.ownedBy(uid)) {
    if (rs.metadata?.namespace !== s.namespace) continue;
    if (selectorMatches(d.spec?.selector, rs.metadata?.labels)) claimed.push(rs);
    else if (!deleting) release(s, rs);
  }
  if (deleting) return claimed;
  for (const rs of s.deps.orphanReplicaSets(s.namespace)) {
    if (controllerOf(rs) || rs.metadata?.deletionTimestamp) continue;
    if (!selectorMatches(d.spec?.selector, rs.metadata?.labels)) continue;
    const adopted = adopt(s, rs);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}
