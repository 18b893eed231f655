// The garbage collector's dependency graph (GraphBuilder's uidToNode): every object by uid,
// and for every owner uid the objects that reference it, whether or not that owner exists.
import type { ResourceName } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';

export interface GraphNode { resource: ResourceName; obj: KubeObject }

function ownerUids(obj: KubeObject | undefined): string[] {
  return (obj?.metadata?.ownerReferences ?? []).map((r) => r.uid);
}

/** Whether both versions reference the same owners, in the same order (most updates leave them alone). */
function sameOwnerUids(a: KubeObject, b: KubeObject): boolean {
  const ra = a.metadata?.ownerReferences ?? [], rb = b.metadata?.ownerReferences ?? [];
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) if (ra[i]!.uid !== rb[i]!.uid) return false;
  return true;
}

export function isDeletingDependents(obj: KubeObject | undefined): boolean {
  return !!obj?.metadata?.deletionTimestamp && !!obj.metadata.finalizers?.includes('foregroundDeletion');
}

export function isOrphaningDependents(obj: KubeObject | undefined): boolean {
  return !!obj?.metadata?.deletionTimestamp && !!obj.metadata.finalizers?.includes('orphan');
}

export class GarbageGraph {
  private readonly byUid = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined { return this.byUid.get(uid); }

  /** Adds or replaces an object, re-linking it to the owners it now references. */
  put(resource: ResourceName, obj: KubeObject, old?: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    const prev = old ?? this.byUid.get(uid)?.obj;
    if (!prev || !sameOwnerUids(prev, obj)) {
      const before = ownerUids(prev);
      const after = ownerUids(obj);
      for (const o of before) if (!after.includes(o)) this.unlink(o, uid);
      for (const o of after) {
        let set = this.dependents.get(o);
        if (!set) this.dependents.set(o, (set = new Set()));
        set.add(uid);
      }
    }
    this.byUid.set(uid, { resource, obj });
  }

  /** Drops an object; its own dependents stay linked to its uid until they change or go. */
  remove(obj: KubeObject): void {
    const uid = obj.metadata?.uid;
    if (!uid) return;
    const node = this.byUid.get(uid);
    for (const o of ownerUids(node?.obj ?? obj)) this.unlink(o, uid);
    this.byUid.delete(uid);
  }

  private unlink(owner: string, dependent: string): void {
    const set = this.dependents.get(owner);
    if (!set) return;
    set.delete(dependent);
    if (set.size === 0) this.dependents.delete(owner);
  }

  dependentsOf(uid: string): GraphNode[] {
    const out: GraphNode[] = [];
    for (const d of this.dependents.get(uid) ?? []) {
      const node = this.byUid.get(d);
      if (node) out.push(node);
    }
    return out;
  }

  hasDependents(uid: string): boolean { return (this.dependents.get(uid)?.size ?? 0) > 0; }
}
