// The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are
// gone (background propagation), holds an owner deleted in the foreground until its blocking
// dependents are gone, and strips an orphaning owner from its dependents before it goes.
import type { PropagationPolicy } from '../../contract/backend.js';
import { isStatusError } from '../../contract/errors.js';
import { RESOURCES, resourceForKind, type ResourceName } from '../../contract/resources.js';
import type { KubeObject, OwnerReference } from '../../contract/types.js';
import type { Component, SimContext } from '../context.js';
import { GarbageGraph, isDeletingDependents, isOrphaningDependents, type GraphNode } from './garbageGraph.js';
import { releaseOwner } from './garbageOwnerReferences.js';
import { Informer } from './informer.js';
import { WorkQueue } from './workQueue.js';

/** Events never own anything and are the busiest resource: the graph leaves them out. */
const WATCHED = (Object.keys(RESOURCES) as ResourceName[]).filter((r) => r !== 'events');

type OwnerState = 'solid' | 'dangling' | 'waiting';

/** Whether both versions name the same owners with the same blockOwnerDeletion, in order. */
function sameOwnerRefs(a: KubeObject, b: KubeObject): boolean {
  const ra = a.metadata?.ownerReferences ?? [], rb = b.metadata?.ownerReferences ?? [];
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) {
    if (ra[i]!.uid !== rb[i]!.uid || !ra[i]!.blockOwnerDeletion !== !rb[i]!.blockOwnerDeletion) return false;
  }
  return true;
}

class GarbageCollector {
  private readonly graph = new GarbageGraph();
  private readonly attemptToDelete: WorkQueue;
  private readonly attemptToOrphan: WorkQueue;
  private stopped = false;

  constructor(private readonly ctx: SimContext) {
    this.attemptToDelete = new WorkQueue(ctx.clock, (uid) => { if (!this.stopped) this.attemptToDeleteItem(uid); });
    this.attemptToOrphan = new WorkQueue(ctx.clock, (uid) => { if (!this.stopped) this.orphanDependents(uid); });
  }

  start(): void {
    for (const resource of WATCHED) {
      const informer = new Informer(this.ctx.api, resource);
      informer.on({
        add: (obj) => this.added(resource, obj as KubeObject),
        update: (old, obj) => this.updated(resource, old as KubeObject, obj as KubeObject),
        delete: (obj) => this.deleted(obj as KubeObject),
      });
      informer.start();
    }
  }

  stop(): void { this.stopped = true; }

  // ------------------------------------------------------------ graph changes

  /** An owner that is absent from the graph or being deleted makes its dependent worth a look. */
  private needsAttention(ref: OwnerReference): boolean {
    const owner = this.graph.get(ref.uid);
    return !owner || !!owner.obj.metadata?.deletionTimestamp;
  }

  private added(resource: ResourceName, obj: KubeObject): void {
    this.graph.put(resource, obj);
    if ((obj.metadata?.ownerReferences ?? []).some((r) => this.needsAttention(r))) this.attemptToDelete.add(obj.metadata!.uid!);
    this.transitions(undefined, obj);
  }

  private updated(resource: ResourceName, old: KubeObject, obj: KubeObject): void {
    this.graph.put(resource, obj, old);
    this.transitions(old, obj);
    if (sameOwnerRefs(old, obj)) return;
    const oldRefs = old.metadata?.ownerReferences ?? [];
    const refs = obj.metadata?.ownerReferences ?? [];
    if (refs.some((r) => !oldRefs.some((o) => o.uid === r.uid) && this.needsAttention(r))) this.attemptToDelete.add(obj.metadata!.uid!);
    // An owner deleted in the foreground may have lost a blocking dependent.
    for (const r of [...oldRefs, ...refs]) {
      if (isDeletingDependents(this.graph.get(r.uid)?.obj)) this.attemptToDelete.add(r.uid);
    }
  }

  private deleted(obj: KubeObject): void {
    const uid = obj.metadata!.uid!;
    this.graph.remove(obj);
    for (const dep of this.graph.dependentsOf(uid)) this.attemptToDelete.add(dep.obj.metadata!.uid!);
    for (const r of obj.metadata?.ownerReferences ?? []) {
      if (isDeletingDependents(this.graph.get(r.uid)?.obj)) this.attemptToDelete.add(r.uid);
    }
  }

  private transitions(old: KubeObject | undefined, obj: KubeObject): void {
    const uid = obj.metadata!.uid!;
    if (isDeletingDependents(obj) && !isDeletingDependents(old)) {
      for (const dep of this.graph.dependentsOf(uid)) this.attemptToDelete.add(dep.obj.metadata!.uid!);
      this.attemptToDelete.add(uid);
    }
    if (isOrphaningDependents(obj) && !isOrphaningDependents(old)) this.attemptToOrphan.add(uid);
  }

  // ------------------------------------------------------------ workers

  private live(node: GraphNode): KubeObject | undefined {
    const m = node.obj.metadata!;
    const latest = this.ctx.api.tryGet(node.resource, m.namespace, m.name!);
    return latest?.metadata?.uid === m.uid ? latest : undefined;
  }

  /** attemptToDeleteItem: decide what to do with one object given the state of its owners. */
  private attemptToDeleteItem(uid: string): void {
    const node = this.graph.get(uid);
    if (!node) return;
    const latest = this.live(node);
    if (!latest) return;
    if (isDeletingDependents(latest)) return this.processDeletingDependents(node, latest);
    if (latest.metadata?.deletionTimestamp) return;
    const refs = latest.metadata?.ownerReferences ?? [];
    if (!refs.length) return;
    const byState: Record<OwnerState, OwnerReference[]> = { solid: [], dangling: [], waiting: [] };
    for (const ref of refs) byState[this.ownerState(ref, latest)].push(ref);
    if (byState.solid.length) {
      const stale = [...byState.dangling, ...byState.waiting].map((r) => r.uid);
      if (stale.length) releaseOwner(this.ctx, node.resource, latest, ...stale);
      return;
    }
    // Deviation: no cycle detection between owners deleted in the foreground.
    if (byState.waiting.length && this.graph.hasDependents(uid)) return this.deleteObject(node, latest, 'Foreground');
    const finalizers = latest.metadata?.finalizers ?? [];
    const policy: PropagationPolicy = finalizers.includes('orphan') ? 'Orphan' : finalizers.includes('foregroundDeletion') ? 'Foreground' : 'Background';
    this.deleteObject(node, latest, policy);
  }

  /** classifyReferences, checked against the live owner as isDangling does. */
  private ownerState(ref: OwnerReference, dependent: KubeObject): OwnerState {
    const info = resourceForKind(ref.apiVersion, ref.kind);
    // An owner kind the server does not serve cannot be verified: leave the dependent alone.
    if (!info) return 'solid';
    const ns = dependent.metadata?.namespace;
    if (info.namespaced && !ns) return 'dangling';
    const owner = this.ctx.api.tryGet(info.name, info.namespaced ? ns : undefined, ref.name);
    if (!owner || owner.metadata?.uid !== ref.uid) return 'dangling';
    return isDeletingDependents(owner) ? 'waiting' : 'solid';
  }

  private deleteObject(node: GraphNode, latest: KubeObject, propagationPolicy: PropagationPolicy): void {
    const m = latest.metadata!;
    try {
      this.ctx.api.delete(node.resource, m.namespace, m.name!, { propagationPolicy, preconditions: { uid: m.uid } });
    } catch (e) {
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) throw e;
    }
  }

  /** processDeletingDependentsItem: the owner goes once no dependent blocks it any more. */
  private processDeletingDependents(node: GraphNode, latest: KubeObject): void {
    const uid = latest.metadata!.uid!;
    const blocking = this.graph.dependentsOf(uid).filter((dep) =>
      (dep.obj.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (!blocking.length) return this.removeFinalizer(node, latest, 'foregroundDeletion');
    for (const dep of blocking) if (!isDeletingDependents(dep.obj)) this.attemptToDelete.add(dep.obj.metadata!.uid!);
  }

  /** attemptToOrphanWorker: remove this owner from every dependent, then its `orphan` finalizer. */
  private orphanDependents(uid: string): void {
    const node = this.graph.get(uid);
    if (!node) return;
    const latest = this.live(node);
    if (!latest || !isOrphaningDependents(latest)) return;
    for (const dep of this.graph.dependentsOf(uid)) {
      const current = this.live(dep);
      if (current) releaseOwner(this.ctx, dep.resource, current, uid);
    }
    this.removeFinalizer(node, latest, 'orphan');
  }

  private removeFinalizer(node: GraphNode, latest: KubeObject, finalizer: string): void {
    const finalizers = (latest.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
    const metadata = { ...latest.metadata! };
    if (finalizers.length) metadata.finalizers = finalizers;
    else delete metadata.finalizers;
    this.ctx.api.update(node.resource, { ...latest, metadata });
  }
}

export const garbageCollector: Component = (ctx) => {
  const gc = new GarbageCollector(ctx);
  gc.start();
  return () => gc.stop();
};
