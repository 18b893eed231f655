import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../backends/contract/types.js';
import {
  BROKEN_IMAGE, IMAGE_1, IMAGE_2, controlPlane, createDeployment, getDeployment, recordDeploymentEvents,
  replicaSetWithImage, replicaSetsOf, scalingMessages, setImage, standInKubelet, waitComplete,
} from './deploymentKit.js';

function scale(sim: ReturnType<typeof controlPlane>, name: string, replicas: number): Deployment {
  return sim.api.patch('deployments', 'default', name, 'merge', { spec: { replicas } }) as Deployment;
}

function progressing(d: Deployment) {
  return d.status?.conditions?.find((c) => c.type === 'Progressing');
}

describe('scaling', () => {
  it('scales a settled Deployment through its one ReplicaSet and updates the replicas annotations', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    const events = recordDeploymentEvents(sim, 'web');
    scale(sim, 'web', 5);
    waitComplete(sim, 'web');
    const rs = replicaSetsOf(sim, 'web');
    expect(rs).toHaveLength(1);
    expect(rs[0].spec!.replicas).toBe(5);
    expect(rs[0].metadata!.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect(rs[0].metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('7');
    scale(sim, 'web', 1);
    waitComplete(sim, 'web');
    expect(scalingMessages(events)).toEqual([
      `Scaled up replica set ${rs[0].metadata!.name} from 2 to 5`,
      `Scaled down replica set ${rs[0].metadata!.name} from 5 to 1`,
    ]);
  });

  it('spreads a scale-up over old and new ReplicaSets in proportion during a stuck rollout', () => {
    // The upstream documentation's example: 10 replicas, maxSurge 3, maxUnavailable 2, a new
    // image that never pulls, then a scale to 15: 3 more go to the old set and 2 to the new.
    const sim = controlPlane(standInKubelet());
    createDeployment(sim, 'nginx', { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
    waitComplete(sim, 'nginx');
    setImage(sim, 'nginx', BROKEN_IMAGE);
    sim.virtualClock.advance(30_000);
    const oldRS = replicaSetWithImage(sim, 'nginx', IMAGE_1);
    const newRS = replicaSetWithImage(sim, 'nginx', BROKEN_IMAGE);
    expect([oldRS.spec!.replicas, newRS.spec!.replicas]).toEqual([8, 5]);

    const events = recordDeploymentEvents(sim, 'nginx');
    scale(sim, 'nginx', 15);
    sim.virtualClock.advance(5_000);
    expect(replicaSetWithImage(sim, 'nginx', IMAGE_1).spec!.replicas).toBe(11);
    expect(replicaSetWithImage(sim, 'nginx', BROKEN_IMAGE).spec!.replicas).toBe(7);
    expect(scalingMessages(events)).toEqual([
      `Scaled up replica set ${oldRS.metadata!.name} from 8 to 11`,
      `Scaled up replica set ${newRS.metadata!.name} from 5 to 7`,
    ]);
    for (const rs of replicaSetsOf(sim, 'nginx')) {
      expect(rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('15');
      expect(rs.metadata!.annotations!['deployment.kubernetes.io/max-replicas']).toBe('18');
    }

    // And back down to 5: larger sets first, ties oldest first. allowed = 5 + 3 = 8:
    // old 11 → round(11·8/18) = 5, new 7 → round(7·8/18) = 3. The rollout then goes on from
    // there: 2 more old pods may go (8 − (5 − 2) − 3 unavailable new ones), and the new set
    // takes the surge they free.
    const down = recordDeploymentEvents(sim, 'nginx');
    scale(sim, 'nginx', 5);
    sim.virtualClock.advance(5_000);
    expect(scalingMessages(down)).toEqual([
      `Scaled down replica set ${oldRS.metadata!.name} from 11 to 5`,
      `Scaled down replica set ${newRS.metadata!.name} from 7 to 3`,
      `Scaled down replica set ${oldRS.metadata!.name} from 5 to 3`,
      `Scaled up replica set ${newRS.metadata!.name} from 3 to 5`,
    ]);
    expect(replicaSetWithImage(sim, 'nginx', IMAGE_1).spec!.replicas).toBe(3);
    expect(replicaSetWithImage(sim, 'nginx', BROKEN_IMAGE).spec!.replicas).toBe(5);
  });
});

describe('paused', () => {
  it('scales but does not roll while paused, with Progressing Unknown; resuming rolls', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    sim.api.patch('deployments', 'default', 'web', 'strategic', { spec: { paused: true } });
    sim.virtualClock.advance(100);
    const paused = progressing(getDeployment(sim, 'web'))!;
    expect([paused.status, paused.reason, paused.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);

    setImage(sim, 'web', IMAGE_2);
    scale(sim, 'web', 4);
    sim.virtualClock.advance(30_000);
    const sets = replicaSetsOf(sim, 'web');
    expect(sets).toHaveLength(1);
    expect(sets[0].spec!.template!.spec!.containers[0].image).toBe(IMAGE_1);
    expect(sets[0].spec!.replicas).toBe(4);
    const d = getDeployment(sim, 'web');
    expect(d.status!.observedGeneration).toBe(d.metadata!.generation);
    expect(d.status!.availableReplicas).toBe(4);
    expect(d.status!.updatedReplicas).toBeUndefined(); // no new ReplicaSet: 0, omitted
    // Paused longer than the deadline never times out.
    sim.virtualClock.advance(700_000);
    expect(progressing(getDeployment(sim, 'web'))!.reason).toBe('DeploymentPaused');

    const events = recordDeploymentEvents(sim, 'web');
    sim.api.patch('deployments', 'default', 'web', 'strategic', { spec: { paused: false } });
    sim.virtualClock.advance(1);
    waitComplete(sim, 'web');
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).spec!.replicas).toBe(4);
    expect(scalingMessages(events)[0]).toBe(`Scaled up replica set ${replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.name} from 0 to 1`);
    const done = progressing(getDeployment(sim, 'web'))!;
    expect(done.reason).toBe('NewReplicaSetAvailable');
  });

  it('writes DeploymentResumed when a paused Deployment is resumed', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 1, paused: true });
    sim.virtualClock.advance(100);
    // A Deployment created paused has no ReplicaSet at all.
    expect(replicaSetsOf(sim, 'web')).toHaveLength(0);
    const seen: string[] = [];
    sim.api.onStored((_op, resource, obj) => {
      if (resource.name !== 'deployments') return;
      const c = progressing(obj as Deployment);
      if (c && seen[seen.length - 1] !== c.reason) seen.push(c.reason!);
    });
    sim.api.patch('deployments', 'default', 'web', 'strategic', { spec: { paused: false } });
    waitComplete(sim, 'web');
    expect(seen.slice(0, 3)).toEqual(['DeploymentPaused', 'DeploymentResumed', 'NewReplicaSetCreated']);
    expect(seen[seen.length - 1]).toBe('NewReplicaSetAvailable');
  });
});
