import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import type { Backend } from '../../backends/contract/backend.js';
import { isPodActive, isPodReady } from '../../backends/contract/podUtil.js';
import type { Pod } from '../../backends/contract/types.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { describe as describeObject } from '../../src/ops/describe.js';
import { formatError } from '../../src/ops/errors.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicReplicaSet, petclinicReplicaSetV1beta1, petclinicService } from '../helpers/petclinicManifests.js';
import { waitFor } from '../helpers/waitFor.js';

// Tutorial lesson 4: ReplicaSet self-healing (tutorial.md; kubernetes-behaviour.md §3, §4).
const petclinicPods = async (b: Backend): Promise<Pod[]> => (await b.list('pods', { namespace: 'default', labelSelector: 'app=petclinic' })).items;
const active = async (b: Backend) => (await petclinicPods(b)).filter(isPodActive);
const readyAddresses = async (b: Backend): Promise<number> => {
  try {
    const ep = await b.get('endpoints', 'default', 'petclinic');
    return (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  } catch { return 0; }
};

async function threeRunning(sim: Simulator, b: Backend): Promise<void> {
  await waitFor(sim, async () => {
    const pods = await active(b);
    return pods.length === 3 && pods.every((p) => p.status?.phase === 'Running' && isPodReady(p));
  }, { what: '3 running petclinic pods' });
}

describe('lesson 4: a ReplicaSet keeps 3 pods', () => {
  it('rejects the notes\' extensions/v1beta1 manifest, pointing to apps/v1, and creates nothing', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    const err = await applyFile(b, 'petclinic-replicaset.yml', petclinicReplicaSetV1beta1).catch(formatError);
    expect(err).toContain('no matches for kind "ReplicaSet" in version "extensions/v1beta1"');
    expect(err).toContain('apps/v1');
    expect((await b.list('replicasets', { namespace: 'default' })).items).toEqual([]);
  });

  it('replaces a deleted pod at once and deletes its pods with it', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    expect(await applyFile(b, 'petclinic-replicaset.yml', petclinicReplicaSet)).toEqual(['replicaset.apps/petclinic created']);
    expect(await applyFile(b, 'petclinic-service.yml', petclinicService)).toEqual(['service/petclinic created']);
    await threeRunning(sim, b);
    await waitFor(sim, async () => (await readyAddresses(b)) === 3, { what: 'the Service to select the 3 pods' });
    for (const p of await petclinicPods(b)) {
      expect(p.metadata!.name).toMatch(/^petclinic-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata!.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: 'petclinic', controller: true }]);
    }

    const victim = (await petclinicPods(b))[0].metadata!.name!;
    expect(await deleteObject(b, 'pods', 'default', victim)).toBe(`pod "${victim}" deleted`);
    // The ReplicaSet counts a terminating pod as gone: a replacement is created while the victim
    // is still shutting down.
    const tookMs = await waitFor(sim, async () => (await active(b)).length === 3, { what: 'a replacement', stepMs: 10 });
    expect(tookMs).toBeLessThan(1000);
    const victimNow = (await petclinicPods(b)).find((p) => p.metadata!.name === victim);
    expect(victimNow?.metadata!.deletionTimestamp).toBeDefined();
    expect((await petclinicPods(b)).length).toBe(4);
    await threeRunning(sim, b);
    await waitFor(sim, async () => (await petclinicPods(b)).length === 3, { what: 'the victim to go' });

    const page = await describeObject(b, 'replicasets', 'default', 'petclinic', sim.clock.now());
    expect(page).toMatch(/^Replicas:\s+3 current \/ 3 desired$/m);
    expect(page).toMatch(/^Pods Status:\s+3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
    expect(page).toMatch(/SuccessfulCreate\s+.*replicaset-controller\s+Created pod: petclinic-/);

    expect(await deleteObject(b, 'replicasets', 'default', 'petclinic')).toBe('replicaset.apps "petclinic" deleted');
    // The pods show Terminating first, then vanish.
    await waitFor(sim, async () => {
      const pods = await petclinicPods(b);
      return pods.length === 3 && pods.every((p) => p.metadata!.deletionTimestamp);
    }, { what: 'all 3 pods Terminating', stepMs: 10 });
    await waitFor(sim, async () => (await petclinicPods(b)).length === 0, { what: 'the pods to go' });
    expect((await b.list('replicasets', { namespace: 'default' })).items).toEqual([]);
  });
});
