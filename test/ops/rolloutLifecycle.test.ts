import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import type { Backend } from '../../backends/contract/backend.js';
import type { Deployment, Event, KubeObject, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { rolloutHistory, rolloutHistoryText } from '../../src/ops/rolloutHistory.js';
import { rolloutUndo } from '../../src/ops/rolloutUndo.js';
import { rolloutStatus, watchRolloutStatus } from '../../src/ops/rolloutStatus.js';
import { restart } from '../../src/ops/rolloutControl.js';
import { scale } from '../../src/ops/scale.js';
import { formatError } from '../../src/ops/errors.js';
import { settle, waitFor } from '../helpers/waitFor.js';

// The operations against the whole simulated control plane (deployment and ReplicaSet
// controllers, scheduler, kubelet): kubernetes-behaviour.md §1.4, §1.5, §2.

const deployment = (image: string): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3, minReadySeconds: 10, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

async function rolledOut(sim: Simulator, b: Backend, what: string): Promise<number> {
  return waitFor(sim, async () => (await rolloutStatus(b, 'default', 'web')).done, { what, stepMs: 250 });
}

async function setImage(b: Backend, image: string): Promise<void> {
  await b.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } });
}

async function webPods(b: Backend): Promise<Pod[]> {
  return (await b.list('pods', { namespace: 'default', labelSelector: 'app=web' })).items;
}

async function replicaSet(b: Backend, name: string): Promise<ReplicaSet> {
  return b.get('replicasets', 'default', name);
}

async function scalingEvents(b: Backend): Promise<string[]> {
  const d = await b.get('deployments', 'default', 'web');
  const events = await b.eventsFor({ kind: 'Deployment', namespace: 'default', name: 'web', uid: d.metadata!.uid });
  // Creation order: on the simulator the resourceVersion is a global counter.
  const rv = (e: Event) => Number(e.metadata!.resourceVersion);
  return events.filter((e) => e.reason === 'ScalingReplicaSet').sort((x, y) => rv(x) - rv(y)).map((e) => e.message!);
}

const revisions = async (b: Backend) => (await rolloutHistory(b, 'default', 'web')).map((e) => e.revision);

async function startedWeb(): Promise<{ sim: Simulator; b: Backend }> {
  const sim = createSimulator();
  const b = sim.backend;
  await b.create('deployments', deployment('nginx:1.1'));
  await rolledOut(sim, b, 'the first rollout');
  return { sim, b };
}

describe('a rollout, its history and its undo on the simulated control plane', () => {
  it('rolls 3 replicas one batch at a time and reports each state like kubectl rollout status', async () => {
    const { sim, b } = await startedWeb();
    expect(await rolloutStatus(b, 'default', 'web')).toEqual({ done: true, message: 'deployment "web" successfully rolled out' });
    const [first] = await rolloutHistory(b, 'default', 'web');
    expect(first).toMatchObject({ revision: 1, changeCause: '', images: ['nginx:1.1'], pods: 3, current: true });
    const oldRS = first.replicaSet;

    await setImage(b, 'nginx:1.2');
    const lines: string[] = [];
    const start = sim.clock.now();
    await settle(sim, watchRolloutStatus(b, 'default', 'web', (l) => lines.push(l)), { stepMs: 250 });
    // minReadySeconds 10 and maxUnavailable 0: each of the 3 new pods must be available for 10 s in turn
    expect(sim.clock.now() - start).toBeGreaterThanOrEqual(30_000);
    const distinct = lines.filter((l, i) => l !== lines[i - 1]);
    const progress = distinct.filter((l) => l !== 'Waiting for deployment spec update to be observed...');
    // updatedReplicas is the new ReplicaSet's status.replicas: 0 until its first pod exists, then 1, 2
    expect(progress[0]).toMatch(/^Waiting for deployment "web" rollout to finish: [01] out of 3 new replicas have been updated\.\.\.$/);
    const updated = progress.map((l) => /: (\d) out of 3 new replicas/.exec(l)?.[1]).filter((n) => n !== undefined).map(Number);
    expect(updated).toEqual([...updated].sort());
    expect(updated).toContain(1);
    expect(updated).toContain(2);
    expect(progress).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(progress.at(-1)).toBe('deployment "web" successfully rolled out');
    for (const l of progress.slice(0, -1)) expect(l).toMatch(/^Waiting for deployment "web" rollout to finish: /);

    const history = await rolloutHistory(b, 'default', 'web');
    expect(history.map((e) => [e.revision, e.images[0], e.current, e.pods])).toEqual([[1, 'nginx:1.1', false, 0], [2, 'nginx:1.2', true, 3]]);
    const newRS = history[1].replicaSet;
    expect(await scalingEvents(b)).toEqual([
      `Scaled up replica set ${oldRS} from 0 to 3`,
      `Scaled up replica set ${newRS} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 3 to 2`,
      `Scaled up replica set ${newRS} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newRS} from 2 to 3`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(await rolloutHistoryText(b, 'default', 'web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    await waitFor(sim, async () => (await webPods(b)).length === 3, { what: 'the old pods to go' });
    const pods = await webPods(b);
    expect(pods.map((p) => p.spec!.containers[0].image)).toEqual(['nginx:1.2', 'nginx:1.2', 'nginx:1.2']);
  });

  it('undo brings the old ReplicaSet back as a new revision: 1,2 → 2,3 → (to 2) 3,4', async () => {
    const { sim, b } = await startedWeb();
    await setImage(b, 'nginx:1.2');
    await rolledOut(sim, b, 'the rollout to 1.2');
    const [rs11, rs12] = (await rolloutHistory(b, 'default', 'web')).map((e) => e.replicaSet);

    expect(await rolloutUndo(b, 'default', 'web')).toEqual({ message: 'deployment.apps/web rolled back', fromRevision: 2, toRevision: 1 });
    await rolledOut(sim, b, 'the undo');
    let history = await rolloutHistory(b, 'default', 'web');
    expect(history.map((e) => [e.revision, e.replicaSet, e.images[0], e.current])).toEqual([[2, rs12, 'nginx:1.2', false], [3, rs11, 'nginx:1.1', true]]);
    expect((await replicaSet(b, rs11)).metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect((await b.get('deployments', 'default', 'web')).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    await waitFor(sim, async () => (await webPods(b)).length === 3, { what: 'the 1.2 pods to go' });
    expect((await webPods(b)).map((p) => p.spec!.containers[0].image)).toEqual(['nginx:1.1', 'nginx:1.1', 'nginx:1.1']);

    expect(await rolloutUndo(b, 'default', 'web', 2)).toEqual({ message: 'deployment.apps/web rolled back', fromRevision: 3, toRevision: 2 });
    await rolledOut(sim, b, 'the undo to revision 2');
    history = await rolloutHistory(b, 'default', 'web');
    expect(history.map((e) => [e.revision, e.replicaSet, e.current])).toEqual([[3, rs11, false], [4, rs12, true]]);
    expect(await rolloutHistoryText(b, 'default', 'web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n');

    // revision 1 and 2 moved: asking for them fails; asking for the current one is skipped
    expect(await rolloutUndo(b, 'default', 'web', 1).catch(formatError)).toBe('error: unable to find specified revision 1 in history');
    expect((await rolloutUndo(b, 'default', 'web', 4)).message).toBe('deployment.apps/web skipped rollback (current template already matches revision 4)');
    expect(await rolloutHistoryText(b, 'default', 'web', 2).catch(formatError)).toBe('error: unable to find the specified revision');
  });

  it('an undo in the middle of a rollout turns it around', async () => {
    const { sim, b } = await startedWeb();
    await setImage(b, 'nginx:1.2');
    await rolledOut(sim, b, 'the rollout to 1.2');
    await setImage(b, 'nginx:1.3');
    await waitFor(sim, async () => (await rolloutHistory(b, 'default', 'web')).some((e) => e.revision === 3 && e.pods >= 1), { what: 'the first 1.3 pod' });
    const mid = await rolloutStatus(b, 'default', 'web');
    expect(mid.done).toBe(false);
    const rs13 = (await rolloutHistory(b, 'default', 'web')).find((e) => e.revision === 3)!.replicaSet;

    expect(await rolloutUndo(b, 'default', 'web')).toEqual({ message: 'deployment.apps/web rolled back', fromRevision: 3, toRevision: 2 });
    await rolledOut(sim, b, 'the rollout back to 1.2');
    const history = await rolloutHistory(b, 'default', 'web');
    expect(history.map((e) => [e.revision, e.images[0], e.current])).toEqual([[1, 'nginx:1.1', false], [3, 'nginx:1.3', false], [4, 'nginx:1.2', true]]);
    expect((await replicaSet(b, rs13)).spec!.replicas).toBe(0);
    await waitFor(sim, async () => (await webPods(b)).length === 3, { what: 'the 1.3 pods to go' });
    expect((await webPods(b)).map((p) => p.spec!.containers[0].image)).toEqual(['nginx:1.2', 'nginx:1.2', 'nginx:1.2']);
  });

  it('restart rolls every pod into a new revision; scale does not make one', async () => {
    const { sim, b } = await startedWeb();
    const before = new Set((await webPods(b)).map((p) => p.metadata!.name));
    expect(await restart(b, 'default', 'web', sim.clock.now())).toBe('deployment.apps/web restarted');
    await rolledOut(sim, b, 'the restart');
    const history = await rolloutHistory(b, 'default', 'web');
    expect(history.map((e) => e.revision)).toEqual([1, 2]);
    expect(history[1].template.metadata!.annotations!['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await waitFor(sim, async () => (await webPods(b)).length === 3, { what: 'the old pods to go' });
    for (const p of await webPods(b)) expect(before.has(p.metadata!.name)).toBe(false);

    expect(await scale(b, 'deployments', 'default', 'web', 5)).toBe('deployment.apps/web scaled');
    await waitFor(sim, async () => {
      const d: Deployment = await b.get('deployments', 'default', 'web');
      return d.status?.availableReplicas === 5 && (await rolloutStatus(b, 'default', 'web')).done;
    }, { what: '5 available replicas' });
    expect(await revisions(b)).toEqual([1, 2]);
    expect((await webPods(b)).length).toBe(5);
  });
});
