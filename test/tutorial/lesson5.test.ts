import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Backend } from '../../backends/contract/backend.js';
import { isPodReady, isTerminating } from '../../backends/contract/podUtil.js';
import type { Pod } from '../../backends/contract/types.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { rolloutHistory, rolloutHistoryText } from '../../src/ops/rolloutHistory.js';
import { rolloutStatus, watchRolloutStatus } from '../../src/ops/rolloutStatus.js';
import { rolloutUndo } from '../../src/ops/rolloutUndo.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicDeployment, petclinicService } from '../helpers/petclinicManifests.js';
import { waitFor } from '../helpers/waitFor.js';

// Tutorial lesson 5: rolling update with a Deployment (tutorial.md; kubernetes-behaviour.md §1, §2).
const pods = async (b: Backend): Promise<Pod[]> => (await b.list('pods', { namespace: 'default', labelSelector: 'app=petclinic' })).items;
const images = async (b: Backend) => (await pods(b)).map((p) => p.spec!.containers[0].image);
const revisions = async (b: Backend) => (await rolloutHistory(b, 'default', 'petclinic')).map((e) => e.revision);
const readyAddresses = async (b: Backend): Promise<number> => {
  const ep = await b.get('endpoints', 'default', 'petclinic');
  return (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
};

describe('lesson 5: a rolling update, its history and its undo', () => {
  it('replaces the pods batch by batch while the Service keeps 3 ready endpoints', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    expect(await applyFile(b, 'petclinic-deployment.yml', petclinicDeployment('1.0.0'))).toEqual(['deployment.apps/petclinic created']);
    expect(await applyFile(b, 'petclinic-service.yml', petclinicService)).toEqual(['service/petclinic created']);
    const done = async () => (await rolloutStatus(b, 'default', 'petclinic')).done;
    await waitFor(sim, done, { what: 'the first rollout' });
    await waitFor(sim, async () => (await readyAddresses(b)) === 3, { what: '3 endpoints' });
    expect(await rolloutHistoryText(b, 'default', 'petclinic')).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');

    expect(await applyFile(b, 'petclinic-deployment.yml', petclinicDeployment('1.0.1'))).toEqual(['deployment.apps/petclinic configured']);
    const lines: string[] = [];
    let finished = false;
    const status = watchRolloutStatus(b, 'default', 'petclinic', (l) => lines.push(l)).then(() => { finished = true; });
    // Sample the cluster every simulated second of the rollout.
    const samples: Array<{ ready: number; endpoints: number; total: number; versions: string }> = [];
    const start = sim.clock.now();
    await waitFor(sim, async () => {
      const all = await pods(b);
      const live = all.filter((p) => !isTerminating(p));
      samples.push({
        ready: live.filter(isPodReady).length,
        endpoints: await readyAddresses(b),
        total: live.length,
        versions: [...new Set(live.map((p) => p.spec!.containers[0].image!.split(':')[1]))].sort().join(','),
      });
      return finished;
    }, { what: 'the rollout to 1.0.1', stepMs: 1000 });
    await status;
    // maxSurge 1 / maxUnavailable 0 of 3 replicas: never fewer than 3 ready pods or endpoints, never more than 4 pods.
    for (const s of samples) {
      expect(s.ready).toBeGreaterThanOrEqual(3);
      expect(s.endpoints).toBeGreaterThanOrEqual(3);
      expect(s.total).toBeLessThanOrEqual(4);
    }
    // both versions served side by side for a while: a rolling update, not a switch
    expect(samples.some((s) => s.versions === '1.0.0.RELEASE,1.0.1.RELEASE')).toBe(true);
    // three batches, each waiting minReadySeconds (10 s) after its pod is ready
    expect(sim.clock.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(lines[0]).toMatch(/^Waiting for deployment /);
    expect(lines).toContain('Waiting for deployment "petclinic" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines).toContain('Waiting for deployment "petclinic" rollout to finish: 1 old replicas are pending termination...');
    expect(lines.at(-1)).toBe('deployment "petclinic" successfully rolled out');

    expect(await revisions(b)).toEqual([1, 2]);
    expect(await rolloutHistoryText(b, 'default', 'petclinic')).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    await waitFor(sim, async () => (await pods(b)).length === 3, { what: 'the old pods to go' });
    expect(await images(b)).toEqual(Array(3).fill('spring2go/spring-petclinic:1.0.1.RELEASE'));

    // rollout undo: back to 1.0.0, which becomes revision 3
    expect((await rolloutUndo(b, 'default', 'petclinic')).message).toBe('deployment.apps/petclinic rolled back');
    await waitFor(sim, done, { what: 'the undo' });
    expect(await revisions(b)).toEqual([2, 3]);
    await waitFor(sim, async () => (await pods(b)).length === 3, { what: 'the 1.0.1 pods to go' });
    expect(await images(b)).toEqual(Array(3).fill('spring2go/spring-petclinic:1.0.0.RELEASE'));

    // rollout undo --to-revision=2: 1.0.1 again, as revision 4
    expect((await rolloutUndo(b, 'default', 'petclinic', 2)).message).toBe('deployment.apps/petclinic rolled back');
    await waitFor(sim, done, { what: 'the undo to revision 2' });
    expect(await revisions(b)).toEqual([3, 4]);
    expect(await rolloutHistoryText(b, 'default', 'petclinic')).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n');
    await waitFor(sim, async () => (await pods(b)).length === 3, { what: 'the 1.0.0 pods to go' });
    expect(await images(b)).toEqual(Array(3).fill('spring2go/spring-petclinic:1.0.1.RELEASE'));

    // deleting the Deployment deletes its ReplicaSets and its pods
    expect(await deleteObject(b, 'deployments', 'default', 'petclinic')).toBe('deployment.apps "petclinic" deleted');
    await waitFor(sim, async () => (await b.list('replicasets', { namespace: 'default' })).items.length === 0, { what: 'the ReplicaSets to go' });
    await waitFor(sim, async () => (await pods(b)).length === 0, { what: 'the pods to go' });
  });
});
