// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps spec.replicas
// active pods for each ReplicaSet, adopting matching orphans and releasing pods whose labels
// stop matching, and writes the ReplicaSet's status.
import { isStatusError } from '../../contract/errors.js';
import { isPodActive } from '../../contract/podUtil.js';
import { matchesRequirements, requirementsOf, type Requirement } from '../../contract/selectors.js';
import type { KubeObject, OwnerReference, Pod, ReplicaSet } from '../../contract/types.js';
import { cloneJson, jsonEqual } from '../apiserver/jsonValue.js';
import type { Component, SimContext } from '../context.js';
import { controllerOf, Informer, objectKey } from './informer.js';
import { releaseOwner } from './garbageOwnerReferences.js';
import { ReplicaSetExpectations } from './replicaSetExpectations.js';
import { hasTemplateLabels, matchesSelector, podFacts, PodFactsByOwner, type PodFacts, type TallyKeys } from './replicaSetPodFacts.js';
import { podsToDelete } from './replicaSetPodRanking.js';
import { calculateStatus, countAvailable, nextAvailableIn, statusUnchanged } from './replicaSetStatus.js';
import { WorkQueue } from './workQueue.js';

/** Most pods created or deleted in one sync (burstReplicas). */
const BURST_REPLICAS = 500;
/** SlowStartInitialBatchSize: creates go in batches of 1, 2, 4, ... and stop at the first failed batch. */
const SLOW_START_INITIAL_BATCH = 1;
const SOURCE = { component: 'replicaset-controller' };
/** The default controller rate limiter's per-item backoff: 5 ms doubling up to 1000 s. */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 1_000_000;

/** The active pods a ReplicaSet keeps: counted, and listed on demand. */
interface ClaimedPods { count: number; ready: number; fullyLabeled: number; list(): PodFacts[] }

// Stored objects never change, so what is derived from one is worked out once: a ReplicaSet
// version's queue key on every pod event, and a selector's requirements on every sync (status
// writes share the stored spec, so one selector object serves all the versions they make).
const keys = new WeakMap<ReplicaSet, string>();
const selectors = new WeakMap<object, Requirement[] | undefined>();

const texts = new WeakMap<object, string>();
const EMPTY_LABELS = {};

/** A stored value's JSON, worked out once per object (it names a selector or template labels in the pod tallies). */
function jsonOf(value: object | undefined): string {
  if (!value) return 'null';
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

function rsKey(rs: ReplicaSet): string {
  let key = keys.get(rs);
  if (key === undefined) keys.set(rs, (key = `${rs.metadata!.namespace}/${rs.metadata!.name}`));
  return key;
}

function sameLabels(a: Pod, b: Pod): boolean {
  return jsonEqual(a.metadata?.labels ?? {}, b.metadata?.labels ?? {});
}

function sameControllerRef(a: Pod, b: Pod): boolean {
  const ra = controllerOf(a), rb = controllerOf(b);
  return ra?.uid === rb?.uid && ra?.kind === rb?.kind && ra?.name === rb?.name;
}

/** A nil or empty selector selects nothing (a ReplicaSet must never claim every pod). */
function selectorOf(rs: ReplicaSet): Requirement[] | undefined {
  const sel = rs.spec?.selector;
  if (!sel) return undefined;
  if (selectors.has(sel)) return selectors.get(sel);
  const reqs = requirementsOf(sel);
  const selector = reqs.length ? reqs : undefined;
  selectors.set(sel, selector);
  return selector;
}

function isNamespaceTerminating(e: unknown): boolean {
  return isStatusError(e) && !!e.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating');
}

export function controllerRefFor(rs: ReplicaSet): OwnerReference {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata!.name!, uid: rs.metadata!.uid!,
    controller: true, blockOwnerDeletion: true,
  };
}

/** GetPodFromTemplate: labels, annotations and finalizers of the template, its spec, and the controller reference. */
export function podFromTemplate(rs: ReplicaSet): KubeObject {
  const template = rs.spec?.template ?? {};
  const tm = template.metadata ?? {};
  const metadata: Pod['metadata'] = { generateName: `${rs.metadata!.name}-`, namespace: rs.metadata!.namespace };
  if (tm.labels && Object.keys(tm.labels).length) metadata.labels = { ...tm.labels };
  if (tm.annotations && Object.keys(tm.annotations).length) metadata.annotations = { ...tm.annotations };
  if (tm.finalizers?.length) metadata.finalizers = [...tm.finalizers];
  metadata.ownerReferences = [controllerRefFor(rs)];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: cloneJson(template.spec ?? { containers: [] }) };
}

class ReplicaSetController {
  private readonly replicaSets: Informer<'replicasets'>;
  private readonly pods: Informer<'pods'>;
  private readonly owned = new PodFactsByOwner();
  /** Pods without a controller, by namespace: the candidates for adoption. */
  private readonly orphans = new Map<string, Map<string, Pod>>();
  private readonly expectations: ReplicaSetExpectations;
  private readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(private readonly ctx: SimContext) {
    this.replicaSets = new Informer(ctx.api, 'replicasets');
    this.pods = new Informer(ctx.api, 'pods');
    this.expectations = new ReplicaSetExpectations(() => ctx.clock.now());
    this.queue = new WorkQueue(ctx.clock, (key) => this.process(key));
    this.replicaSets.on({
      add: (rs) => this.queue.add(rsKey(rs)),
      update: (_old, rs) => this.queue.add(rsKey(rs)),
      delete: (rs) => this.expectations.forget(rsKey(rs)),
    });
    this.pods.on({
      add: (pod) => { this.owned.put(pod); this.trackOrphan(undefined, pod); this.addPod(pod); },
      update: (old, pod) => { this.owned.put(pod); this.trackOrphan(old, pod); this.updatePod(old, pod); },
      delete: (pod) => { this.owned.remove(pod); this.trackOrphan(pod, undefined); this.deletePod(pod); },
    });
  }

  start(): void {
    this.replicaSets.start();
    this.pods.start();
  }

  stop(): void { this.stopped = true; }

  // ------------------------------------------------------------ event handlers

  private trackOrphan(old: Pod | undefined, cur: Pod | undefined): void {
    if (old && !controllerOf(old)) this.orphans.get(old.metadata?.namespace ?? '')?.delete(objectKey(old));
    if (cur && !controllerOf(cur)) {
      const ns = cur.metadata?.namespace ?? '';
      let m = this.orphans.get(ns);
      if (!m) this.orphans.set(ns, (m = new Map()));
      m.set(objectKey(cur), cur);
    }
  }

  /** The ReplicaSet a controller reference points at, if it still is that object. */
  private resolve(pod: Pod): ReplicaSet | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(pod.metadata?.namespace, ref.name);
    return rs?.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** The ReplicaSets of the pod's namespace whose selector matches it (GetPodReplicaSets). */
  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.replicaSets.list(pod.metadata?.namespace ?? '').filter((rs) => {
      const reqs = selectorOf(rs);
      return !!reqs && matchesRequirements(pod.metadata?.labels, reqs);
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    if (controllerOf(pod)) {
      const rs = this.resolve(pod);
      if (!rs) return;
      this.expectations.creationObserved(rsKey(rs), pod.metadata!.uid!);
      this.queue.add(rsKey(rs));
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.queue.add(rsKey(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = !sameLabels(old, cur);
    if (cur.metadata?.deletionTimestamp) {
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const refChanged = !sameControllerRef(old, cur);
    if (refChanged && controllerOf(old)) {
      const previous = this.resolve(old);
      if (previous) this.queue.add(rsKey(previous));
    }
    if (controllerOf(cur)) {
      const rs = this.resolve(cur);
      if (rs) this.queue.add(rsKey(rs));
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.matchingReplicaSets(cur)) this.queue.add(rsKey(rs));
  }

  private deletePod(pod: Pod): void {
    const rs = this.resolve(pod);
    if (!rs) return;
    this.expectations.deletionObserved(rsKey(rs), pod.metadata!.uid!);
    this.queue.add(rsKey(rs));
  }

  // ------------------------------------------------------------ sync

  private process(key: string): void {
    if (this.stopped) return;
    try {
      this.sync(key);
      this.failures.delete(key);
    } catch (e) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.queue.addAfter(key, Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS));
      if (process.env.KDASH_DEBUG) console.error(`replicaset ${key}:`, e);
    }
  }

  private sync(key: string): void {
    const rs = this.replicaSets.getByKey(key);
    if (!rs) { this.expectations.forget(key); return; }
    const selector = selectorOf(rs);
    if (!selector) return; // an invalid ReplicaSet: upstream logs the error and waits for a fix
    const needsSync = this.expectations.satisfied(key);
    const claimed = this.claimPods(rs, selector);
    let manageError: Error | undefined;
    if (needsSync && !rs.metadata?.deletionTimestamp) manageError = this.manageReplicas(key, rs, claimed);
    const now = this.ctx.clock.now();
    const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
    // Only minReadySeconds makes availability depend on the time: then the pods are visited.
    const available = minReadySeconds ? countAvailable(claimed.list(), minReadySeconds, now) : claimed.ready;
    this.writeStatus(rs, calculateStatus(rs, { replicas: claimed.count, fullyLabeled: claimed.fullyLabeled, ready: claimed.ready, available }, manageError, now));
    if (manageError) throw manageError;
    const wait = minReadySeconds ? nextAvailableIn(rs, claimed.list(), now) : undefined;
    if (wait !== undefined) this.queue.addAfter(key, wait);
  }

  /**
   * ClaimPods: the active pods the ReplicaSet owns after adopting and releasing, as counts
   * kept up to date pod by pod; the pods themselves are listed only when a sync needs them.
   */
  private claimPods(rs: ReplicaSet, selector: Requirement[]): ClaimedPods {
    const uid = rs.metadata!.uid!;
    const deleting = !!rs.metadata?.deletionTimestamp;
    const templateLabels = rs.spec?.template?.metadata?.labels;
    const keys: TallyKeys = {
      selector: jsonOf(rs.spec?.selector), requirements: selector,
      template: jsonOf(templateLabels ?? EMPTY_LABELS), templateLabels,
    };
    const tally = this.owned.tally(uid, keys);
    if (tally.mismatched > 0 && !deleting) {
      for (const f of [...this.owned.ownedBy(uid)]) if (f.active && !matchesSelector(f, keys.selector, selector)) this.release(rs, f.pod);
    }
    const adopted: PodFacts[] = [];
    const orphans = this.orphans.get(rs.metadata!.namespace ?? '');
    if (!deleting && orphans?.size) {
      let canAdopt: boolean | undefined;
      for (const pod of [...orphans.values()]) {
        if (!isPodActive(pod) || !matchesRequirements(pod.metadata?.labels, selector)) continue;
        canAdopt ??= this.stillCurrent(rs);
        if (canAdopt && this.adopt(rs, pod)) adopted.push(podFacts(pod));
      }
    }
    const owned = this.owned;
    return {
      count: tally.active + adopted.length,
      ready: tally.ready + adopted.filter((f) => f.ready).length,
      fullyLabeled: tally.fullyLabeled + adopted.filter((f) => hasTemplateLabels(f, keys.template, templateLabels)).length,
      list() {
        const pods: PodFacts[] = [];
        for (const f of owned.ownedBy(uid)) if (f.active && matchesSelector(f, keys.selector, selector)) pods.push(f);
        return [...pods, ...adopted];
      },
    };
  }

  /** RecheckDeletionTimestamp: adopt only for a ReplicaSet that still exists and is not being deleted. */
  private stillCurrent(rs: ReplicaSet): boolean {
    const live = this.ctx.api.tryGet('replicasets', rs.metadata!.namespace, rs.metadata!.name!);
    return !!live && live.metadata?.uid === rs.metadata?.uid && !live.metadata?.deletionTimestamp;
  }

  private adopt(rs: ReplicaSet, pod: Pod): boolean {
    const live = this.ctx.api.tryGet('pods', pod.metadata!.namespace, pod.metadata!.name!) as Pod | undefined;
    if (!live || live.metadata?.uid !== pod.metadata?.uid || controllerOf(live) || live.metadata?.deletionTimestamp) return false;
    this.ctx.api.patch('pods', pod.metadata!.namespace, pod.metadata!.name!, 'strategic',
      { metadata: { ownerReferences: [controllerRefFor(rs)] } });
    return true;
  }

  private release(rs: ReplicaSet, pod: Pod): void {
    const live = this.ctx.api.tryGet('pods', pod.metadata!.namespace, pod.metadata!.name!) as Pod | undefined;
    if (!live || live.metadata?.uid !== pod.metadata?.uid) return;
    releaseOwner(this.ctx, 'pods', live, rs.metadata!.uid!);
  }

  /** Creates or deletes pods towards spec.replicas; returns the first error. */
  private manageReplicas(key: string, rs: ReplicaSet, claimed: ClaimedPods): Error | undefined {
    const diff = claimed.count - (rs.spec?.replicas ?? 1);
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(key, rs, claimed.list(), Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  private createPods(key: string, rs: ReplicaSet, count: number): Error | undefined {
    let remaining = count;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      let failed: Error | undefined;
      for (let i = 0; i < batch; i++) {
        try {
          const pod = this.ctx.api.create('pods', podFromTemplate(rs), { handOver: true });
          this.expectations.expectCreation(key, pod.metadata!.uid!);
          this.ctx.events.record(rs as KubeObject, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, SOURCE);
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          // RealPodControl records no event when the namespace is being terminated.
          if (!isNamespaceTerminating(e)) this.ctx.events.record(rs as KubeObject, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, SOURCE);
          failed ??= err;
        }
      }
      if (failed) return failed;
      remaining -= batch;
    }
    return undefined;
  }

  private deletePods(key: string, rs: ReplicaSet, active: PodFacts[], count: number): Error | undefined {
    const victims = podsToDelete(active.map((f) => f.pod), this.relatedPods(rs), count, this.ctx.clock.now());
    let failed: Error | undefined;
    for (const pod of victims) {
      const uid = pod.metadata!.uid!;
      this.expectations.expectDeletion(key, uid);
      try {
        this.ctx.api.delete('pods', pod.metadata!.namespace, pod.metadata!.name!);
        this.ctx.events.record(rs as KubeObject, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, SOURCE);
      } catch (e) {
        // The informer will never see this deletion happen.
        this.expectations.deletionObserved(key, uid);
        if (isStatusError(e, 'NotFound')) continue;
        const err = e instanceof Error ? e : new Error(String(e));
        this.ctx.events.record(rs as KubeObject, 'Warning', 'FailedDelete', `Error deleting: ${err.message}`, SOURCE);
        failed ??= err;
      }
    }
    return failed;
  }

  /** getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller (none for a bare one). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return [];
    const related: Pod[] = [];
    for (const sibling of this.replicaSets.ownedBy(owner.uid)) {
      for (const f of this.owned.ownedBy(sibling.metadata!.uid!)) if (f.active) related.push(f.pod);
    }
    return related;
  }

  private writeStatus(rs: ReplicaSet, status: ReturnType<typeof calculateStatus>): void {
    if (statusUnchanged(rs, status)) return;
    const live = this.ctx.api.tryGet('replicasets', rs.metadata!.namespace, rs.metadata!.name!);
    if (!live || live.metadata?.uid !== rs.metadata?.uid) return;
    this.ctx.api.update('replicasets', { ...live, status }, { subresource: 'status', handOver: true });
  }
}

export const replicaSetController: Component = (ctx) => {
  const controller = new ReplicaSetController(ctx);
  controller.start();
  return () => controller.stop();
};
