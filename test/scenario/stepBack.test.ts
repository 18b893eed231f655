import { describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { settle } from '../helpers/waitFor.js';
import { endpointPods, play } from './scenarioKit.js';

/**
 * Every stored object, as JSON, with the simulated time: equal means the same cluster. Timers
 * due now run first, as a snapshot runs them before it is taken.
 */
function clusterState(sim: Simulator): string {
  sim.virtualClock.flush();
  const all: Record<string, unknown> = { now: sim.clock.now() };
  for (const r of Object.keys(RESOURCES) as ResourceName[]) all[r] = sim.api.list(r).items;
  return JSON.stringify(all);
}

describe('stepping back through a scenario', () => {
  it('restores the exact state before the current step, and replaying the step gives the same state again', async () => {
    const s = await play('blue-green');
    await s.next();
    await s.next();
    const beforeSwitch = clusterState(s.sim);
    await s.next();
    const afterSwitch = clusterState(s.sim);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.1']);

    await settle(s.sim, s.player.previous());
    expect(s.player.view()).toMatchObject({ position: 2, status: 'idle', output: [] });
    expect(clusterState(s.sim)).toBe(beforeSwitch);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.0']);
    // The traffic counts start again from the restored cluster: blue answers.
    await s.wait(2000);
    expect(s.split('petclinic')).toEqual({ 'petclinic-v1.0.0': 20 });

    // Stepping back restored the clock too, so waiting above moved time on: replay from the snapshot again.
    await settle(s.sim, s.player.previous());
    await s.next();
    await s.next();
    expect(clusterState(s.sim)).toBe(afterSwitch);
    expect(s.split('petclinic')).toEqual({ 'petclinic-v1.0.1': 20 });
    s.session.stop();
  });

  it('abandons a step that is still waiting and restores the state before it', async () => {
    const s = await play('blue-green');
    const fresh = clusterState(s.sim);
    // Step 1 waits for two ready pods; step back while it waits.
    const running = s.player.next();
    await s.wait(1000);
    expect(s.player.view()).toMatchObject({
      position: 1, status: 'running', output: ['pod/petclinic-v1.0.0 created', 'pod/petclinic-v1.0.1 created'],
      waitingFor: '2 ready pods app=petclinic (and none terminating)',
    });
    await settle(s.sim, s.player.previous());
    await running;
    expect(s.player.view()).toMatchObject({ position: 0, status: 'idle', output: [] });
    expect(clusterState(s.sim)).toBe(fresh);
    expect((await s.b.list('pods', { namespace: 'default' })).items).toEqual([]);
    s.session.stop();
  });

  it('n while a step waits ends the wait and plays the next step; n while its action runs is refused', async () => {
    const s = await play('blue-green');
    const first = s.player.next();
    await expect(s.player.next()).rejects.toThrow('a step is still running');
    await s.wait(500);
    expect(s.player.view().waitingFor).toBe('2 ready pods app=petclinic (and none terminating)');
    const second = s.player.next();
    await first;
    await settle(s.sim, second);
    expect(s.player.view()).toMatchObject({ position: 2, status: 'idle', output: ['service/petclinic created'] });
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic-v1.0.0']);
    s.session.stop();
  });

  it('restart goes back to the cluster before the first step', async () => {
    const s = await play('blue-green');
    const fresh = clusterState(s.sim);
    await s.next();
    await s.next();
    await settle(s.sim, s.player.restart());
    expect(s.player.view().position).toBe(0);
    expect(clusterState(s.sim)).toBe(fresh);
    expect((await s.b.list('pods', { namespace: 'default' })).items).toEqual([]);
    await expect(s.player.previous()).rejects.toThrow('this is the start of the scenario');
    s.session.stop();
  });
});
