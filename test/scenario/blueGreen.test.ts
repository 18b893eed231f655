import { describe, expect, it } from 'vitest';
import { endpointPods, play, podNames } from './scenarioKit.js';

describe('scenario blue-green (lesson 3)', () => {
  it('moves all traffic from blue to green at once, back on rollback, to nothing with a typo', async () => {
    const s = await play('blue-green');
    expect(s.player.view()).toMatchObject({ position: 0, status: 'idle' });

    expect(await s.next()).toEqual(['pod/petclinic-v1.0.0 created', 'pod/petclinic-v1.0.1 created']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual(['petclinic-v1.0.0', 'petclinic-v1.0.1']);

    expect(await s.next()).toEqual(['service/petclinic created']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.0']);
    await s.wait(3000);
    expect(s.split('petclinic')).toEqual({ 'petclinic-v1.0.0': 20 });
    expect(s.traffic('petclinic').pods.find((p) => p.pod === 'petclinic-v1.0.0')?.version).toBe('1.0.0.RELEASE');
    // Before the Service existed the requests failed; from here on none may.
    const failedBefore = s.traffic('petclinic').failed;
    expect(failedBefore).toBeGreaterThan(0);

    expect(await s.next()).toEqual(['service/petclinic patched']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.1']);
    // The 2-second window holds only requests sent after the switch.
    expect(s.split('petclinic')).toEqual({ 'petclinic-v1.0.1': 20 });
    expect(s.traffic('petclinic').failed).toBe(failedBefore);

    expect(await s.next()).toEqual(['service/petclinic patched']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.0']);
    expect(s.split('petclinic')).toEqual({ 'petclinic-v1.0.0': 20 });
    expect(s.traffic('petclinic').failed).toBe(failedBefore);

    expect(await s.next()).toEqual(['service/petclinic patched']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual([]);
    expect(s.split('petclinic')).toEqual({ '-': 20 });
    expect(s.traffic('petclinic').lastError).toBe('Connection refused');

    expect(await s.next()).toEqual(['pod "petclinic-v1.0.0" deleted', 'pod "petclinic-v1.0.1" deleted']);
    expect(await podNames(s.b, 'default', 'app=petclinic')).toEqual([]);

    expect(await s.next()).toEqual(['service "kubernetes" deleted', 'service "petclinic" deleted']);
    expect((await s.b.list('services', { namespace: 'default' })).items.map((x) => x.metadata!.name)).toEqual(['kubernetes']);
    expect(s.player.view().position).toBe(7);
    await expect(s.player.next()).rejects.toThrow('this was the last step: R restarts, X leaves the scenario');
    s.session.stop();
  });
});
