import { describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { rolloutHistory } from '../../src/ops/rolloutHistory.js';
import { advance } from '../helpers/waitFor.js';
import { endpointPods, play, podNames } from './scenarioKit.js';

const versions = (pods: { version?: string; ratePerSecond: number }[]) =>
  [...new Set(pods.filter((p) => p.ratePerSecond > 0).map((p) => p.version ?? '?'))].sort();

describe('scenario replicaset (lesson 4)', () => {
  it('keeps three pods: a deleted one is replaced, a killed container restarts, traffic is spread', async () => {
    const s = await play('replicaset');
    expect(await s.next()).toEqual(['replicaset.apps/petclinic created']);
    const first = await podNames(s.b, 'default', 'app=petclinic');
    expect(first).toHaveLength(3);
    for (const n of first) expect(n).toMatch(/^petclinic-[a-z0-9]{5}$/);

    expect(await s.next()).toEqual(['service/petclinic created']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(first);
    await s.wait(2000);
    const split = s.split('petclinic');
    expect(Object.keys(split).sort()).toEqual(first);
    expect(s.traffic('petclinic').pods.reduce((sum, p) => sum + p.ratePerSecond, 0)).toBe(30);
    for (const rate of Object.values(split)) expect(rate).toBeGreaterThan(3);

    expect(await s.next()).toEqual([`pod "${first[0]}" deleted`]);
    const second = await podNames(s.b, 'default', 'app=petclinic');
    expect(second).toHaveLength(3);
    expect(second).not.toContain(first[0]);
    expect(second).toEqual(expect.arrayContaining(first.slice(1)));

    expect(await s.next()).toEqual([`pod "${second[0]}" container killed`]);
    const killed = await s.b.get('pods', 'default', second[0]) as Pod;
    expect(killed.status?.containerStatuses?.[0].restartCount).toBe(1);
    expect(killed.status?.containerStatuses?.[0].lastState?.terminated?.exitCode).toBe(137);
    expect(killed.status?.containerStatuses?.[0].ready).toBe(true);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual(second);

    expect(await s.next()).toEqual(['replicaset.apps/petclinic scaled']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toHaveLength(5);
    await s.wait(2000);
    expect(Object.keys(s.split('petclinic'))).toHaveLength(5);

    expect(await s.next()).toEqual(['replicaset.apps "petclinic" deleted']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual([]);
    expect((await s.b.list('replicasets', { namespace: 'default' })).items).toEqual([]);
    s.session.stop();
  });
});

describe('scenario rolling-update (lesson 5)', () => {
  it('moves the traffic batch by batch without a failed request; history 1,2 then 2,3 then 3,4', async () => {
    const s = await play('rolling-update');
    expect(await s.next()).toEqual(['deployment.apps/petclinic created', 'service/petclinic created']);
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => [r.revision, r.changeCause])).toEqual([[1, 'first release 1.0.0']]);
    await s.wait(2000);
    expect(versions(s.traffic('petclinic').pods)).toEqual(['1.0.0.RELEASE']);
    const failedBefore = s.traffic('petclinic').failed;

    // The rollout, sampled every simulated second while the step runs.
    const seen: string[][] = [];
    let done = false;
    const step = s.player.next().then(() => { done = true; });
    while (!done) {
      await advance(s.sim, 1000);
      seen.push(versions(s.traffic('petclinic').pods));
    }
    await step;
    expect(s.player.view()).toMatchObject({ position: 2, status: 'idle', output: ['deployment.apps/petclinic image updated'] });
    // Both versions answered at once for a while: the pods were replaced batch by batch.
    expect(seen.some((v) => v.length === 2)).toBe(true);
    expect(s.traffic('petclinic').failed).toBe(failedBefore);
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => [r.revision, r.changeCause])).toEqual([[1, 'first release 1.0.0'], [2, 'upgrade to 1.0.1']]);
    await s.wait(2000);
    expect(versions(s.traffic('petclinic').pods)).toEqual(['1.0.1.RELEASE']);

    expect(await s.next()).toEqual(['deployment.apps/petclinic rolled back']);
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => r.revision)).toEqual([2, 3]);
    await s.wait(2000);
    expect(versions(s.traffic('petclinic').pods)).toEqual(['1.0.0.RELEASE']);

    expect(await s.next()).toEqual(['deployment.apps/petclinic rolled back']);
    expect((await rolloutHistory(s.b, 'default', 'petclinic')).map((r) => r.revision)).toEqual([3, 4]);
    const d = await s.b.get('deployments', 'default', 'petclinic');
    expect(d.spec?.template.spec?.containers[0].image).toBe('spring2go/spring-petclinic:1.0.1.RELEASE');
    expect(s.traffic('petclinic').failed).toBe(failedBefore);

    expect(await s.next()).toEqual(['deployment.apps "petclinic" deleted']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual([]);
    expect((await s.b.list('replicasets', { namespace: 'default' })).items).toEqual([]);
    s.session.stop();
  });
});
