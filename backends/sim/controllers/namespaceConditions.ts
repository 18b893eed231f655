// The deletion conditions the namespace controller writes on a Terminating namespace
// (pkg/controller/namespace/deletion/status_condition_utils.go).
import type { Namespace } from '../../contract/types.js';

export type NamespaceCondition = NonNullable<NonNullable<Namespace['status']>['conditions']>[number];

const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

/** The "all is well" variant of each condition: status False. */
const OK: Record<(typeof CONDITION_TYPES)[number], [reason: string, message: string]> = {
  NamespaceDeletionDiscoveryFailure: ['ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
};

/** What one pass over the namespace's content found. */
export interface ContentTotals {
  /** `pods.` or `replicasets.apps` (resource.group) to the number of objects still there. */
  remaining: Map<string, number>;
  /** finalizer name to the number of remaining objects carrying it. */
  finalizers: Map<string, number>;
  /** Errors from deleting or listing content. */
  errors: string[];
}

function sortedEntries(m: Map<string, number>, format: (k: string, n: number) => string): string[] {
  return [...m].filter(([, n]) => n > 0).map(([k, n]) => format(k, n)).sort();
}

/** namespaceConditionUpdater: the failing conditions of this pass, every other one in its OK form. */
export function deletionConditions(current: NamespaceCondition[] | undefined, totals: ContentTotals, now: string): NamespaceCondition[] {
  const failing = new Map<string, NamespaceCondition>();
  const remaining = sortedEntries(totals.remaining, (gr, n) => `${gr} has ${n} resource instances`);
  if (remaining.length) {
    failing.set('NamespaceContentRemaining', {
      type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeResourcesRemain',
      message: `Some resources are remaining: ${remaining.join(', ')}`,
    });
  }
  const finalizers = sortedEntries(totals.finalizers, (f, n) => `${f} in ${n} resource instances`);
  if (finalizers.length) {
    failing.set('NamespaceFinalizersRemaining', {
      type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: now, reason: 'SomeFinalizersRemain',
      message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}`,
    });
  }
  if (totals.errors.length) {
    const messages = [...new Set(totals.errors)].sort();
    failing.set('NamespaceDeletionContentFailure', {
      type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: now, reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, ${totals.errors.length} remaining: ${messages.join(', ')}`,
    });
  }
  return CONDITION_TYPES.map((type) => {
    const next = failing.get(type) ?? { type, status: 'False', lastTransitionTime: now, reason: OK[type][0], message: OK[type][1] };
    const old = current?.find((c) => c.type === type);
    // An unchanged condition keeps its transition time.
    if (old && old.status === next.status && old.reason === next.reason && old.message === next.message) return old;
    return next;
  });
}
