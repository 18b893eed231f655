import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../backends/sim/controllers/garbageCollector.js';
import { replicaSetController } from '../../backends/sim/controllers/replicaSetController.js';
import { isTerminating } from '../../backends/contract/podUtil.js';
import type { KubeObject, OwnerReference, Pod, ReplicaSet } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { instantKubelet, newSim } from '../helpers/sim.js';

function replicaSet(name: string, replicas: number, owner?: OwnerReference): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
  };
}

function deployment(name: string): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  };
}

function refTo(obj: KubeObject, blockOwnerDeletion = true): OwnerReference {
  return { apiVersion: obj.apiVersion!, kind: obj.kind!, name: obj.metadata!.name!, uid: obj.metadata!.uid!, controller: true, blockOwnerDeletion };
}

function pods(sim: Simulator): Pod[] {
  return sim.api.list('pods', { namespace: 'default' }).items as Pod[];
}

function start(): Simulator {
  const sim = newSim([garbageCollector, replicaSetController, instantKubelet(1000, 1000)]);
  return sim;
}

function runningReplicaSet(sim: Simulator, name = 'web', replicas = 3, owner?: OwnerReference): ReplicaSet {
  const rs = sim.api.create('replicasets', replicaSet(name, replicas, owner)) as ReplicaSet;
  sim.virtualClock.advance(2000);
  expect(pods(sim).filter((p) => p.status?.phase === 'Running')).toHaveLength(replicas);
  return rs;
}

describe('garbage collector', () => {
  it('background: the ReplicaSet goes at once, its pods turn Terminating, then go', () => {
    const sim = start();
    runningReplicaSet(sim);
    sim.api.delete('replicasets', 'default', 'web');
    expect(sim.api.tryGet('replicasets', 'default', 'web')).toBeUndefined();
    sim.virtualClock.flush();
    const terminating = pods(sim);
    expect(terminating).toHaveLength(3);
    expect(terminating.every(isTerminating)).toBe(true);
    expect(terminating.every((p) => p.metadata!.deletionGracePeriodSeconds === 30)).toBe(true);
    sim.virtualClock.advance(1500);
    expect(pods(sim)).toHaveLength(0);
  });

  it('foreground: the ReplicaSet stays visible with the foregroundDeletion finalizer until its pods are gone', () => {
    const sim = start();
    runningReplicaSet(sim);
    sim.api.delete('replicasets', 'default', 'web', { propagationPolicy: 'Foreground' });
    sim.virtualClock.flush();
    const rs = sim.api.get('replicasets', 'default', 'web');
    expect(rs.metadata!.finalizers).toEqual(['foregroundDeletion']);
    expect(rs.metadata!.deletionTimestamp).toBeDefined();
    expect(pods(sim)).toHaveLength(3);
    expect(pods(sim).every(isTerminating)).toBe(true);
    sim.virtualClock.advance(900);
    expect(sim.api.tryGet('replicasets', 'default', 'web')).toBeDefined();
    const gone = sim.virtualClock.advanceUntil(() => !sim.api.tryGet('replicasets', 'default', 'web'), 10_000, 10);
    expect(pods(sim)).toHaveLength(0);
    expect(gone).toBeLessThan(500);
  });

  it('orphan: the pods keep running with their owner reference removed', () => {
    const sim = start();
    runningReplicaSet(sim);
    sim.api.delete('replicasets', 'default', 'web', { propagationPolicy: 'Orphan' });
    expect(sim.api.get('replicasets', 'default', 'web').metadata!.finalizers).toEqual(['orphan']);
    sim.virtualClock.flush();
    expect(sim.api.tryGet('replicasets', 'default', 'web')).toBeUndefined();
    sim.virtualClock.advance(5000);
    const left = pods(sim);
    expect(left).toHaveLength(3);
    for (const p of left) {
      expect(isTerminating(p)).toBe(false);
      expect(p.metadata!.ownerReferences).toBeUndefined();
      expect(p.status!.phase).toBe('Running');
    }
  });

  it('an orphaned pod is adopted again by a new ReplicaSet with a matching selector', () => {
    const sim = start();
    runningReplicaSet(sim);
    sim.api.delete('replicasets', 'default', 'web', { propagationPolicy: 'Orphan' });
    sim.virtualClock.advance(1000);
    const again = sim.api.create('replicasets', replicaSet('web', 3)) as ReplicaSet;
    sim.virtualClock.advance(1000);
    expect(pods(sim)).toHaveLength(3);
    expect(pods(sim).every((p) => p.metadata!.ownerReferences?.[0]?.uid === again.metadata!.uid)).toBe(true);
  });

  it('foreground is recursive: Deployment waits for its ReplicaSet, which waits for its pods', () => {
    const sim = start();
    const d = sim.api.create('deployments', deployment('web'));
    runningReplicaSet(sim, 'web', 2, refTo(d));
    sim.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    sim.virtualClock.flush();
    expect(sim.api.get('deployments', 'default', 'web').metadata!.finalizers).toEqual(['foregroundDeletion']);
    expect(sim.api.get('replicasets', 'default', 'web').metadata!.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(sim).every(isTerminating)).toBe(true);
    sim.virtualClock.advanceUntil(() => !sim.api.tryGet('replicasets', 'default', 'web'), 10_000, 10);
    expect(pods(sim)).toHaveLength(0);
    sim.virtualClock.flush();
    expect(sim.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
  });

  it('background from a Deployment deletes its ReplicaSets and, through them, the pods', () => {
    const sim = start();
    const d = sim.api.create('deployments', deployment('web'));
    runningReplicaSet(sim, 'web', 2, refTo(d));
    sim.api.delete('deployments', 'default', 'web');
    sim.virtualClock.flush();
    expect(sim.api.tryGet('replicasets', 'default', 'web')).toBeUndefined();
    expect(pods(sim).every(isTerminating)).toBe(true);
    sim.virtualClock.advance(1500);
    expect(pods(sim)).toHaveLength(0);
  });

  it('only dependents with blockOwnerDeletion hold a foreground deletion', () => {
    const sim = start();
    const owner = sim.api.create('configmaps', { metadata: { name: 'owner' }, data: {} });
    for (const [name, block] of [['blocking', true], ['loose', false]] as const) {
      sim.api.create('configmaps', { metadata: { name, finalizers: ['example.com/hold'], ownerReferences: [refTo(owner, block)] }, data: {} });
    }
    sim.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    sim.virtualClock.advance(1000);
    // Both dependents are being deleted but held by their own finalizer; the blocking one holds the owner.
    expect(sim.api.get('configmaps', 'default', 'blocking').metadata!.deletionTimestamp).toBeDefined();
    expect(sim.api.get('configmaps', 'default', 'loose').metadata!.deletionTimestamp).toBeDefined();
    expect(sim.api.tryGet('configmaps', 'default', 'owner')).toBeDefined();
    const blocking = sim.api.get('configmaps', 'default', 'blocking');
    sim.api.update('configmaps', { ...blocking, metadata: { ...blocking.metadata, finalizers: [] } });
    expect(sim.api.tryGet('configmaps', 'default', 'blocking')).toBeUndefined();
    sim.virtualClock.advance(100);
    expect(sim.api.tryGet('configmaps', 'default', 'owner')).toBeUndefined();
    expect(sim.api.tryGet('configmaps', 'default', 'loose')).toBeDefined();
  });

  it('deletes an object whose only owner never existed, and drops a dangling reference beside a live one', () => {
    const sim = start();
    const live = sim.api.create('configmaps', { metadata: { name: 'live' }, data: {} });
    const ghost: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' };
    sim.api.create('configmaps', { metadata: { name: 'lost', ownerReferences: [ghost] }, data: {} });
    sim.api.create('configmaps', { metadata: { name: 'kept', ownerReferences: [ghost, { ...refTo(live, false), controller: false }] }, data: {} });
    sim.virtualClock.flush();
    expect(sim.api.tryGet('configmaps', 'default', 'lost')).toBeUndefined();
    expect(sim.api.get('configmaps', 'default', 'kept').metadata!.ownerReferences).toEqual([{ ...refTo(live, false), controller: false }]);
  });

  it('leaves alone a dependent whose owner kind it cannot resolve', () => {
    const sim = start();
    const unknown: OwnerReference = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: '00000000-0000-4000-8000-000000000001' };
    sim.api.create('configmaps', { metadata: { name: 'widget-data', ownerReferences: [unknown] }, data: {} });
    sim.virtualClock.advance(1000);
    expect(sim.api.tryGet('configmaps', 'default', 'widget-data')).toBeDefined();
  });
});
