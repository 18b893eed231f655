import { describe, expect, it } from 'vitest';
import type { Deployment } from '../../backends/contract/types.js';
import { rfc3339 } from '../../backends/sim/clock.js';
import {
  BROKEN_IMAGE, IMAGE_1, IMAGE_2, controlPlane, createDeployment, getDeployment, replicaSetWithImage, setImage,
  standInKubelet, waitComplete,
} from './deploymentKit.js';

function condition(d: Deployment, type: string) {
  const c = d.status?.conditions?.find((x) => x.type === type);
  return c && { status: c.status, reason: c.reason, message: c.message };
}

describe('status', () => {
  it('reports a fresh Deployment from no pods to complete, with the exact conditions', () => {
    const sim = controlPlane();
    const progress: Array<string | undefined> = [];
    sim.api.onStored((_op, resource, obj) => {
      if (resource.name !== 'deployments') return;
      const c = condition(obj as Deployment, 'Progressing');
      const line = c && `${c.status} ${c.reason} ${c.message}`;
      if (line && progress[progress.length - 1] !== line) progress.push(line);
    });
    const created = createDeployment(sim, 'web', { replicas: 3 });
    sim.virtualClock.advance(10);
    const rs = replicaSetWithImage(sim, 'web', IMAGE_1).metadata!.name!;
    let d = getDeployment(sim, 'web');
    // Pods exist but none is ready yet.
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 });
    expect(d.status!.availableReplicas).toBeUndefined(); // 0 is omitted on the wire
    expect(d.status!.readyReplicas).toBeUndefined();
    expect(condition(d, 'Available')).toEqual({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');

    waitComplete(sim, 'web');
    d = getDeployment(sim, 'web');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status!.unavailableReplicas).toBeUndefined();
    // Available then Progressing: the order describe prints.
    expect(d.status!.conditions!.map((c) => c.type)).toEqual(['Available', 'Progressing']);
    expect(condition(d, 'Available')).toEqual({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(d, 'Progressing')).toEqual({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs}" has successfully progressed.` });
    // Progressing never left True, so its transition time is still the creation's.
    const p = d.status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect(p.lastTransitionTime).toBe(created.metadata!.creationTimestamp);
    expect(p.lastUpdateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(progress).toEqual([
      `True NewReplicaSetCreated Created new replica set "${rs}"`,
      `True ReplicaSetUpdated ReplicaSet "${rs}" is progressing.`,
      `True NewReplicaSetAvailable ReplicaSet "${rs}" has successfully progressed.`,
    ]);
  });

  it('says ReplicaSetUpdated while a rollout progresses and observes each new generation', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 4 });
    waitComplete(sim, 'web');
    const updated = setImage(sim, 'web', IMAGE_2);
    expect(updated.metadata!.generation).toBe(2);
    sim.virtualClock.advance(10);
    const rs = replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.name!;
    let d = getDeployment(sim, 'web');
    expect(d.status!.observedGeneration).toBe(2);
    // 4 replicas at 25%: surge 1 and unavailable 1, so 2 new at once and one old gone.
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).spec!.replicas).toBe(2);
    expect(replicaSetWithImage(sim, 'web', IMAGE_1).spec!.replicas).toBe(3);
    expect(condition(d, 'Progressing')).toEqual({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rs}" is progressing.` });
    expect(d.status).toMatchObject({ replicas: 5, updatedReplicas: 2, unavailableReplicas: 2, availableReplicas: 3 });
    expect(condition(d, 'Available')!.status).toBe('True');
    waitComplete(sim, 'web');
    d = getDeployment(sim, 'web');
    expect(condition(d, 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('times out with ProgressDeadlineExceeded when new pods never become ready, and a new rollout clears it', () => {
    const sim = controlPlane(standInKubelet());
    createDeployment(sim, 'web', { replicas: 3 });
    waitComplete(sim, 'web');
    setImage(sim, 'web', BROKEN_IMAGE);
    sim.virtualClock.advance(5_000);
    const rs = replicaSetWithImage(sim, 'web', BROKEN_IMAGE).metadata!.name!;
    const last = getDeployment(sim, 'web').status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect(last.reason).toBe('ReplicaSetUpdated');
    const lastProgress = Date.parse(last.lastUpdateTime!);

    // Not before the 600 s default deadline...
    sim.virtualClock.advance(lastProgress + 600_000 - sim.clock.now());
    expect(condition(getDeployment(sim, 'web'), 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    // ...and on time after it, without any event to wake the controller.
    sim.virtualClock.advance(1_500);
    const d = getDeployment(sim, 'web');
    expect(condition(d, 'Progressing')).toEqual({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` });
    // Reported within a second after the deadline (the controller's timers fire at lastUpdate +
    // deadline + 1 s, or just after the deadline when an earlier one was pending).
    const timedOut = d.status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect([rfc3339(lastProgress + 600_000), rfc3339(lastProgress + 601_000)]).toContain(timedOut.lastTransitionTime);
    // The old pods still serve: the Deployment stays Available, the rollout just stopped.
    expect(condition(d, 'Available')!.status).toBe('True');
    expect(replicaSetWithImage(sim, 'web', IMAGE_1).spec!.replicas).toBe(3);
    expect(replicaSetWithImage(sim, 'web', BROKEN_IMAGE).spec!.replicas).toBe(1);

    // Sticky: nothing changes it while the rollout stays stuck.
    sim.virtualClock.advance(3_600_000);
    expect(condition(getDeployment(sim, 'web'), 'Progressing')!.reason).toBe('ProgressDeadlineExceeded');

    // Fixing the image starts a new rollout that completes.
    setImage(sim, 'web', IMAGE_2);
    waitComplete(sim, 'web');
    expect(condition(getDeployment(sim, 'web'), 'Progressing')!.reason).toBe('NewReplicaSetAvailable');
  });

  it('honours a shorter progressDeadlineSeconds', () => {
    const sim = controlPlane(standInKubelet());
    createDeployment(sim, 'web', { replicas: 1, progressDeadlineSeconds: 30 });
    waitComplete(sim, 'web');
    setImage(sim, 'web', BROKEN_IMAGE);
    sim.virtualClock.advance(25_000);
    expect(condition(getDeployment(sim, 'web'), 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    sim.virtualClock.advance(10_000);
    expect(condition(getDeployment(sim, 'web'), 'Progressing')!.reason).toBe('ProgressDeadlineExceeded');
  });

  it('reports a failed ReplicaSet create as ReplicaSetCreateError with a Warning event', () => {
    const sim = controlPlane();
    sim.api.use({
      name: 'DenyReplicaSets',
      admit: ({ op, resource }) => {
        if (op === 'CREATE' && resource.name === 'replicasets') throw new Error('admission webhook "deny.example.com" denied the request');
      },
    });
    createDeployment(sim, 'web', { replicas: 1 });
    sim.virtualClock.advance(100);
    const d = getDeployment(sim, 'web');
    const msg = 'Failed to create new replica set "web-' ;
    expect(condition(d, 'Progressing')!.status).toBe('False');
    expect(condition(d, 'Progressing')!.reason).toBe('ReplicaSetCreateError');
    expect(condition(d, 'Progressing')!.message).toMatch(new RegExp(`^${msg}[4-9bcdf]+": admission webhook "deny.example.com" denied the request$`));
    const events = sim.api.list('events').items.filter((e) => (e as { reason?: string }).reason === 'ReplicaSetCreateError');
    expect(events.length).toBeGreaterThan(0);
    expect((events[0] as { type?: string }).type).toBe('Warning');
  });
});
