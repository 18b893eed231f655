// The dashboard's changes, each recorded in the journal with what undoes it: delete and kill keep
// the object's last manifest, scale the replicas before, restart and rollout undo the template
// before; edit and apply (recordChange) the object before.
import type { Backend } from '../../backends/contract/backend.js';
import { REVISION_ANNOTATION } from '../../backends/contract/deploymentUtil.js';
import { apiVersionOf, RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import type { Deployment, KubeObject, Service } from '../../backends/contract/types.js';
import { deleteObject, type DeleteObjectOptions } from './deleteObject.js';
import type { Journal, JournalAction, JournalTarget, UndoPlan } from './journal.js';
import { resourceManifest } from './resourceManifest.js';
import { restart } from './rolloutControl.js';
import { rolloutUndo, type UndoResult } from './rolloutUndo.js';
import { scale } from './scale.js';

function targetOf(resource: ResourceName, obj: KubeObject): JournalTarget {
  const m = obj.metadata ?? {};
  return { resource, namespace: RESOURCES[resource].namespaced ? m.namespace : undefined, name: m.name ?? '', uid: m.uid };
}

function revisionNumber(d: Deployment): number {
  return Number(d.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
}

/** The manifest that creates a deleted object again, or why there is none worth creating. */
export function deletePlan(resource: ResourceName, obj: KubeObject): UndoPlan {
  const m = obj.metadata ?? {};
  const owner = m.ownerReferences?.find((r) => r.controller);
  if (owner) {
    return { kind: 'impossible', reason: `its ${owner.kind} ${owner.name} replaces the ${RESOURCES[resource].singular}` };
  }
  if (resource === 'namespaces') {
    return { kind: 'impossible', reason: `deleting namespace ${m.name} deleted everything in it; the journal kept only the namespace itself` };
  }
  if (resource === 'services' && m.namespace === 'default' && m.name === 'kubernetes') {
    return { kind: 'impossible', reason: 'the API server creates the kubernetes Service again by itself' };
  }
  const manifest = resourceManifest(obj);
  manifest.apiVersion = obj.apiVersion ?? apiVersionOf(RESOURCES[resource]);
  manifest.kind = obj.kind ?? RESOURCES[resource].kind;
  if (resource === 'services') {
    // resourceManifest lets the server allocate again; the undo keeps the old address when free.
    const spec = (obj as Service).spec;
    if (spec?.clusterIP) manifest.spec = { ...(manifest.spec as object), clusterIP: spec.clusterIP, ...(spec.clusterIPs ? { clusterIPs: spec.clusterIPs } : {}) };
  }
  if (resource === 'deployments' && manifest.metadata?.annotations) {
    // The controller numbers the new Deployment's revisions from 1 again.
    delete manifest.metadata.annotations[REVISION_ANNOTATION];
  }
  return { kind: 'recreate', manifest };
}

/** ctrl-d / ctrl-k: reads the object, deletes it, records its manifest. */
export async function deleteAndRecord(
  b: Backend, journal: Journal, resource: ResourceName, ns: string | undefined, name: string, opts: DeleteObjectOptions = {},
): Promise<string> {
  const obj = await b.get(resource, RESOURCES[resource].namespaced ? ns : undefined, name);
  const line = await deleteObject(b, resource, ns, name, opts);
  const kill = resource === 'pods' && opts.gracePeriodSeconds === 0;
  journal.record({
    action: kill ? 'kill' : 'delete', target: targetOf(resource, obj),
    detail: kill ? undefined : opts.propagationPolicy ?? 'Background', undo: deletePlan(resource, obj),
  });
  return line;
}

export async function scaleAndRecord(
  b: Backend, journal: Journal, resource: 'deployments' | 'replicasets', ns: string, name: string, replicas: number,
): Promise<string> {
  const obj = await b.get(resource, ns, name);
  const before = obj.spec?.replicas ?? 1;
  const line = await scale(b, resource, ns, name, replicas);
  if (before !== replicas) {
    journal.record({ action: 'scale', target: targetOf(resource, obj), detail: `${before} → ${replicas} replicas`, undo: { kind: 'scale', replicas: before } });
  }
  return line;
}

function rollbackPlan(d: Deployment): UndoPlan {
  return { kind: 'rollback', template: structuredClone(d.spec?.template ?? {}), revision: revisionNumber(d) };
}

export async function restartAndRecord(b: Backend, journal: Journal, ns: string, name: string, now: number): Promise<string> {
  const d = await b.get('deployments', ns, name);
  const line = await restart(b, ns, name, now);
  journal.record({ action: 'restart', target: targetOf('deployments', d), detail: `from revision ${revisionNumber(d)}`, undo: rollbackPlan(d) });
  return line;
}

/** `u`: kubectl's rollout undo; a rollback that happened is recorded (a skipped one changed nothing). */
export async function rolloutUndoAndRecord(b: Backend, journal: Journal, ns: string, name: string, toRevision: number): Promise<UndoResult> {
  const d = await b.get('deployments', ns, name);
  const r = await rolloutUndo(b, ns, name, toRevision);
  if (r.message.endsWith(' rolled back')) {
    journal.record({
      action: 'rollout undo', target: targetOf('deployments', d),
      detail: `revision ${r.fromRevision} → ${r.toRevision}`, undo: rollbackPlan(d),
    });
  }
  return r;
}

/**
 * For changes made elsewhere in the dashboard (edit, apply): `before` is the object as read just
 * before the change (undefined when the change created it), `after` what the server returned.
 */
export function recordChange(journal: Journal, action: JournalAction, resource: ResourceName, before: KubeObject | undefined, after: KubeObject, detail?: string): void {
  const undo: UndoPlan = before ? { kind: 'restore', before: structuredClone(before) } : { kind: 'delete' };
  journal.record({ action, target: targetOf(resource, after), detail: detail ?? (before ? 'configured' : 'created'), undo });
}
