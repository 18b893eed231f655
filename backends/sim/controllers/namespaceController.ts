// The namespace controller (pkg/controller/namespace): empties a Terminating namespace of
// every namespaced resource, reports progress in the namespace's conditions, and finally
// removes the `kubernetes` finalizer from spec.finalizers, at which point the namespace goes.
import { isStatusError } from '../../contract/errors.js';
import { RESOURCES, type ResourceInfo } from '../../contract/resources.js';
import type { KubeObject, Namespace, Pod } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import { Informer } from './informer.js';
import { deletionConditions, type ContentTotals } from './namespaceConditions.js';
import { WorkQueue } from './workQueue.js';

/** namespaceDeletionGracePeriod: every namespace event is processed 5 s later. */
const NAMESPACE_EVENT_DELAY_MS = 5000;
/** finalizerEstimateSeconds: how long to wait for objects held only by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15;
const FINALIZER = 'kubernetes';
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 60_000;

const NAMESPACED = Object.values(RESOURCES).filter((r) => r.namespaced);

function specFinalizers(ns: Namespace): string[] {
  return ns.spec?.finalizers ?? [];
}

/** A GroupVersionResource as Go prints it (`/v1, Resource=pods`). */
function gvrString(r: ResourceInfo): string {
  return `${r.group}/${r.version}, Resource=${r.name}`;
}

class NamespaceController {
  private readonly namespaces: Informer<'namespaces'>;
  private readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(private readonly ctx: SimContext) {
    this.namespaces = new Informer(ctx.api, 'namespaces');
    this.queue = new WorkQueue(ctx.clock, (name) => this.process(name));
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.queue.addAfter(ns.metadata.name!, NAMESPACE_EVENT_DELAY_MS);
    };
    this.namespaces.on({ add: enqueue, update: (_old, ns) => enqueue(ns) });
  }

  start(): void { this.namespaces.start(); }
  stop(): void { this.stopped = true; }

  private process(name: string): void {
    if (this.stopped) return;
    try {
      const estimate = this.sync(name);
      this.failures.delete(name);
      if (estimate > 0) this.queue.addAfter(name, (Math.floor(estimate / 2) + 1) * 1000);
    } catch (e) {
      const n = (this.failures.get(name) ?? 0) + 1;
      this.failures.set(name, n);
      this.queue.addAfter(name, Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS));
      if (process.env.KDASH_DEBUG) console.error(`namespace ${name}:`, e);
    }
  }

  /** namespacedResourcesDeleter.Delete; returns the seconds to wait before looking again (0: done). */
  private sync(name: string): number {
    let ns = this.ctx.api.tryGet('namespaces', undefined, name) as Namespace | undefined;
    if (!ns?.metadata?.deletionTimestamp) return 0;
    if (ns.status?.phase !== 'Terminating') {
      ns = this.ctx.api.update('namespaces', { ...ns, status: { ...ns.status, phase: 'Terminating' } } as KubeObject, { subresource: 'status' }) as Namespace;
    }
    if (!specFinalizers(ns).includes(FINALIZER)) return 0;
    const { estimate, totals } = this.deleteAllContent(name);
    const conditions = deletionConditions(ns.status?.conditions, totals, rfc3339(this.ctx.clock.now()));
    if (JSON.stringify(conditions) !== JSON.stringify(ns.status?.conditions ?? [])) {
      ns = this.ctx.api.update('namespaces', { ...ns, status: { ...ns.status, conditions } } as KubeObject, { subresource: 'status' }) as Namespace;
    }
    if (totals.errors.length) throw new Error(totals.errors.join(', '));
    if (estimate > 0) return estimate;
    const rest = specFinalizers(ns).filter((f) => f !== FINALIZER);
    this.ctx.api.update('namespaces', { ...ns, spec: { ...ns.spec, finalizers: rest } } as KubeObject);
    return 0;
  }

  private deleteAllContent(namespace: string): { estimate: number; totals: ContentTotals } {
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), errors: [] };
    let estimate = 0;
    for (const r of NAMESPACED) {
      const local = r.name === 'pods' ? this.estimatePodTermination(namespace) : 0;
      // DeleteCollection with background propagation; pods get their graceful deletion.
      for (const obj of this.ctx.api.list(r.name, { namespace }).items) {
        if (obj.metadata?.deletionTimestamp) continue;
        try {
          this.ctx.api.delete(r.name, namespace, obj.metadata!.name!, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isStatusError(e, 'NotFound')) totals.errors.push(e instanceof Error ? e.message : String(e));
        }
      }
      const left = this.ctx.api.list(r.name, { namespace }).items;
      if (!left.length) {
        estimate = Math.max(estimate, local);
        continue;
      }
      totals.remaining.set(`${r.name}.${r.group}`, left.length);
      let held = 0;
      for (const obj of left) {
        for (const f of obj.metadata?.finalizers ?? []) {
          totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
          held++;
        }
      }
      if (local > 0) estimate = Math.max(estimate, local);
      else if (held > 0) estimate = Math.max(estimate, FINALIZER_ESTIMATE_SECONDS);
      else totals.errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(r)}`);
    }
    return { estimate, totals };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of the pods not yet finished. */
  private estimatePodTermination(namespace: string): number {
    let estimate = 0;
    for (const obj of this.ctx.api.list('pods', { namespace }).items) {
      const pod = obj as Pod;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 30);
    }
    return estimate;
  }
}

export const namespaceController: Component = (ctx) => {
  const controller = new NamespaceController(ctx);
  controller.start();
  return () => controller.stop();
};
