import { describe, expect, it } from 'vitest';
import type { Deployment, Event, KubeObject, ReplicaSet } from '../../backends/contract/types.js';
import { computeHash, safeEncodeString } from '../../backends/sim/controllers/deployment/podTemplateHash.js';
import { maxSurge, maxUnavailable, resolveFenceposts } from '../../backends/sim/controllers/deployment/spec.js';
import {
  IMAGE_1, IMAGE_2, controlPlane, createDeployment, deploymentManifest, getDeployment, podsOf, recordDeploymentEvents,
  replicaSetWithImage, replicaSetsOf, revisions, scalingMessages, setImage, waitComplete,
} from './deploymentKit.js';

function withReplicas(replicas: number, rollingUpdate?: Record<string, unknown>): Deployment {
  return { spec: { replicas, selector: {}, template: {}, ...(rollingUpdate ? { strategy: { type: 'RollingUpdate', rollingUpdate } } : {}) } } as Deployment;
}

describe('pod-template-hash', () => {
  it('encodes decimal digits into [4-9bcdf] as SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is deterministic, at most 10 characters of [4-9bcdf], and changes with the template and the collision count', () => {
    const t = deploymentManifest('web').spec as { template: object };
    const h = computeHash(t.template);
    expect(h).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computeHash(structuredClone(t.template))).toBe(h);
    // Key order does not matter: the input is canonical JSON.
    const reordered = { spec: { containers: [{ image: IMAGE_1, name: 'app' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(reordered)).toBe(h);
    expect(computeHash({ ...reordered, spec: { containers: [{ image: IMAGE_2, name: 'app' }] } })).not.toBe(h);
    expect(computeHash(t.template, 0)).not.toBe(h);
    expect(computeHash(t.template, 1)).not.toBe(computeHash(t.template, 0));
  });
});

describe('fenceposts', () => {
  it('rounds 25% surge up and 25% unavailable down (the worked values)', () => {
    const table = [1, 2, 3, 4, 5, 10].map((n) => [n, resolveFenceposts(withReplicas(n))]);
    expect(table).toEqual([
      [1, { surge: 1, unavailable: 0 }], [2, { surge: 1, unavailable: 0 }], [3, { surge: 1, unavailable: 0 }],
      [4, { surge: 1, unavailable: 1 }], [5, { surge: 2, unavailable: 1 }], [10, { surge: 3, unavailable: 2 }],
    ]);
  });

  it('makes one pod unavailable when both are 0, and never more than the replicas', () => {
    expect(resolveFenceposts(withReplicas(3, { maxSurge: 0, maxUnavailable: 0 }))).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(withReplicas(2, { maxSurge: 1, maxUnavailable: 5 }))).toBe(2);
    expect(maxUnavailable(withReplicas(0))).toBe(0);
    expect(maxSurge(withReplicas(10, { maxSurge: '30%', maxUnavailable: '0%' }))).toBe(3);
    const recreate = { spec: { replicas: 4, strategy: { type: 'Recreate' } } } as Deployment;
    expect([maxSurge(recreate), maxUnavailable(recreate)]).toEqual([0, 0]);
  });
});

describe('the ReplicaSet of a Deployment', () => {
  it('is named <deployment>-<hash> and carries the hash in its labels, selector and template, with a controller reference', () => {
    const sim = controlPlane();
    const d = createDeployment(sim, 'web', { replicas: 2, minReadySeconds: 3, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', owner: 'team-a' } });
    waitComplete(sim, 'web');
    const rs = replicaSetWithImage(sim, 'web', IMAGE_1);
    const hash = computeHash(d.spec!.template);
    expect(rs.metadata!.name).toBe(`web-${hash}`);
    expect(rs.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec!.minReadySeconds).toBe(3);
    expect(rs.metadata!.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    // last-applied-configuration stays on the Deployment; other annotations are copied.
    expect(rs.metadata!.annotations).toEqual({
      owner: 'team-a', 'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3',
    });
    expect(podsOf(sim, 'web').every((p) => p.metadata!.name!.startsWith(`web-${hash}-`) && p.metadata!.labels!['pod-template-hash'] === hash)).toBe(true);
  });

  it('re-applying an old template reuses the old ReplicaSet instead of creating one', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    setImage(sim, 'web', IMAGE_2);
    waitComplete(sim, 'web');
    setImage(sim, 'web', IMAGE_1);
    waitComplete(sim, 'web');
    expect(replicaSetsOf(sim, 'web')).toHaveLength(2);
    expect(revisions(sim, 'web')).toEqual({ 2: IMAGE_2, 3: IMAGE_1 });
  });

  it('bumps status.collisionCount and hashes again when the name is taken by a ReplicaSet it does not own', () => {
    const sim = controlPlane();
    const manifest = deploymentManifest('web', { replicas: 1 });
    // The template as stored (defaulted when admission runs) is what gets hashed.
    const template = (sim.api.create('deployments', manifest, { dryRun: true }) as Deployment).spec!.template;
    const hash = computeHash(template);
    // Same name, labels the Deployment's selector does not match: not adoptable.
    sim.api.create('replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `web-${hash}`, namespace: 'default', labels: { app: 'other' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'x', image: 'busybox' }] } } },
    } as KubeObject);
    sim.api.create('deployments', manifest);
    waitComplete(sim, 'web');
    const d = getDeployment(sim, 'web');
    expect(d.status!.collisionCount).toBe(1);
    const rs = replicaSetWithImage(sim, 'web', IMAGE_1);
    expect(rs.metadata!.name).toBe(`web-${computeHash(template, 1)}`);
  });

  it('adopts an orphaned ReplicaSet with a matching template, keeping its pods', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    const rs = replicaSetWithImage(sim, 'web', IMAGE_1);
    const pods = podsOf(sim, 'web').map((p) => p.metadata!.name).sort();
    // What `kubectl delete deploy web --cascade=orphan` leaves behind.
    const orphan = structuredClone(rs);
    delete orphan.metadata!.ownerReferences;
    sim.api.update('replicasets', orphan as KubeObject);
    sim.api.delete('deployments', 'default', 'web');
    sim.virtualClock.advance(1000);

    const events = recordDeploymentEvents(sim, 'web');
    const d = createDeployment(sim, 'web', { replicas: 2 });
    waitComplete(sim, 'web');
    const adopted = sim.api.get('replicasets', 'default', rs.metadata!.name!) as ReplicaSet;
    expect(adopted.metadata!.uid).toBe(rs.metadata!.uid);
    expect(adopted.metadata!.ownerReferences![0].uid).toBe(d.metadata!.uid);
    expect(replicaSetsOf(sim, 'web')).toHaveLength(1);
    expect(podsOf(sim, 'web').map((p) => p.metadata!.name).sort()).toEqual(pods);
    expect(scalingMessages(events)).toEqual([]);
    expect(getDeployment(sim, 'web').metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('releases an owned ReplicaSet whose labels stop matching the selector', () => {
    const sim = controlPlane();
    const d = createDeployment(sim, 'web', { replicas: 1 });
    waitComplete(sim, 'web');
    const rs = replicaSetWithImage(sim, 'web', IMAGE_1);
    sim.api.patch('replicasets', 'default', rs.metadata!.name!, 'merge', { metadata: { labels: { app: 'detached' } } });
    sim.virtualClock.advance(100);
    const released = sim.api.get('replicasets', 'default', rs.metadata!.name!) as ReplicaSet;
    expect(released.metadata!.ownerReferences ?? []).toEqual([]);
    // The Deployment makes itself a new one with another name (the template hash is the same,
    // so the name collides with the released set and the collision count moves it on). The
    // released set keeps its pod running.
    sim.virtualClock.advanceUntil(() => getDeployment(sim, 'web').status?.availableReplicas === 1 && getDeployment(sim, 'web').status?.updatedReplicas === 1);
    expect(podsOf(sim, 'web')).toHaveLength(2);
    const fresh = sim.api.list('replicasets').items.filter((r) => r.metadata!.ownerReferences?.[0]?.uid === d.metadata!.uid);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].metadata!.name).not.toBe(rs.metadata!.name);
    expect(getDeployment(sim, 'web').status!.collisionCount).toBe(1);
  });

  it('refuses a selector that selects everything with a SelectingAll warning', () => {
    // Validation rejects such a Deployment; the controller's own check is its second line.
    const sim = controlPlane(undefined, false);
    const m = deploymentManifest('web');
    (m.spec as { selector: object }).selector = {};
    sim.api.create('deployments', m);
    sim.virtualClock.advance(100);
    expect(sim.api.list('replicasets').items).toHaveLength(0);
    const ev = sim.api.list('events').items.map((e) => e as Event).find((e) => e.reason === 'SelectingAll');
    expect(ev).toMatchObject({ type: 'Warning', message: 'This deployment is selecting all pods. A non-empty selector is required.', source: { component: 'deployment-controller' } });
    expect(getDeployment(sim, 'web').status!.observedGeneration).toBe(1);
  });

  it('still performs the legacy rollback requested with deprecated.deployment.rollback.to', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 1 });
    waitComplete(sim, 'web');
    setImage(sim, 'web', IMAGE_2);
    waitComplete(sim, 'web');
    const events = recordDeploymentEvents(sim, 'web');
    sim.api.patch('deployments', 'default', 'web', 'merge', { metadata: { annotations: { 'deprecated.deployment.rollback.to': '1' } } });
    waitComplete(sim, 'web');
    const d = getDeployment(sim, 'web');
    expect(d.spec!.template!.spec!.containers[0].image).toBe(IMAGE_1);
    expect(d.spec!.template!.metadata!.labels).toEqual({ app: 'web' });
    expect(d.metadata!.annotations!['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(events.find((e) => e.reason === 'DeploymentRollback')?.message).toBe('Rolled back deployment "web" to revision 1');
    expect(revisions(sim, 'web')).toEqual({ 2: IMAGE_2, 3: IMAGE_1 });
  });
});
