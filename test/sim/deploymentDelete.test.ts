import { expect, it } from 'vitest';
import type { Deployment } from '../../backends/contract/types.js';
import { controlPlane, createDeployment, podsOf, replicaSetsOf, waitComplete } from './deploymentKit.js';

it('deleting a Deployment (Background) removes its ReplicaSets, then its pods, which are Terminating first', () => {
  const sim = controlPlane();
  createDeployment(sim, 'petclinic', { replicas: 3 });
  waitComplete(sim, 'petclinic');
  const rsNames = replicaSetsOf(sim, 'petclinic').map((r) => r.metadata!.name!);
  expect(rsNames).toHaveLength(1);
  const terminatingSeen = new Set<string>();
  sim.api.onStored((_op, resource, obj) => {
    if (resource.name === 'pods' && obj.metadata?.deletionTimestamp) terminatingSeen.add(obj.metadata.name!);
  });

  sim.api.delete('deployments', 'default', 'petclinic', { propagationPolicy: 'Background' });
  // The Deployment is gone at once.
  expect(sim.api.tryGet('deployments', 'default', 'petclinic')).toBeUndefined();

  sim.virtualClock.advanceUntil(() => sim.api.tryGet('replicasets', 'default', rsNames[0]) === undefined, 10_000, 10);
  const pods = podsOf(sim, 'petclinic');
  expect(pods).toHaveLength(3);
  expect(pods.every((p) => p.metadata!.deletionTimestamp)).toBe(true);

  sim.virtualClock.advanceUntil(() => podsOf(sim, 'petclinic').length === 0, 60_000);
  expect(terminatingSeen.size).toBe(3);
  expect(sim.api.list('replicasets').items).toHaveLength(0);
});

it('deleting in the Foreground keeps the Deployment visible until its ReplicaSets and pods are gone', () => {
  const sim = controlPlane();
  createDeployment(sim, 'web', { replicas: 2 });
  waitComplete(sim, 'web');
  let created = 0;
  sim.api.onStored((op, resource) => { if (op === 'CREATE' && (resource.name === 'replicasets' || resource.name === 'pods')) created++; });
  sim.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
  sim.virtualClock.advance(10);
  const d = sim.api.tryGet('deployments', 'default', 'web') as Deployment | undefined;
  expect(d?.metadata?.deletionTimestamp).toBeDefined();
  expect(d?.metadata?.finalizers).toContain('foregroundDeletion');
  // Meanwhile the controller only reports status: it scales nothing back up.
  sim.virtualClock.advanceUntil(() => sim.api.tryGet('deployments', 'default', 'web') === undefined, 60_000);
  expect(podsOf(sim, 'web')).toHaveLength(0);
  expect(sim.api.list('replicasets').items).toHaveLength(0);
  expect(created).toBe(0);
});
