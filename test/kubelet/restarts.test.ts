import { describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { EventLog, getPod, kubeletSim, podObject, podStatus, readyCount, statusTimeline } from './support.js';

const app = (name: string, extra: Record<string, unknown> = {}) =>
  podObject(name, { containers: [{ name: 'app', image: 'nginx:1.25' }], ...extra });

function running(sim: ReturnType<typeof kubeletSim>, name: string): void {
  sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, name)!) === '1/1', 60_000, 10);
}

function cs(pod: Pod) { return pod.status!.containerStatuses![0]; }

describe('crash loops', () => {
  it('restarts a crash-looping container with back-off 10, 20, 40, 80, 160, 300, 300 s', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', app('crashy'));
    running(sim, 'crashy');
    sim.ctx.faults!.crashLoop('default', 'crashy');
    const exits: number[] = [];
    const starts: number[] = [];
    const restarts: number[] = [];
    sim.api.watch('pods', { resourceVersion: sim.api.resourceVersion }, {
      onEvent: (e) => {
        if (e.type !== 'MODIFIED') return;
        const c = cs(e.object as Pod);
        const term = c.state?.terminated ?? c.lastState?.terminated;
        if (term && !exits.includes(Date.parse(term.finishedAt!))) exits.push(Date.parse(term.finishedAt!));
        if (c.state?.running && !starts.includes(Date.parse(c.state.running.startedAt!))) { starts.push(Date.parse(c.state.running.startedAt!)); restarts.push(c.restartCount); }
      },
      onExpired: () => {}, onError: () => {},
    });
    sim.virtualClock.advance(1_300_000);
    // Start times are whole seconds in the status, so gaps are measured to within a second.
    const gaps = starts.map((s, i) => s - exits[i]);
    expect(gaps.length).toBeGreaterThanOrEqual(8);
    const expected = [0, 10, 20, 40, 80, 160, 300, 300];
    gaps.slice(0, 8).forEach((g, i) => { expect(g).toBeGreaterThanOrEqual(expected[i] * 1000 - 1000); expect(g).toBeLessThanOrEqual(expected[i] * 1000 + 2000); });
    expect(restarts.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const pod = getPod(sim, 'crashy')!;
    const backoffMessages = log.find('crashy', 'BackOff').map((e) => e.message);
    expect(new Set(backoffMessages)).toEqual(new Set([`Back-off restarting failed container app in pod crashy_default(${pod.metadata!.uid})`]));
    expect(log.find('crashy', 'BackOff')[0].type).toBe('Warning');
    expect(pod.status!.phase).toBe('Running');
  });

  it('shows CrashLoopBackOff with the kubelet message after the second crash', () => {
    const sim = kubeletSim();
    const timeline = statusTimeline(sim, 'crashy');
    sim.api.create('pods', app('crashy'));
    running(sim, 'crashy');
    sim.ctx.faults!.crashLoop('default', 'crashy');
    sim.virtualClock.advanceUntil(() => podStatus(getPod(sim, 'crashy')!) === 'CrashLoopBackOff', 60_000, 10);
    const pod = getPod(sim, 'crashy')!;
    expect(cs(pod).state!.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=app pod=crashy_default(${pod.metadata!.uid})` });
    expect(cs(pod).lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs(pod).restartCount).toBe(1);
    expect(readyCount(pod)).toBe('0/1');
    expect(timeline.map((t) => t.status)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Error', 'Running', 'Error', 'CrashLoopBackOff']);
    const logs = sim.ctx.logs!('default', 'crashy', undefined, 2);
    expect(logs.join('\n')).toMatch(/\[emerg\]/);
    sim.virtualClock.advanceUntil(() => podStatus(getPod(sim, 'crashy')!) === 'CrashLoopBackOff' && cs(getPod(sim, 'crashy')!).restartCount === 2, 120_000, 10);
    expect(cs(getPod(sim, 'crashy')!).state!.waiting!.message).toMatch(/^back-off 20s restarting failed container=app /);
  });

  it('stays up once healed', () => {
    const sim = kubeletSim();
    sim.api.create('pods', app('crashy'));
    running(sim, 'crashy');
    sim.ctx.faults!.crashLoop('default', 'crashy');
    sim.virtualClock.advanceUntil(() => podStatus(getPod(sim, 'crashy')!) === 'CrashLoopBackOff', 60_000, 10);
    sim.ctx.faults!.heal('default', 'crashy');
    sim.virtualClock.advance(60_000);
    const pod = getPod(sim, 'crashy')!;
    expect(podStatus(pod)).toBe('Running');
    expect(readyCount(pod)).toBe('1/1');
    const restarts = cs(pod).restartCount;
    sim.virtualClock.advance(600_000);
    expect(cs(getPod(sim, 'crashy')!).restartCount).toBe(restarts);
  });

  it('forgets the back-off after the container has run for 10 minutes', () => {
    const sim = kubeletSim();
    sim.api.create('pods', app('kill'));
    running(sim, 'kill');
    const kill = () => { sim.ctx.faults!.killContainer('default', 'kill'); sim.virtualClock.advance(1_500); };
    kill();
    expect(podStatus(getPod(sim, 'kill')!)).toBe('Running'); // the first restart is immediate
    kill();
    expect(podStatus(getPod(sim, 'kill')!)).toBe('CrashLoopBackOff'); // within 10 s of the last one
    sim.virtualClock.advance(15_000);
    expect(podStatus(getPod(sim, 'kill')!)).toBe('Running');
    sim.virtualClock.advance(11 * 60_000);
    kill();
    expect(podStatus(getPod(sim, 'kill')!)).toBe('Running');
  });
});

describe('killed containers and restart policies', () => {
  it('restarts a killed container: exit 137, RESTARTS 1', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', app('victim'));
    running(sim, 'victim');
    const before = cs(getPod(sim, 'victim')!).containerID;
    sim.ctx.faults!.killContainer('default', 'victim');
    sim.virtualClock.flush();
    expect(cs(getPod(sim, 'victim')!).state!.terminated).toMatchObject({ exitCode: 137, reason: 'Error', containerID: before });
    running(sim, 'victim');
    const c = cs(getPod(sim, 'victim')!);
    expect(c.restartCount).toBe(1);
    expect(c.lastState!.terminated).toMatchObject({ exitCode: 137, reason: 'Error', containerID: before });
    expect(c.containerID).not.toBe(before);
    expect(log.reasons('victim').slice(-3)).toEqual(['Pulled', 'Created', 'Started']);
    expect(log.find('victim', 'Pulled').at(-1)!.message).toBe('Container image "nginx:1.25" already present on machine');
  });

  it('restartPolicy Never: a crash ends the pod Failed (Error), RESTARTS 0', () => {
    const sim = kubeletSim();
    sim.api.create('pods', app('once', { restartPolicy: 'Never' }));
    running(sim, 'once');
    sim.ctx.faults!.crashLoop('default', 'once');
    sim.virtualClock.advance(10_000);
    const pod = getPod(sim, 'once')!;
    expect(pod.status!.phase).toBe('Failed');
    expect(podStatus(pod)).toBe('Error');
    expect(cs(pod).restartCount).toBe(0);
    expect(pod.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    sim.virtualClock.advance(300_000);
    expect(cs(getPod(sim, 'once')!).restartCount).toBe(0);
  });

  it('a command that finishes: Completed and Succeeded with OnFailure, CrashLoopBackOff with Always', () => {
    const sim = kubeletSim();
    const job = (name: string, policy: string) => podObject(name, { restartPolicy: policy, containers: [{ name: 'job', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] }] });
    sim.api.create('pods', job('onfailure', 'OnFailure'));
    sim.api.create('pods', job('always', 'Always'));
    sim.virtualClock.advance(60_000);
    const done = getPod(sim, 'onfailure')!;
    expect(done.status!.phase).toBe('Succeeded');
    expect(podStatus(done)).toBe('Completed');
    expect(done.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(sim.ctx.logs!('default', 'onfailure', undefined, 10)).toEqual(['done']);
    const loop = getPod(sim, 'always')!;
    expect(loop.status!.phase).toBe('Running');
    expect(podStatus(loop)).toBe('CrashLoopBackOff');
    expect(cs(loop).lastState!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('mysql without a root password option exits 1 and says why', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('db', { containers: [{ name: 'mysql', image: 'mysql:5.7' }] }));
    sim.virtualClock.advance(60_000);
    expect(podStatus(getPod(sim, 'db')!)).toBe('CrashLoopBackOff');
    expect(sim.ctx.logs!('default', 'db', undefined, 4)).toEqual([
      '    You need to specify one of the following as an environment variable:',
      '    - MYSQL_ROOT_PASSWORD',
      '    - MYSQL_ALLOW_EMPTY_PASSWORD',
      '    - MYSQL_RANDOM_ROOT_PASSWORD',
    ]);
  });

  it('restarts a container whose image is changed in the pod spec', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', app('upgrade'));
    running(sim, 'upgrade');
    const pod = getPod(sim, 'upgrade')!;
    sim.api.update('pods', { ...structuredClone(pod), spec: { ...structuredClone(pod.spec!), containers: [{ name: 'app', image: 'nginx:1.26' }] } });
    sim.virtualClock.advanceUntil(() => cs(getPod(sim, 'upgrade')!).image === 'docker.io/library/nginx:1.26' && readyCount(getPod(sim, 'upgrade')!) === '1/1', 60_000, 10);
    expect(cs(getPod(sim, 'upgrade')!).restartCount).toBe(1);
    expect(log.find('upgrade', 'Killing')[0].message).toBe('Container app definition changed, will be restarted');
    expect(log.find('upgrade', 'Pulling').at(-1)!.message).toBe('Pulling image "nginx:1.26"');
  });
});
