import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../backends/sim/controllers/garbageCollector.js';
import { namespaceController } from '../../backends/sim/controllers/namespaceController.js';
import { replicaSetController } from '../../backends/sim/controllers/replicaSetController.js';
import { isStatusError, type StatusError } from '../../backends/contract/errors.js';
import { isTerminating } from '../../backends/contract/podUtil.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { Event, KubeObject, Namespace, Pod, ReplicaSet } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { instantKubelet, newSim } from '../helpers/sim.js';

function start(): Simulator {
  return newSim([namespaceController, garbageCollector, replicaSetController, instantKubelet(1000, 1000)]);
}

function createNamespace(sim: Simulator, name: string): void {
  sim.api.create('namespaces', { metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
}

function populate(sim: Simulator, ns: string): void {
  sim.api.create('replicasets', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: ns },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  sim.api.create('configmaps', { metadata: { name: 'settings', namespace: ns }, data: { TEST_CONFIG: 'test_config_v1' } });
  sim.api.create('services', { metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  sim.virtualClock.advance(2000);
}

function ns(sim: Simulator, name: string): Namespace | undefined {
  return sim.api.tryGet('namespaces', undefined, name) as Namespace | undefined;
}

function condition(sim: Simulator, name: string, type: string) {
  return ns(sim, name)?.status?.conditions?.find((c) => c.type === type);
}

function contentOf(sim: Simulator, namespace: string): string[] {
  return Object.values(RESOURCES).filter((r) => r.namespaced)
    .flatMap((r) => sim.api.list(r.name, { namespace }).items.map((o) => `${r.name}/${o.metadata!.name}`));
}

function thrown(fn: () => unknown): StatusError {
  try { fn(); } catch (e) { if (isStatusError(e)) return e; throw e; }
  throw new Error('expected a StatusError');
}

describe('namespace controller', () => {
  it('marks the namespace Terminating, deletes its content (pods gracefully), then the namespace goes', () => {
    const sim = start();
    createNamespace(sim, 'demo');
    populate(sim, 'demo');
    expect((sim.api.list('pods', { namespace: 'demo' }).items as Pod[]).filter((p) => p.status?.phase === 'Running')).toHaveLength(2);

    sim.api.delete('namespaces', undefined, 'demo');
    expect(ns(sim, 'demo')!.status!.phase).toBe('Terminating');
    expect(ns(sim, 'demo')!.metadata!.deletionTimestamp).toBeDefined();

    // The controller waits 5 s after the namespace event, then deletes everything in it.
    sim.virtualClock.advance(4900);
    expect(contentOf(sim, 'demo')).toContain('configmaps/settings');
    sim.virtualClock.advance(100);
    const pods = sim.api.list('pods', { namespace: 'demo' }).items as Pod[];
    expect(pods).toHaveLength(2);
    expect(pods.every(isTerminating)).toBe(true);
    expect(contentOf(sim, 'demo').filter((k) => !k.startsWith('pods/'))).toEqual([]);
    expect(condition(sim, 'demo', 'NamespaceContentRemaining')).toMatchObject({
      status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 2 resource instances',
    });
    expect(condition(sim, 'demo', 'NamespaceDeletionContentFailure')).toMatchObject({
      status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization',
    });
    expect(condition(sim, 'demo', 'NamespaceFinalizersRemaining')).toMatchObject({ status: 'False', reason: 'ContentHasNoFinalizers' });
    expect(ns(sim, 'demo')!.status!.conditions!.map((c) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining', 'NamespaceFinalizersRemaining',
    ]);
    expect(ns(sim, 'demo')!.spec!.finalizers).toEqual(['kubernetes']);

    const took = sim.virtualClock.advanceUntil(() => !ns(sim, 'demo'), 60_000, 100);
    expect(took).toBeLessThanOrEqual(6000);
    expect(contentOf(sim, 'demo')).toEqual([]);
  });

  it('refuses new content in a Terminating namespace with NamespaceTerminating, and the ReplicaSet records no event for it', () => {
    const sim = start();
    createNamespace(sim, 'demo');
    populate(sim, 'demo');
    sim.api.delete('namespaces', undefined, 'demo');
    const err = thrown(() => sim.api.create('pods', { metadata: { name: 'x', namespace: 'demo' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
    expect(err.code).toBe(403);
    expect(err.message).toBe('pods "x" is forbidden: unable to create new content in namespace demo because it is being terminated');
    expect(err.status.details!.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace demo is being terminated', field: 'metadata.namespace' }]);

    // A pod deleted by hand: the ReplicaSet tries to replace it and is refused quietly.
    const victim = sim.api.list('pods', { namespace: 'demo' }).items[0].metadata!.name!;
    sim.api.delete('pods', 'demo', victim);
    sim.virtualClock.advance(1000);
    const failed = (sim.api.list('events', { namespace: 'demo' }).items as Event[]).filter((e) => e.reason === 'FailedCreate');
    expect(failed).toEqual([]);
    expect(sim.api.list('pods', { namespace: 'demo' }).items).toHaveLength(1);
    const [failure] = (sim.api.get('replicasets', 'demo', 'web') as ReplicaSet).status!.conditions!;
    expect(failure).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(failure.message).toMatch(/^pods .*is forbidden: unable to create new content in namespace demo because it is being terminated$/);
  });

  it('refuses to delete default, kube-system and kube-public, but not kube-node-lease', () => {
    const sim = start();
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const err = thrown(() => sim.api.delete('namespaces', undefined, name));
      expect(err.code).toBe(403);
      expect(err.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
      expect(ns(sim, name)!.metadata!.deletionTimestamp).toBeUndefined();
    }
    sim.api.delete('namespaces', undefined, 'kube-node-lease');
    sim.virtualClock.advanceUntil(() => !ns(sim, 'kube-node-lease'), 60_000);
  });

  it('stays Terminating while an object keeps a finalizer, and says which', () => {
    const sim = start();
    createNamespace(sim, 'held');
    sim.api.create('configmaps', { metadata: { name: 'keep', namespace: 'held', finalizers: ['example.com/hold'] }, data: {} });
    sim.api.delete('namespaces', undefined, 'held');
    sim.virtualClock.advance(60_000);
    expect(ns(sim, 'held')!.status!.phase).toBe('Terminating');
    expect(condition(sim, 'held', 'NamespaceContentRemaining')!.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    expect(condition(sim, 'held', 'NamespaceFinalizersRemaining')).toMatchObject({
      status: 'True', reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    });
    const cm = sim.api.get('configmaps', 'held', 'keep');
    sim.api.update('configmaps', { ...cm, metadata: { ...cm.metadata, finalizers: [] } } as KubeObject);
    sim.virtualClock.advanceUntil(() => !ns(sim, 'held'), 60_000);
  });

  it('an empty namespace goes about five seconds after the delete', () => {
    const sim = start();
    createNamespace(sim, 'empty');
    sim.api.delete('namespaces', undefined, 'empty');
    const took = sim.virtualClock.advanceUntil(() => !ns(sim, 'empty'), 60_000, 100);
    expect(took).toBe(5000);
  });
});
