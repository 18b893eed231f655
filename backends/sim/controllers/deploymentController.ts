// The Deployment controller (kube-controller-manager's deployment-controller): watches
// Deployments, their ReplicaSets and pods, and reconciles each Deployment through its
// ReplicaSets — creating the new one, rolling or recreating, scaling, cleaning up history and
// reporting status. The algorithm lives in ./deployment/.
import { selectorMatches } from '../../contract/selectors.js';
import type { Deployment, Pod, ReplicaSet } from '../../contract/types.js';
import type { Component } from '../context.js';
import { syncDeployment } from './deployment/sync.js';
import type { DeploymentControllerDeps } from './deployment/syncState.js';
import { TemplateKeys } from './deployment/templates.js';
import { Informer, controllerOf, objectKey } from './informer.js';
import { WorkQueue } from './workQueue.js';

/** The workqueue's per-item exponential back-off: 5 ms doubling, at most 1000 s; 15 retries. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;
const MAX_RETRIES = 15;

export const deploymentController: Component = (ctx) => {
  const { api, clock } = ctx;
  const deployments = new Informer(api, 'deployments');
  const replicaSets = new Informer(api, 'replicasets');
  const pods = new Informer(api, 'pods');
  const orphans = new Map<string, Map<string, ReplicaSet>>();
  const failures = new Map<string, number>();
  const templates = new TemplateKeys();
  let stopped = false;

  const deps: DeploymentControllerDeps = {
    api, clock, events: ctx.events, replicaSets, pods, templates,
    orphanReplicaSets: (ns) => [...(orphans.get(ns)?.values() ?? [])],
    requeueAfter: (key, ms) => queue.addAfter(key, ms),
  };

  const queue = new WorkQueue(clock, (key) => {
    if (stopped) return;
    const d = deployments.getByKey(key);
    if (!d) return;
    try {
      syncDeployment(deps, d);
      failures.delete(key);
    } catch (e) {
      // Requeue rate-limited, as the real controller does after a failed sync (a Conflict from a
      // stale cache, a refused create...); give up after 15 tries until the next event.
      const n = failures.get(key) ?? 0;
      if (n >= MAX_RETRIES) { failures.delete(key); return; }
      failures.set(key, n + 1);
      queue.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
      if (process.env.KDASH_DEBUG) console.error(`deployment ${key}: sync failed:`, e);
    }
  });
  const enqueue = (d: Deployment) => queue.add(objectKey(d));

  /** The Deployment a ReplicaSet's controllerRef points at, if it still exists with that uid. */
  const controllerDeployment = (rs: ReplicaSet): Deployment | undefined => {
    const ref = controllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = deployments.get(rs.metadata?.namespace, ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  };

  /** getDeploymentsForReplicaSet: Deployments whose (non-empty) selector matches an orphan's labels. */
  const enqueueMatching = (rs: ReplicaSet) => {
    for (const d of deployments.list(rs.metadata?.namespace ?? '')) {
      const sel = d.spec?.selector;
      if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) continue;
      if (selectorMatches(sel, rs.metadata?.labels)) enqueue(d);
    }
  };

  const trackOrphan = (rs: ReplicaSet, present: boolean) => {
    const ns = rs.metadata?.namespace ?? '';
    const key = objectKey(rs);
    if (present && !controllerOf(rs)) {
      let m = orphans.get(ns);
      if (!m) orphans.set(ns, (m = new Map()));
      m.set(key, rs);
    } else {
      orphans.get(ns)?.delete(key);
    }
  };

  const rsChanged = (rs: ReplicaSet) => {
    if (controllerOf(rs)) {
      const d = controllerDeployment(rs);
      if (d) enqueue(d);
    } else {
      enqueueMatching(rs);
    }
  };

  deployments.on({
    add: enqueue,
    update: (_old, d) => enqueue(d),
    delete: (d) => { templates.forget(d.metadata?.uid); enqueue(d); },
  });
  replicaSets.on({
    add: (rs) => { trackOrphan(rs, true); rsChanged(rs); },
    update: (old, rs) => {
      trackOrphan(rs, true);
      const oldRef = controllerOf(old), ref = controllerOf(rs);
      if (oldRef && oldRef.uid !== ref?.uid) {
        const d = controllerDeployment(old);
        if (d) enqueue(d);
      }
      if (ref) return rsChanged(rs);
      const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(rs.metadata?.labels ?? {});
      if (labelsChanged || oldRef) enqueueMatching(rs);
    },
    delete: (rs) => {
      trackOrphan(rs, false);
      templates.forget(rs.metadata?.uid);
      const d = controllerDeployment(rs);
      if (d) enqueue(d);
    },
  });
  // A Recreate rollout waits for the old pods to be gone: the last one's deletion wakes it.
  pods.on({
    delete: (pod: Pod) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'ReplicaSet') return;
      const rs = replicaSets.get(pod.metadata?.namespace, ref.name);
      if (!rs || rs.metadata?.uid !== ref.uid) return;
      const d = controllerDeployment(rs);
      if (!d || d.spec?.strategy?.type !== 'Recreate') return;
      const remaining = replicaSets.ownedBy(d.metadata?.uid ?? '').some((r) => pods.ownedBy(r.metadata?.uid ?? '').length > 0);
      if (!remaining) enqueue(d);
    },
  });

  deployments.start();
  replicaSets.start();
  pods.start();
  return () => { stopped = true; };
};
