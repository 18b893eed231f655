import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import type { Backend } from '../../backends/contract/backend.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { isStatusError } from '../../backends/contract/errors.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { rolloutStatus } from '../../src/ops/rolloutStatus.js';
import { formatError } from '../../src/ops/errors.js';
import { advance, waitFor } from '../helpers/waitFor.js';

// kubectl delete with --cascade=background|foreground|orphan as a client sees it (§4.1, §4.2).
const web: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.1' }] } } },
};

async function running(): Promise<{ sim: Simulator; b: Backend }> {
  const sim = createSimulator();
  const b = sim.backend;
  await b.create('deployments', web);
  await waitFor(sim, async () => (await rolloutStatus(b, 'default', 'web')).done, { what: 'the rollout' });
  return { sim, b };
}

async function gone(b: Backend, resource: 'deployments' | 'pods', name: string): Promise<boolean> {
  try { await b.get(resource, 'default', name); return false; } catch (e) { if (isStatusError(e, 'NotFound')) return true; throw e; }
}

const count = async (b: Backend, resource: 'replicasets' | 'pods') => (await b.list(resource, { namespace: 'default', labelSelector: 'app=web' })).items;

describe('deleteObject', () => {
  it('background: the deployment goes at once, then its ReplicaSet, then its pods after Terminating', async () => {
    const { sim, b } = await running();
    expect(await deleteObject(b, 'deployments', 'default', 'web')).toBe('deployment.apps "web" deleted');
    expect(await gone(b, 'deployments', 'web')).toBe(true);
    await waitFor(sim, async () => (await count(b, 'replicasets')).length === 0, { what: 'the ReplicaSet to be collected' });
    const pods = await count(b, 'pods');
    // the pods outlive the ReplicaSet: they are terminating, not gone
    expect(pods.length).toBe(2);
    await waitFor(sim, async () => (await count(b, 'pods')).every((p) => p.metadata!.deletionTimestamp), { what: 'the pods to be terminating' });
    await waitFor(sim, async () => (await count(b, 'pods')).length === 0, { what: 'the pods to go' });
  });

  it('foreground: the deployment stays visible, marked, until its dependents are gone', async () => {
    const { sim, b } = await running();
    expect(await deleteObject(b, 'deployments', 'default', 'web', { propagationPolicy: 'Foreground' })).toBe('deployment.apps "web" deleted');
    const marked = await b.get('deployments', 'default', 'web');
    expect(marked.metadata!.deletionTimestamp).toBeDefined();
    expect(marked.metadata!.finalizers).toContain('foregroundDeletion');
    await waitFor(sim, async () => (await count(b, 'pods')).some((p) => p.metadata!.deletionTimestamp), { what: 'the pods to be terminating' });
    expect(await gone(b, 'deployments', 'web')).toBe(false);
    await waitFor(sim, async () => await gone(b, 'deployments', 'web'), { what: 'the deployment to go' });
    expect(await count(b, 'replicasets')).toEqual([]);
    expect(await count(b, 'pods')).toEqual([]);
  });

  it('orphan: the deployment goes, its ReplicaSet and pods stay and lose their owner', async () => {
    const { sim, b } = await running();
    const rsBefore = (await count(b, 'replicasets'))[0];
    expect(await deleteObject(b, 'deployments', 'default', 'web', { propagationPolicy: 'Orphan' })).toBe('deployment.apps "web" deleted');
    await waitFor(sim, async () => await gone(b, 'deployments', 'web'), { what: 'the deployment to go' });
    await advance(sim, 30_000);
    const [rs] = await count(b, 'replicasets');
    expect(rs.metadata!.uid).toBe(rsBefore.metadata!.uid);
    expect(rs.metadata!.ownerReferences ?? []).toEqual([]);
    const pods = await count(b, 'pods');
    expect(pods.length).toBe(2);
    for (const p of pods) {
      expect(p.metadata!.deletionTimestamp).toBeUndefined();
      expect(p.metadata!.ownerReferences![0].uid).toBe(rs.metadata!.uid);
    }
  });

  it('a pod is Terminating for its grace period; --grace-period=0 --force removes it at once', async () => {
    const { sim, b } = await running();
    const [p1, p2] = (await count(b, 'pods')).map((p) => p.metadata!.name!);
    expect(await deleteObject(b, 'pods', 'default', p1)).toBe(`pod "${p1}" deleted`);
    expect((await b.get('pods', 'default', p1)).metadata!.deletionTimestamp).toBeDefined();
    await waitFor(sim, async () => await gone(b, 'pods', p1), { what: 'the pod to go' });
    expect(await deleteObject(b, 'pods', 'default', p2, { gracePeriodSeconds: 0 })).toBe(`pod "${p2}" force deleted`);
    expect(await gone(b, 'pods', p2)).toBe(true);
    expect(await deleteObject(b, 'pods', 'default', p2).catch(formatError)).toBe(`Error from server (NotFound): pods "${p2}" not found`);
  });
});
