import { expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../backends/contract/types.js';
import {
  IMAGE_1, IMAGE_2, controlPlane, createDeployment, podsOf, recordDeploymentEvents, replicaSetWithImage, scalingMessages,
  setImage, waitComplete,
} from './deploymentKit.js';

it('Recreate removes every old pod, Terminating ones included, before it creates the new ReplicaSet', () => {
  const sim = controlPlane();
  createDeployment(sim, 'db', { replicas: 3, strategy: { type: 'Recreate' } });
  waitComplete(sim, 'db');
  const oldRS = replicaSetWithImage(sim, 'db', IMAGE_1).metadata!.name!;
  const events = recordDeploymentEvents(sim, 'db');
  let oldPodsWhenNewCreated = -1;
  let mixed = false;
  sim.api.onStored((op, resource) => {
    if (resource.name === 'replicasets' && op === 'CREATE') oldPodsWhenNewCreated = podsOf(sim, 'db').length;
    if (resource.name === 'pods') {
      const images = new Set(podsOf(sim, 'db').map((p: Pod) => p.spec!.containers[0].image));
      if (images.size > 1) mixed = true;
    }
  });

  setImage(sim, 'db', IMAGE_2);
  sim.virtualClock.advance(10);
  // All three old pods are Terminating at once; no new ReplicaSet yet.
  const terminating = podsOf(sim, 'db');
  expect(terminating).toHaveLength(3);
  expect(terminating.every((p) => p.metadata!.deletionTimestamp)).toBe(true);
  expect(() => replicaSetWithImage(sim, 'db', IMAGE_2)).toThrow();

  waitComplete(sim, 'db');
  const newRS = replicaSetWithImage(sim, 'db', IMAGE_2);
  expect(oldPodsWhenNewCreated).toBe(0);
  expect(mixed).toBe(false);
  // Created at full size in one step.
  expect(scalingMessages(events)).toEqual([
    `Scaled down replica set ${oldRS} from 3 to 0`,
    `Scaled up replica set ${newRS.metadata!.name} from 0 to 3`,
  ]);
  expect((sim.api.get('replicasets', 'default', oldRS) as ReplicaSet).spec!.replicas).toBe(0);
  expect(newRS.metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('3');
});
