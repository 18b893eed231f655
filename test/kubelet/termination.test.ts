import { describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { EventLog, getPod, kubeletSim, podObject, podStatus, readyCount } from './support.js';

function runningPod(sim: ReturnType<typeof kubeletSim>, name: string, spec: Record<string, unknown>): void {
  sim.api.create('pods', podObject(name, spec));
  sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, name)!) === '1/1', 60_000, 10);
}

describe('graceful deletion', () => {
  it('stops nginx on SIGTERM within a second: Killing, Terminating, then gone', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    runningPod(sim, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    const deleted = sim.api.delete('pods', 'default', 'web') as Pod;
    expect(deleted.metadata!.deletionGracePeriodSeconds).toBe(30);
    expect(podStatus(getPod(sim, 'web')!)).toBe('Terminating');
    expect(readyCount(getPod(sim, 'web')!)).toBe('1/1');
    const start = sim.clock.now();
    const took = sim.virtualClock.advanceUntil(() => !getPod(sim, 'web'), 60_000, 10);
    expect(took).toBeLessThan(1_500);
    const killing = log.find('web', 'Killing');
    expect(killing.map((e) => [e.type, e.message, e.fieldPath])).toEqual([['Normal', 'Stopping container nginx', 'spec.containers{nginx}']]);
    expect(killing[0].at).toBeLessThanOrEqual(start - log.start + 10);
  });

  it('holds a pod whose PID 1 ignores SIGTERM for the whole grace period', () => {
    const sim = kubeletSim();
    runningPod(sim, 'sleeper', { containers: [{ name: 'sleep', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    sim.api.delete('pods', 'default', 'sleeper');
    sim.virtualClock.advance(29_000);
    expect(podStatus(getPod(sim, 'sleeper')!)).toBe('Terminating');
    sim.virtualClock.advance(1_500);
    expect(getPod(sim, 'sleeper')).toBeUndefined();
  });

  it('honours a shorter grace period given on delete', () => {
    const sim = kubeletSim();
    runningPod(sim, 'sleeper', { containers: [{ name: 'sleep', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    sim.api.delete('pods', 'default', 'sleeper', { gracePeriodSeconds: 5 });
    sim.virtualClock.advance(4_500);
    expect(getPod(sim, 'sleeper')).toBeDefined();
    sim.virtualClock.advance(1_000);
    expect(getPod(sim, 'sleeper')).toBeUndefined();
  });

  it('a second delete shortens the grace period of a pod already terminating', () => {
    const sim = kubeletSim();
    runningPod(sim, 'sleeper', { containers: [{ name: 'sleep', image: 'busybox:1.36', command: ['sleep', '3600'] }] });
    sim.api.delete('pods', 'default', 'sleeper');
    sim.virtualClock.advance(2_000);
    sim.api.delete('pods', 'default', 'sleeper', { gracePeriodSeconds: 3 });
    sim.virtualClock.advance(3_500);
    expect(getPod(sim, 'sleeper')).toBeUndefined();
  });

  it('removes a pod deleted with grace 0 at once, and frees its IP', () => {
    const sim = kubeletSim();
    runningPod(sim, 'web', { nodeName: 'kind-worker', containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    const ip = getPod(sim, 'web')!.status!.podIP;
    sim.api.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(getPod(sim, 'web')).toBeUndefined();
    sim.virtualClock.advance(5_000);
    expect(getPod(sim, 'web')).toBeUndefined();
    expect(sim.ctx.containerView!('default', 'web')).toBeUndefined();
    expect(ip).toMatch(/^10\.244\.1\./);
  });

  it('reports the stopped containers before the pod goes away', () => {
    const sim = kubeletSim();
    runningPod(sim, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    const last: Pod[] = [];
    sim.api.watch('pods', { resourceVersion: sim.api.resourceVersion }, {
      onEvent: (e) => { if (e.type === 'MODIFIED') last.push(e.object as Pod); },
      onExpired: () => {}, onError: () => {},
    });
    sim.api.delete('pods', 'default', 'web');
    sim.virtualClock.advanceUntil(() => !getPod(sim, 'web'), 10_000, 10);
    const final = last.at(-1)!;
    expect(final.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(final.status!.phase).toBe('Succeeded');
  });

  it('deletes a pod that never started without waiting', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('bad', { containers: [{ name: 'c', image: 'nginx:doesnotexist' }] }));
    sim.virtualClock.advance(20_000);
    sim.api.delete('pods', 'default', 'bad');
    sim.virtualClock.advance(1_000);
    expect(getPod(sim, 'bad')).toBeUndefined();
  });
});
