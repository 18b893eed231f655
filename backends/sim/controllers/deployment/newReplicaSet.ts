// getAllReplicaSetsAndSyncRevision / getNewReplicaSet (sync.go): find or create the
// Deployment's new ReplicaSet, keep its annotations and revision in step with the Deployment,
// and copy its revision back onto the Deployment.
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from '../../../contract/deploymentUtil.js';
import { isStatusError } from '../../../contract/errors.js';
import type { Deployment, LabelSelector, OwnerReference, PodTemplateSpec, ReplicaSet } from '../../../contract/types.js';
import { controllerOf } from '../informer.js';
import { setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations.js';
import {
  FAILED_RS_CREATE, FOUND_NEW_RS, NEW_RS_CREATED, PROGRESSING, getCondition, newCondition, setCondition,
} from './conditions.js';
import { computeHash } from './podTemplateHash.js';
import { maxRevision, specReplicas, sumSpecReplicas } from './replicaSets.js';
import { desiredReplicas, hasProgressDeadline, isRollingUpdate, maxSurge, minReadySeconds } from './spec.js';
import type { DeploymentSync } from './syncState.js';
import { splitNewAndOld } from './templates.js';

export interface ReplicaSetsOfDeployment {
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
}

export function getAllReplicaSetsAndSyncRevision(s: DeploymentSync, createIfNotExisted: boolean): ReplicaSetsOfDeployment {
  const { newRS: existing, oldRSs } = splitNewAndOld(s.deps.templates, s.d, s.rsList);
  const newRS = getNewReplicaSet(s, existing, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/** NewRSNewReplicas: how far the new set may grow now (Recreate: straight to replicas). */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = sumSpecReplicas(allRSs);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, desired - specReplicas(newRS));
}

function setMinReadySeconds(rs: ReplicaSet, seconds: number): void {
  const spec = (rs.spec ??= { selector: {} });
  if (seconds) spec.minReadySeconds = seconds;
  else delete spec.minReadySeconds; // omitempty
}

function syncExisting(s: DeploymentSync, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const d = s.d;
  // Work on a copy of the annotations alone: the whole set is copied only when it must be written.
  const probe: ReplicaSet = { metadata: { annotations: { ...existing.metadata?.annotations } } };
  const annotationsUpdated = setNewReplicaSetAnnotations(d, probe, newRevision, true);
  if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReadySeconds(d)) {
    const rsCopy = structuredClone(existing);
    rsCopy.metadata!.annotations = probe.metadata!.annotations;
    setMinReadySeconds(rsCopy, minReadySeconds(d));
    return s.updateReplicaSet(rsCopy);
  }
  let needsUpdate = setDeploymentRevision(d, probe.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
    const msg = `Found new replica set "${existing.metadata?.name}"`;
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', FOUND_NEW_RS, msg, s.now()));
    needsUpdate = true;
  }
  if (needsUpdate) s.updateStatus();
  return existing;
}

function controllerRef(d: Deployment): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata?.name ?? '', uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

function selectorWithHash(sel: LabelSelector | undefined, hash: string): LabelSelector {
  const copy = structuredClone(sel ?? {});
  copy.matchLabels = { ...copy.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  return copy;
}

function replicaSetFor(d: Deployment, hash: string): ReplicaSet {
  const template: PodTemplateSpec = structuredClone(d.spec?.template ?? {});
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: `${d.metadata?.name}-${hash}`, namespace: d.metadata?.namespace, ownerReferences: [controllerRef(d)], labels: { ...labels } },
    spec: { replicas: 0, selector: selectorWithHash(d.spec?.selector, hash), template },
  };
  setMinReadySeconds(rs, minReadySeconds(d));
  return rs;
}

/** HasStatusCause(err, NamespaceTerminatingCause), or the NamespaceLifecycle message that says so. */
function isNamespaceTerminating(e: unknown): boolean {
  if (!isStatusError(e)) return false;
  return !!e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')
    || (e.reason === 'Forbidden' && e.message.includes('because it is being terminated'));
}

function createNew(s: DeploymentSync, oldRSs: ReplicaSet[], newRevision: number): ReplicaSet {
  const d = s.d;
  const rs = replicaSetFor(d, computeHash(d.spec?.template, d.status?.collisionCount));
  const newReplicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec!.replicas = newReplicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  const name = rs.metadata!.name!;

  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = s.createReplicaSet(rs);
  } catch (e) {
    if (isStatusError(e, 'AlreadyExists')) {
      const found = (s.deps.replicaSets.get(s.namespace, name) ?? s.deps.api.tryGet('replicasets', s.namespace, name)) as ReplicaSet | undefined;
      if (!found) throw e;
      if (controllerOf(found)?.uid === d.metadata?.uid && s.deps.templates.same(d, found)) {
        created = found;
        alreadyExisted = true;
      } else {
        // A hash collision: count it, so that the next sync hashes the template differently.
        (d.status ??= {}).collisionCount = (d.status.collisionCount ?? 0) + 1;
        s.updateStatus();
        throw e;
      }
    } else if (isNamespaceTerminating(e)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${name}": ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(d)) {
        setCondition((d.status ??= {}), newCondition(PROGRESSING, 'False', FAILED_RS_CREATE, msg, s.now()));
        try { s.updateStatus(); } catch { /* the create failure is the error to report */ }
      }
      s.event('Warning', FAILED_RS_CREATE, msg);
      throw e;
    }
  }
  if (!alreadyExisted && newReplicas > 0) {
    s.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${newReplicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExisted && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${created.metadata?.name}"`;
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', NEW_RS_CREATED, msg, s.now()));
    needsUpdate = true;
  }
  if (needsUpdate) s.updateStatus();
  return created;
}

function getNewReplicaSet(s: DeploymentSync, existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) return syncExisting(s, existing, newRevision);
  if (!create) return undefined;
  return createNew(s, oldRSs, newRevision);
}
