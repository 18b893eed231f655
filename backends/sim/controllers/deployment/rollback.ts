// The legacy server-side rollback (rollback.go), still honoured when a Deployment carries the
// `deprecated.deployment.rollback.to` annotation (what extensions/v1beta1 spec.rollbackTo
// becomes). kubectl itself rolls back client-side (§2.2) and never sets it.
import {
  DEPLOYMENT_ONLY_ANNOTATIONS, POD_TEMPLATE_HASH_LABEL, ROLLBACK_TO_ANNOTATION, revisionOf,
} from '../../../contract/deploymentUtil.js';
import type { Deployment, ReplicaSet } from '../../../contract/types.js';
import { getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js';
import { lastRevision } from './replicaSets.js';
import type { DeploymentSync } from './syncState.js';

/** getRollbackTo: the requested revision, or undefined when absent or unparsable. */
export function rollbackTo(d: Deployment): number | undefined {
  const v = d.metadata?.annotations?.[ROLLBACK_TO_ANNOTATION];
  if (!v || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

function clearRollbackToAndUpdate(s: DeploymentSync): void {
  delete s.d.metadata?.annotations?.[ROLLBACK_TO_ANNOTATION];
  s.update();
}

/** SetDeploymentAnnotationsTo: the Deployment-only annotations stay, the rest come from the set. */
function setAnnotationsFrom(d: Deployment, rs: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (DEPLOYMENT_ONLY_ANNOTATIONS.includes(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!DEPLOYMENT_ONLY_ANNOTATIONS.includes(k)) kept[k] = v;
  d.metadata!.annotations = kept;
}

export function rollback(s: DeploymentSync): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, true);
  const allRSs = newRS ? [...oldRSs, newRS] : oldRSs;
  let revision = rollbackTo(s.d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      s.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
      return clearRollbackToAndUpdate(s);
    }
  }
  const target = allRSs.find((rs) => revisionOf(rs) === revision);
  if (!target) {
    s.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
    return clearRollbackToAndUpdate(s);
  }
  if (s.deps.templates.same(s.d, target)) {
    s.event('Warning', 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${s.d.metadata?.name}"`);
    return clearRollbackToAndUpdate(s);
  }
  // SetFromReplicaSetTemplate: the set's template without its pod-template-hash label.
  const template = structuredClone(target.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  s.d.spec = { ...s.d.spec!, template };
  setAnnotationsFrom(s.d, target);
  clearRollbackToAndUpdate(s);
  s.event('Normal', 'DeploymentRollback', `Rolled back deployment "${s.d.metadata?.name}" to revision ${revision}`);
}
