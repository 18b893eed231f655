// Removing owner references from a dependent, as the garbage collector (orphaning) and the
// ReplicaSet controller (releasing a pod) do with a strategic merge patch.
import type { ResourceName } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';
import type { SimContext } from '../context.js';

/**
 * Drops the references to the given owner uids from `obj` (the live object). When none is
 * left the field goes away, as it does on a real server (ownerReferences is omitempty).
 */
export function releaseOwner(ctx: Pick<SimContext, 'api'>, resource: ResourceName, obj: KubeObject, ...ownerUids: string[]): KubeObject | undefined {
  const refs = obj.metadata?.ownerReferences ?? [];
  const remaining = refs.filter((r) => !ownerUids.includes(r.uid));
  if (remaining.length === refs.length) return undefined;
  const m = obj.metadata!;
  if (remaining.length === 0) {
    return ctx.api.patch(resource, m.namespace, m.name!, 'merge', { metadata: { ownerReferences: null } });
  }
  return ctx.api.patch(resource, m.namespace, m.name!, 'strategic', {
    metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })) },
  });
}
