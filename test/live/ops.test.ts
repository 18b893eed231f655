// The dashboard's client-side operations (src/ops) unchanged over LiveBackend, against the whole
// simulated control plane served over HTTP: apply, rollout status/history/undo, scale, restart,
// describe with events, logs, delete with propagation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { applyManifests } from '../../src/ops/apply.js';
import { deleteObject, describe as describeObject, formatError, restart, rolloutHistory, rolloutHistoryText, rolloutStatus, rolloutUndo, scale } from '../../src/ops/index.js';
import { petclinicDeployment } from '../helpers/petclinicManifests.js';
import { eventually, servedCluster, type ServedCluster } from './support.js';

let c: ServedCluster;
beforeAll(async () => { c = await servedCluster({ speed: 40 }); });
afterAll(async () => { await c?.close(); });

const rolledOut = () => eventually(async () => (await rolloutStatus(c.backend, 'default', 'petclinic')).done, 'the rollout to finish', 30_000);

async function pods(): Promise<Pod[]> {
  return (await c.backend.list('pods', { namespace: 'default', labelSelector: 'app=petclinic' })).items;
}

describe('src/ops over LiveBackend', () => {
  it('apply, rollout history and undo renumber revisions as a real cluster does; scale; describe shows events; logs', async () => {
    const b = c.backend;
    let r = await applyManifests(b, [{ path: 'petclinic.yml', text: petclinicDeployment('1.0.0') }], { namespace: 'default' });
    expect(r.lines).toEqual(['deployment.apps/petclinic created']);
    await rolledOut();
    r = await applyManifests(b, [{ path: 'petclinic.yml', text: petclinicDeployment('1.0.1') }], { namespace: 'default' });
    expect(r.lines).toEqual(['deployment.apps/petclinic configured']);
    await eventually(async () => (await b.get('deployments', 'default', 'petclinic')).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2', 'revision 2');
    await rolledOut();
    expect((await rolloutHistory(b, 'default', 'petclinic')).map((e) => e.revision)).toEqual([1, 2]);
    expect(await rolloutHistoryText(b, 'default', 'petclinic')).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');

    expect(await rolloutUndo(b, 'default', 'petclinic')).toEqual({ message: 'deployment.apps/petclinic rolled back', fromRevision: 2, toRevision: 1 });
    await eventually(async () => (await rolloutHistory(b, 'default', 'petclinic')).map((e) => e.revision).join() === '2,3', 'history 2,3');
    await rolledOut();
    const d = await b.get('deployments', 'default', 'petclinic') as Deployment;
    expect(d.spec?.template?.spec?.containers[0].image).toBe('spring2go/spring-petclinic:1.0.0.RELEASE');
    await rolloutUndo(b, 'default', 'petclinic', 2);
    await eventually(async () => (await rolloutHistory(b, 'default', 'petclinic')).map((e) => e.revision).join() === '3,4', 'history 3,4');
    await rolledOut();

    expect(await scale(b, 'deployments', 'default', 'petclinic', 5)).toBe('deployment.apps/petclinic scaled');
    await eventually(async () => (await pods()).filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp).length === 5, '5 running pods');

    const text = await describeObject(b, 'deployments', 'default', 'petclinic', c.sim.clock.now());
    expect(text).toMatch(/^Name: +petclinic$/m);
    expect(text).toMatch(/^Replicas: +5 desired \| 5 updated \| 5 total \| \d available \| \d unavailable$/m);
    expect(text).toMatch(/Normal +ScalingReplicaSet +.* +deployment-controller +(\(combined from similar events\): )?Scaled up replica set petclinic-[a-z0-9]+ from 3 to 5$/m);

    const pod = (await pods()).find((p) => p.status?.phase === 'Running')!;
    const podText = await describeObject(b, 'pods', 'default', pod.metadata!.name!, c.sim.clock.now());
    expect(podText).toMatch(/Normal +Scheduled +.*default-scheduler +Successfully assigned default\/petclinic-/);
    expect(await b.eventsFor({ kind: 'Pod', namespace: 'default', name: pod.metadata!.name!, uid: pod.metadata!.uid })).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: 'Scheduled', involvedObject: expect.objectContaining({ name: pod.metadata!.name, uid: pod.metadata!.uid }) })]),
    );
    const logs = await b.logs('default', pod.metadata!.name!, 'petclinic', 5);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.length).toBeLessThanOrEqual(5);
    expect(await c.sim.backend.logs('default', pod.metadata!.name!, 'petclinic', 5)).toEqual(logs);

    expect(await restart(b, 'default', 'petclinic')).toBe('deployment.apps/petclinic restarted');
    await eventually(async () => (await rolloutHistory(b, 'default', 'petclinic')).map((e) => e.revision).join() === '3,4,5', 'history 3,4,5');
  });

  it('errors carry the server\'s Status: a missing deployment, a rollback to a revision that does not exist', async () => {
    const b = c.backend;
    expect(await rolloutUndo(b, 'default', 'nosuch').catch(formatError)).toBe('Error from server (NotFound): deployments.apps "nosuch" not found');
    expect(await rolloutUndo(b, 'default', 'petclinic', 99).catch(formatError)).toBe('error: unable to find specified revision 99 in history');
  });

  it('delete with Foreground propagation removes the deployment, its ReplicaSets and its pods', async () => {
    const b = c.backend;
    const rsBefore = (await b.list('replicasets', { namespace: 'default' })).items.filter((rs: ReplicaSet) => rs.metadata?.name?.startsWith('petclinic-'));
    expect(rsBefore.length).toBeGreaterThan(1);
    expect(await deleteObject(b, 'deployments', 'default', 'petclinic', { propagationPolicy: 'Foreground' })).toBe('deployment.apps "petclinic" deleted');
    await eventually(async () => (await b.get('deployments', 'default', 'petclinic').catch(() => undefined)) === undefined, 'the deployment to go', 30_000);
    await eventually(async () => (await b.list('replicasets', { namespace: 'default' })).items.every((rs) => !rs.metadata?.name?.startsWith('petclinic-')), 'its ReplicaSets to go', 30_000);
    await eventually(async () => (await pods()).length === 0, 'its pods to go', 30_000);
  });
});
