// `kubectl rollout undo` (kubectl pkg/polymorphichelpers/rollback.go DeploymentRollbacker): a
// client-side rollback. It copies a ReplicaSet's template back onto the Deployment with one JSON
// patch; the deployment controller then treats that ReplicaSet as new and gives it a new revision.
import type { Backend } from '../../backends/contract/backend.js';
import {
  DEPLOYMENT_ONLY_ANNOTATIONS, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, equalIgnoreHash, revisionOf,
} from '../../backends/contract/deploymentUtil.js';
import type { Deployment, ReplicaSet } from '../../backends/contract/types.js';
import { KubectlError } from './errors.js';
import { nameLine } from './names.js';
import { replicaSetsOf } from './replicaSets.js';

export interface UndoResult {
  /** `deployment.apps/web rolled back` or `deployment.apps/web skipped rollback (...)`. */
  message: string;
  /** The Deployment's revision before the undo. */
  fromRevision: number;
  /** The revision whose template was restored. */
  toRevision: number;
}

function revisionNotFound(n: number): KubectlError {
  return new KubectlError(`unable to find specified revision ${n} in history`);
}

/** deploymentRevision: the ReplicaSet of revision N, or the second-highest revision for 0. */
function targetReplicaSet(d: Deployment, all: ReplicaSet[], toRevision: number): ReplicaSet {
  let latest: ReplicaSet | undefined, latestRev = -1;
  let previous: ReplicaSet | undefined, previousRev = -1;
  for (const rs of all) {
    const v = revisionOf(rs);
    if (Number.isNaN(v)) continue;
    if (toRevision > 0) {
      if (v === toRevision) return rs;
      continue;
    }
    if (latestRev < v) {
      previousRev = latestRev; previous = latest;
      latestRev = v; latest = rs;
    } else if (previousRev < v) {
      previousRev = v; previous = rs;
    }
  }
  if (toRevision > 0) throw revisionNotFound(toRevision);
  if (!previous) throw new KubectlError(`no rollout history found for deployment "${d.metadata?.name}"`);
  return previous;
}

export async function rolloutUndo(b: Backend, ns: string, name: string, toRevision = 0): Promise<UndoResult> {
  if (toRevision < 0) throw revisionNotFound(toRevision);
  const d = await b.get('deployments', ns, name);
  const { all } = await replicaSetsOf(b, d);
  const target = targetReplicaSet(d, all, toRevision);
  const fromRevision = Number(d.metadata?.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
  const result = (operation: string): UndoResult => ({ message: nameLine('deployments', name, operation), fromRevision, toRevision: revisionOf(target) });
  if (d.spec?.paused) {
    throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  }
  if (equalIgnoreHash(target.spec?.template, d.spec?.template)) {
    // kubectl prints the revision it was asked for (0 for a plain undo), not the target's.
    return result(`skipped rollback (current template already matches revision ${toRevision})`);
  }
  const template = structuredClone(target.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  const deploymentAnnotations = d.metadata?.annotations ?? {};
  for (const k of DEPLOYMENT_ONLY_ANNOTATIONS) if (k in deploymentAnnotations) annotations[k] = deploymentAnnotations[k];
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) {
    if (!DEPLOYMENT_ONLY_ANNOTATIONS.includes(k)) annotations[k] = v;
  }
  try {
    await b.patch('deployments', ns, name, 'json', [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ]);
  } catch (e) {
    throw new KubectlError(`failed restoring revision ${toRevision}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return result('rolled back');
}
