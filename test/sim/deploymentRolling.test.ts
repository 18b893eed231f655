import { describe, expect, it } from 'vitest';
import { isPodAvailable, isPodActive } from '../../backends/contract/podUtil.js';
import type { ReplicaSet } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import {
  IMAGE_1, IMAGE_2, controlPlane, createDeployment, podsOf, recordDeploymentEvents, replicaSetWithImage, replicaSetsOf,
  scalingMessages, setImage, waitComplete,
} from './deploymentKit.js';

/** After every single write: [old, new] spec.replicas whenever either changes. */
function recordSizes(sim: Simulator, oldName: () => string | undefined, newName: () => string | undefined): Array<[number, number]> {
  const sizes: Array<[number, number]> = [];
  sim.api.onStored((_op, resource) => {
    if (resource.name !== 'replicasets') return;
    const o = oldName(), n = newName();
    if (!o || !n) return;
    const size = (name: string) => (sim.api.tryGet('replicasets', 'default', name) as ReplicaSet | undefined)?.spec?.replicas ?? 0;
    const pair: [number, number] = [size(o), size(n)];
    const last = sizes[sizes.length - 1];
    if (!last || last[0] !== pair[0] || last[1] !== pair[1]) sizes.push(pair);
  });
  return sizes;
}

/** Checks after every write that active pods stay ≤ replicas + surge and available ≥ replicas − unavailable. */
function watchBounds(sim: Simulator, name: string, minReadySeconds = 0) {
  const seen = { maxActive: 0, minAvailable: Infinity };
  sim.api.onStored((_op, resource) => {
    if (resource.name !== 'pods' && resource.name !== 'replicasets') return;
    const pods = podsOf(sim, name).filter(isPodActive);
    seen.maxActive = Math.max(seen.maxActive, pods.length);
    const available = pods.filter((p) => isPodAvailable(p, minReadySeconds, sim.clock.now())).length;
    seen.minAvailable = Math.min(seen.minAvailable, available);
  });
  return seen;
}

describe('RollingUpdate', () => {
  it('replaces 3 replicas one at a time at 25%/25% (surge 1, unavailable 0), with the v1.32+ event wording', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 3 });
    waitComplete(sim, 'web');
    const oldRS = replicaSetWithImage(sim, 'web', IMAGE_1).metadata!.name!;
    let newRS: string | undefined;
    const sizes = recordSizes(sim, () => oldRS, () => (newRS ??= replicaSetsOf(sim, 'web').find((r) => r.metadata!.name !== oldRS)?.metadata?.name));
    const events = recordDeploymentEvents(sim, 'web');
    const bounds = watchBounds(sim, 'web');

    setImage(sim, 'web', IMAGE_2);
    waitComplete(sim, 'web');

    expect(newRS).toBe(replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.name);
    expect(sizes).toEqual([[3, 1], [2, 1], [2, 2], [1, 2], [1, 3], [0, 3]]);
    expect(scalingMessages(events)).toEqual([
      `Scaled up replica set ${newRS} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${newRS} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newRS} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(events.every((e) => e.type === 'Normal')).toBe(true);
    expect(bounds.maxActive).toBe(4);
    expect(bounds.minAvailable).toBe(3);
    expect(podsOf(sim, 'web').every((p) => p.spec!.containers[0].image === IMAGE_2)).toBe(true);
  });

  it('rolls 10 replicas with maxSurge 3 / maxUnavailable 2 in steps bounded by 13 pods and 8 available', () => {
    const sim = controlPlane();
    createDeployment(sim, 'api', { replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
    waitComplete(sim, 'api');
    const oldRS = replicaSetWithImage(sim, 'api', IMAGE_1).metadata!.name!;
    let newRS: string | undefined;
    const sizes = recordSizes(sim, () => oldRS, () => (newRS ??= replicaSetsOf(sim, 'api').find((r) => r.metadata!.name !== oldRS)?.metadata?.name));
    const events = recordDeploymentEvents(sim, 'api');
    const bounds = watchBounds(sim, 'api');

    setImage(sim, 'api', IMAGE_2);
    waitComplete(sim, 'api');

    // Create at 3 (13 − 10) and, in the same sync, give back the 2 unavailable allowed; then
    // fill the surge; once the 5 new pods are available, drop 5 old and add 5 new; then the rest.
    expect(sizes).toEqual([[10, 3], [8, 3], [8, 5], [3, 5], [3, 10], [0, 10]]);
    expect(scalingMessages(events)).toEqual([
      `Scaled up replica set ${newRS} from 0 to 3`,
      `Scaled down replica set ${oldRS} from 10 to 8`,
      `Scaled up replica set ${newRS} from 3 to 5`,
      `Scaled down replica set ${oldRS} from 8 to 3`,
      `Scaled up replica set ${newRS} from 5 to 10`,
      `Scaled down replica set ${oldRS} from 3 to 0`,
    ]);
    expect(bounds.maxActive).toBe(13);
    expect(bounds.minAvailable).toBe(8);
  });

  it('waits minReadySeconds after readiness before each step', () => {
    const fast = controlPlane();
    createDeployment(fast, 'web', { replicas: 3 });
    waitComplete(fast, 'web');
    setImage(fast, 'web', IMAGE_2);
    const fastMs = waitComplete(fast, 'web');

    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 3, minReadySeconds: 10 });
    waitComplete(sim, 'web');
    const events = recordDeploymentEvents(sim, 'web');
    const bounds = watchBounds(sim, 'web', 10);
    const start = sim.clock.now();
    setImage(sim, 'web', IMAGE_2);
    const slowMs = waitComplete(sim, 'web');

    const ups = events.filter((e) => e.message.startsWith('Scaled up')).map((e) => e.at - start);
    const downs = events.filter((e) => e.message.startsWith('Scaled down')).map((e) => e.at - start);
    expect(ups).toHaveLength(3);
    expect(downs).toHaveLength(3);
    // Each new pod is Ready 1 s after it is created and available 10 s after its Ready
    // condition's lastTransitionTime, which has second precision: only then may an old pod go,
    // and only after that may the next new pod come.
    for (let i = 0; i < 3; i++) expect(downs[i] - ups[i]).toBeGreaterThan(10_000);
    for (let i = 1; i < 3; i++) expect(ups[i]).toBeGreaterThanOrEqual(downs[i - 1]);
    expect(fastMs).toBeLessThan(5_000);
    expect(slowMs).toBeGreaterThan(30_000);
    expect(bounds.minAvailable).toBe(3);
    // The new ReplicaSet carries the Deployment's minReadySeconds.
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).spec!.minReadySeconds).toBe(10);
  });

  it('does not roll for a change outside the pod template', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    const events = recordDeploymentEvents(sim, 'web');
    sim.api.patch('deployments', 'default', 'web', 'merge', { spec: { minReadySeconds: 5 } });
    sim.virtualClock.advance(10_000);
    expect(replicaSetsOf(sim, 'web')).toHaveLength(1);
    expect(scalingMessages(events)).toEqual([]);
    expect(replicaSetsOf(sim, 'web')[0].spec!.minReadySeconds).toBe(5);
  });
});
