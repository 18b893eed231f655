// `kubectl rollout history` (kubectl pkg/polymorphichelpers/history.go DeploymentHistoryViewer).
import type { Backend } from '../../backends/contract/backend.js';
import { CHANGE_CAUSE_ANNOTATION, revisionOf } from '../../backends/contract/deploymentUtil.js';
import type { PodTemplateSpec } from '../../backends/contract/types.js';
import { renderHistoryTable, renderRevisionTemplate } from '../render/index.js';
import { KubectlError } from './errors.js';
import { kindGroupName } from './names.js';
import { replicaSetsOf } from './replicaSets.js';

export interface RevisionEntry {
  revision: number;
  /** The ReplicaSet's `kubernetes.io/change-cause`; empty when there is none (shown as `<none>`). */
  changeCause: string;
  /** Name of the ReplicaSet that holds this revision. */
  replicaSet: string;
  images: string[];
  /** The ReplicaSet's status.replicas. */
  pods: number;
  /** The ReplicaSet's creationTimestamp. */
  createdAt: string;
  /** This is the Deployment's current revision (its ReplicaSet has the Deployment's template). */
  current: boolean;
  /** The ReplicaSet's pod template (with its pod-template-hash label). */
  template: PodTemplateSpec;
}

/** The Deployment's revisions, oldest first, one per revision number. */
export async function rolloutHistory(b: Backend, ns: string, name: string): Promise<RevisionEntry[]> {
  const d = await b.get('deployments', ns, name);
  const { all, newRS } = await replicaSetsOf(b, d);
  const byRevision = new Map<number, RevisionEntry>();
  for (const rs of all) {
    const revision = revisionOf(rs);
    // kubectl skips (with a warning) a ReplicaSet whose revision does not parse; a missing one is 0.
    if (Number.isNaN(revision)) continue;
    byRevision.set(revision, {
      revision,
      changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '',
      replicaSet: rs.metadata?.name ?? '',
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
      pods: rs.status?.replicas ?? 0,
      createdAt: rs.metadata?.creationTimestamp ?? '',
      current: rs === newRS,
      template: structuredClone(rs.spec?.template ?? {}),
    });
  }
  return [...byRevision.values()].sort((a, c) => a.revision - c.revision);
}

/**
 * What `kubectl rollout history deployment/<name> [--revision=N]` prints, byte for byte
 * (including the trailing space after the name and the final blank line of the table).
 */
export async function rolloutHistoryText(b: Backend, ns: string, name: string, revision?: number): Promise<string> {
  if (revision !== undefined && revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const entries = await rolloutHistory(b, ns, name);
  const objectName = kindGroupName('deployments', name);
  if (!revision) return renderHistoryTable(objectName, entries.map((e) => ({ revision: e.revision, changeCause: e.changeCause })));
  const entry = entries.find((e) => e.revision === revision);
  if (!entry) throw new KubectlError('unable to find the specified revision');
  // history.go shows the ReplicaSet's change-cause among the template's annotations.
  return renderRevisionTemplate(objectName, revision, entry.template, entry.changeCause || undefined);
}
