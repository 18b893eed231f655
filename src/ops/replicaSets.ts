// How kubectl finds a Deployment's ReplicaSets (kubectl pkg/util/deployment GetAllReplicaSets):
// list the namespace with the Deployment's selector, keep those whose controllerRef is the
// Deployment, and call the oldest one with the Deployment's template the new one.
import type { Backend } from '../../backends/contract/backend.js';
import { findNewReplicaSet, isControlledBy } from '../../backends/contract/deploymentUtil.js';
import { formatLabelSelector } from '../../backends/contract/selectors.js';
import type { Deployment, LabelSelector, ReplicaSet } from '../../backends/contract/types.js';

/** The selector as a list query string; an empty selector selects everything. */
export function selectorQuery(sel: LabelSelector): string | undefined {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? undefined : s;
}

export interface DeploymentReplicaSets {
  /** Every ReplicaSet the Deployment controls, in list order. */
  all: ReplicaSet[];
  /** The current one: its template equals the Deployment's (ignoring pod-template-hash). */
  newRS?: ReplicaSet;
  /** All the others, in list order. */
  old: ReplicaSet[];
}

export async function replicaSetsOf(b: Backend, d: Deployment): Promise<DeploymentReplicaSets> {
  // A nil selector selects nothing (apps/v1 requires one anyway).
  if (!d.spec?.selector) return { all: [], old: [] };
  const { items } = await b.list('replicasets', {
    namespace: d.metadata?.namespace,
    labelSelector: selectorQuery(d.spec.selector),
  });
  const all = items.filter((rs) => isControlledBy(rs, d));
  const newRS = findNewReplicaSet(d, all);
  return { all, newRS, old: all.filter((rs) => rs !== newRS) };
}
