import { describe, expect, it } from 'vitest';
import { replicaSetController } from '../../backends/sim/controllers/replicaSetController.js';
import { forbidden } from '../../backends/contract/errors.js';
import { isTerminating } from '../../backends/contract/podUtil.js';
import type { Event, KubeObject, OwnerReference, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { rfc3339 } from '../../backends/sim/clock.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { instantKubelet, newSim } from '../helpers/sim.js';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number; ownerReferences?: OwnerReference[] } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}) },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: 'web' }, annotations: { note: 'from-template' } },
        spec: { containers: [{ name: 'app', image: 'spring2go/spring-petclinic:1.0.0.RELEASE' }] },
      },
    },
  };
}

function pods(sim: Simulator, ns = 'default'): Pod[] {
  return sim.api.list('pods', { namespace: ns }).items as Pod[];
}

function activePods(sim: Simulator): Pod[] {
  return pods(sim).filter((p) => !isTerminating(p));
}

function rsOf(sim: Simulator, name: string): ReplicaSet {
  return sim.api.get('replicasets', 'default', name) as ReplicaSet;
}

function events(sim: Simulator, reason: string): Event[] {
  return (sim.api.list('events', { namespace: 'default' }).items as Event[]).filter((e) => e.reason === reason);
}

function scale(sim: Simulator, name: string, replicas: number): void {
  sim.api.patch('replicasets', 'default', name, 'merge', { spec: { replicas } });
  sim.virtualClock.flush();
}

interface PodState { node?: string; phase?: string; readyAt?: number; restarts?: number; cost?: number }

/** Puts a pod into a given scheduling/phase/readiness state, as a kubelet would report it. */
function setState(sim: Simulator, name: string, s: PodState): void {
  let cur = sim.api.get('pods', 'default', name) as Pod;
  if (s.node || s.cost !== undefined) {
    const next = structuredClone(cur);
    if (s.node) next.spec!.nodeName = s.node;
    if (s.cost !== undefined) next.metadata!.annotations = { ...next.metadata!.annotations, 'controller.kubernetes.io/pod-deletion-cost': String(s.cost) };
    cur = sim.api.update('pods', next as KubeObject) as Pod;
  }
  const ready = s.readyAt !== undefined;
  sim.api.update('pods', {
    ...structuredClone(cur),
    status: {
      phase: s.phase ?? 'Pending',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: rfc3339(s.readyAt ?? sim.clock.now()) }],
      containerStatuses: [{ name: 'app', image: 'x', imageID: '', ready, restartCount: s.restarts ?? 0 }],
    },
  } as KubeObject, { subresource: 'status' });
}

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods from the template, named <rs>-xxxxx and controlled by the ReplicaSet', () => {
    const sim = newSim([replicaSetController, instantKubelet()]);
    const rs = sim.api.create('replicasets', replicaSet('petclinic', 3)) as ReplicaSet;
    sim.virtualClock.flush();
    const created = pods(sim);
    expect(created).toHaveLength(3);
    for (const p of created) {
      expect(p.metadata!.name).toMatch(new RegExp(`^petclinic-${SUFFIX}$`));
      expect(p.metadata!.generateName).toBe('petclinic-');
      expect(p.metadata!.labels).toEqual({ app: 'petclinic', tier: 'web' });
      expect(p.metadata!.annotations).toEqual({ note: 'from-template' });
      expect(p.metadata!.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'petclinic', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true },
      ]);
      expect(p.spec!.containers[0].image).toBe('spring2go/spring-petclinic:1.0.0.RELEASE');
    }
    // Seen by the next sync: counted, not yet ready.
    expect(rsOf(sim, 'petclinic').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });

    sim.virtualClock.advance(2000);
    expect(rsOf(sim, 'petclinic').status).toEqual({
      replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1,
    });
    const created3 = events(sim, 'SuccessfulCreate');
    expect(created3.map((e) => e.message).sort()).toEqual(created.map((p) => `Created pod: ${p.metadata!.name}`).sort());
    expect(created3[0].source).toEqual({ component: 'replicaset-controller' });
    expect(created3[0].involvedObject.kind).toBe('ReplicaSet');
    expect(created3[0].type).toBe('Normal');
  });

  it('replaces a deleted pod at once, while the old one is still Terminating', () => {
    const sim = newSim([replicaSetController, instantKubelet(1000, 1000)]);
    sim.api.create('replicasets', replicaSet('petclinic', 3));
    sim.virtualClock.advance(2000);
    const victim = pods(sim)[0].metadata!.name!;
    sim.api.delete('pods', 'default', victim);
    sim.virtualClock.flush();
    const all = pods(sim);
    expect(all).toHaveLength(4);
    expect(all.find((p) => p.metadata!.name === victim)!.metadata!.deletionTimestamp).toBeDefined();
    expect(activePods(sim)).toHaveLength(3);
    expect(activePods(sim).map((p) => p.metadata!.name)).not.toContain(victim);
    // Never more than 3 active pods, and the terminating one goes away.
    for (let t = 0; t < 5000; t += 100) {
      sim.virtualClock.advance(100);
      expect(activePods(sim)).toHaveLength(3);
    }
    expect(pods(sim)).toHaveLength(3);
    expect(rsOf(sim, 'petclinic').status!.readyReplicas).toBe(3);
  });

  it('scales up and down, recording SuccessfulCreate and SuccessfulDelete', () => {
    const sim = newSim([replicaSetController, instantKubelet()]);
    sim.api.create('replicasets', replicaSet('web', 2));
    sim.virtualClock.advance(2000);
    scale(sim, 'web', 5);
    expect(activePods(sim)).toHaveLength(5);
    sim.virtualClock.advance(2000);
    expect(rsOf(sim, 'web').status).toMatchObject({ replicas: 5, readyReplicas: 5, observedGeneration: 2 });

    const before = new Set(activePods(sim).map((p) => p.metadata!.name));
    scale(sim, 'web', 1);
    const left = activePods(sim);
    expect(left).toHaveLength(1);
    expect(pods(sim).filter(isTerminating)).toHaveLength(4);
    const deleted = events(sim, 'SuccessfulDelete').map((e) => e.message).sort();
    expect(deleted).toEqual([...before].filter((n) => n !== left[0].metadata!.name).map((n) => `Deleted pod: ${n}`).sort());
    expect(events(sim, 'SuccessfulDelete').every((e) => e.count === 1)).toBe(true);
    sim.virtualClock.advance(2000);
    expect(rsOf(sim, 'web').status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 });
  });

  it('folds the tenth and later distinct SuccessfulCreate messages into one counted event', () => {
    const sim = newSim([replicaSetController]);
    sim.api.create('replicasets', replicaSet('big', 12));
    sim.virtualClock.flush();
    const evs = events(sim, 'SuccessfulCreate');
    const single = evs.filter((e) => !e.message!.startsWith('(combined'));
    const combined = evs.filter((e) => e.message!.startsWith('(combined from similar events): Created pod: big-'));
    expect(single).toHaveLength(9);
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(3);
  });

  it('deletes unscheduled before scheduled, pending before running, not-ready before ready, then the most recently ready', () => {
    const sim = newSim([replicaSetController]);
    sim.api.create('replicasets', replicaSet('web', 5));
    sim.virtualClock.flush();
    const [a, b, c, d, e] = pods(sim).map((p) => p.metadata!.name!);
    const now = sim.clock.now();
    sim.virtualClock.advance(2000_000);
    setState(sim, b, { node: 'kind-worker', phase: 'Pending' });
    setState(sim, c, { node: 'kind-worker', phase: 'Running' });
    setState(sim, d, { node: 'kind-worker2', phase: 'Running', readyAt: now });
    setState(sim, e, { node: 'kind-worker2', phase: 'Running', readyAt: sim.clock.now() - 10_000 });
    sim.virtualClock.flush();
    const order: string[] = [];
    for (const replicas of [4, 3, 2, 1]) {
      const active = new Set(activePods(sim).map((p) => p.metadata!.name!));
      scale(sim, 'web', replicas);
      const gone = [...active].filter((n) => !activePods(sim).some((p) => p.metadata!.name === n));
      expect(gone).toHaveLength(1);
      order.push(gone[0]);
    }
    expect(order).toEqual([a, b, c, e]);
    // The unscheduled pod is removed at once; scheduled ones wait for their kubelet.
    expect(sim.api.tryGet('pods', 'default', a)).toBeUndefined();
    expect(sim.api.get('pods', 'default', b).metadata!.deletionTimestamp).toBeDefined();
  });

  it('prefers a lower pod-deletion-cost, then more co-located siblings', () => {
    const sim = newSim([replicaSetController]);
    const owner = sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'x' }] } } },
    });
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
    sim.api.create('replicasets', replicaSet('web', 4, { ownerReferences: [ref] }));
    sim.virtualClock.flush();
    const [p1, p2, p3, p4] = pods(sim).map((p) => p.metadata!.name!);
    const readyAt = sim.clock.now();
    sim.virtualClock.advance(60_000);
    setState(sim, p1, { node: 'kind-worker', phase: 'Running', readyAt, cost: 100 });
    setState(sim, p2, { node: 'kind-worker', phase: 'Running', readyAt });
    setState(sim, p3, { node: 'kind-worker', phase: 'Running', readyAt });
    setState(sim, p4, { node: 'kind-worker2', phase: 'Running', readyAt, restarts: 5 });
    sim.virtualClock.flush();
    const deletedAt = (replicas: number): string => {
      const active = new Set(activePods(sim).map((p) => p.metadata!.name!));
      scale(sim, 'web', replicas);
      return [...active].find((n) => !activePods(sim).some((p) => p.metadata!.name === n))!;
    };
    // p2 and p3 share kind-worker with two siblings (rank 3, counting p1); p4 is alone there.
    const first = deletedAt(3);
    expect([p2, p3]).toContain(first);
    // Now p1 (cost 100) and the other of p2/p3 have rank 2, p4 rank 1: cost outranks rank,
    // so the remaining p2/p3 goes; then p4 (cost 0, alone on its node) before p1 (cost 100).
    expect(deletedAt(2)).toBe(first === p2 ? p3 : p2);
    expect(deletedAt(1)).toBe(p4);
    expect(activePods(sim).map((p) => p.metadata!.name)).toEqual([p1]);
  });

  it('breaks ties within one power-of-two age bucket by pod UID (LogarithmicScaleDown)', () => {
    const sim = newSim([replicaSetController]);
    sim.api.create('replicasets', replicaSet('web', 2));
    sim.virtualClock.flush();
    sim.virtualClock.advance(1000_000);
    const now = sim.clock.now();
    const [x, y] = pods(sim);
    // 600 s and 700 s ago are in the same log2(ns) bucket: the lower UID goes, not the younger.
    const lower = x.metadata!.uid! < y.metadata!.uid! ? x : y;
    const higher = lower === x ? y : x;
    setState(sim, lower.metadata!.name!, { node: 'kind-worker', phase: 'Running', readyAt: now - 700_000 });
    setState(sim, higher.metadata!.name!, { node: 'kind-worker', phase: 'Running', readyAt: now - 600_000 });
    sim.virtualClock.flush();
    scale(sim, 'web', 1);
    expect(activePods(sim).map((p) => p.metadata!.name)).toEqual([higher.metadata!.name]);
  });

  it('deletes the pod with more container restarts first when all else is equal', () => {
    const sim = newSim([replicaSetController]);
    sim.api.create('replicasets', replicaSet('web', 2));
    sim.virtualClock.flush();
    const readyAt = sim.clock.now();
    sim.virtualClock.advance(60_000);
    const [x, y] = pods(sim);
    // The restarted pod has the higher UID, so the UID tie-break alone would keep it.
    const [calm, flaky] = x.metadata!.uid! < y.metadata!.uid! ? [x, y] : [y, x];
    setState(sim, calm.metadata!.name!, { node: 'kind-worker', phase: 'Running', readyAt });
    setState(sim, flaky.metadata!.name!, { node: 'kind-worker', phase: 'Running', readyAt, restarts: 5 });
    sim.virtualClock.flush();
    scale(sim, 'web', 1);
    expect(activePods(sim).map((p) => p.metadata!.name)).toEqual([calm.metadata!.name]);
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    const sim = newSim([replicaSetController, instantKubelet()]);
    sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
    sim.virtualClock.advance(2000);
    const rs = sim.api.create('replicasets', replicaSet('web', 3)) as ReplicaSet;
    sim.virtualClock.flush();
    expect(pods(sim)).toHaveLength(3);
    expect(sim.api.get('pods', 'default', 'stray').metadata!.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(events(sim, 'SuccessfulCreate')).toHaveLength(2);
    sim.virtualClock.advance(2000);

    // kubectl label pod stray app-
    sim.api.patch('pods', 'default', 'stray', 'merge', { metadata: { labels: { app: null } } });
    sim.virtualClock.flush();
    const stray = sim.api.get('pods', 'default', 'stray') as Pod;
    expect(stray.metadata!.ownerReferences).toBeUndefined();
    expect(isTerminating(stray)).toBe(false);
    const owned = activePods(sim).filter((p) => p.metadata!.ownerReferences?.[0]?.uid === rs.metadata!.uid);
    expect(owned).toHaveLength(3);
    expect(activePods(sim)).toHaveLength(4);
  });

  it('counts a pod available only minReadySeconds after it became Ready', () => {
    const sim = newSim([replicaSetController, instantKubelet(1000)]);
    sim.api.create('replicasets', replicaSet('slow', 3, { minReadySeconds: 10 }));
    sim.virtualClock.advance(1500);
    expect(rsOf(sim, 'slow').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, observedGeneration: 1 });
    sim.virtualClock.advance(9000); // 10.5 s after creation, 9.5 s after Ready
    expect(rsOf(sim, 'slow').status!.availableReplicas).toBeUndefined();
    sim.virtualClock.advance(1000); // Ready since 10:00:01, available from 10:00:11
    expect(rsOf(sim, 'slow').status!.availableReplicas).toBe(3);
  });

  it('creates in slow-start batches, stops at the first failed batch and reports ReplicaFailure', () => {
    const sim = newSim([replicaSetController]);
    let quota = 4;
    const attempts: string[] = [];
    const message = () => `exceeded quota: pod-quota, requested: pods=1, used: pods=${quota}, limited: pods=${quota}`;
    sim.api.use({
      name: 'ResourceQuota',
      admit({ op, resource, api }) {
        if (op !== 'CREATE' || resource.name !== 'pods') return;
        const over = api.list('pods').items.length >= quota;
        attempts.push(over ? 'fail' : 'ok');
        if (over) throw forbidden(resource, '', message());
      },
    });
    sim.api.create('replicasets', replicaSet('web', 10));
    sim.virtualClock.flush();
    // First sync: batches of 1, 2 and 4, the third with one success and three failures, and
    // no further batch. Observing its 4 pods, the next sync tries a batch of 1, which fails;
    // its status write (replicas 4) triggers one more sync, which fails the same way.
    expect(attempts).toEqual(['ok', 'ok', 'ok', 'ok', 'fail', 'fail', 'fail', 'fail', 'fail']);
    expect(pods(sim)).toHaveLength(4);
    const failed = events(sim, 'FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toBe(`Error creating: pods is forbidden: ${message()}`);
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].count).toBe(5);
    const cond = rsOf(sim, 'web').status!.conditions!;
    expect(cond).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: `pods is forbidden: ${message()}` })]);
    expect(rsOf(sim, 'web').status!.replicas).toBe(4);

    quota = 100;
    sim.virtualClock.advance(2000);
    expect(pods(sim)).toHaveLength(10);
    expect(rsOf(sim, 'web').status!.conditions).toBeUndefined();
    expect(rsOf(sim, 'web').status!.replicas).toBe(10);
  });

  it('does not scale a ReplicaSet that is being deleted', () => {
    const sim = newSim([replicaSetController]);
    sim.api.create('replicasets', { ...replicaSet('web', 2), metadata: { name: 'web', namespace: 'default', finalizers: ['example.com/hold'] } });
    sim.virtualClock.flush();
    sim.api.delete('replicasets', 'default', 'web');
    sim.api.delete('pods', 'default', pods(sim)[0].metadata!.name!);
    sim.virtualClock.advance(1000);
    expect(pods(sim)).toHaveLength(1);
  });
});
