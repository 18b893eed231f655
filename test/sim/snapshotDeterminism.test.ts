// A snapshot is a point the cluster can go back to and replay from: the same inputs after a
// restore give the same cluster, down to names, IPs, resourceVersions and event counts.
import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../../backends/contract/types.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicDeployment, petclinicService } from '../helpers/petclinicManifests.js';
import { drain } from '../helpers/waitFor.js';

interface Outcome { objects: string; resourceVersion: string; time: number; events: string[]; counters: string; answers: string[] }

function outcome(sim: Simulator, answers: string[]): Outcome {
  const events = (sim.api.list('events').items as Event[]).map((e) => `${e.involvedObject.name} ${e.reason} x${e.count ?? 1}`).sort();
  return {
    objects: sim.api.allObjects().map((e) => JSON.stringify(e.object)).join('\n'),
    resourceVersion: sim.api.resourceVersion,
    time: sim.clock.now(),
    events,
    counters: JSON.stringify(sim.ctx.traffic!.counters('default')),
    answers,
  };
}

/** The same inputs at the same simulated times: a rolling update to 1.0.1 under traffic, for 90 s. */
async function runForward(sim: Simulator): Promise<Outcome> {
  await applyFile(sim.backend, 'petclinic.yml', petclinicDeployment('1.0.1'));
  const answers: string[] = [];
  for (let s = 0; s < 90; s++) {
    sim.virtualClock.advance(1000);
    await drain();
    const r = sim.ctx.traffic!.request('http://petclinic:8080/');
    answers.push(r.pod ? `${r.pod.name} ${r.version}` : `${r.error}`);
  }
  return outcome(sim, answers);
}

describe('snapshot determinism', () => {
  it('restore and the same 90 s give the same cluster as the 90 s after the snapshot', async () => {
    const sim = createSimulator({ seed: 11 });
    sim.virtualClock.advance(30_000);
    await applyFile(sim.backend, 'petclinic.yml', `${petclinicDeployment('1.0.0')}---\n${petclinicService}`);
    await applyFile(sim.backend, 'crasher.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n');
    sim.virtualClock.advance(60_000);
    await drain();
    sim.ctx.faults!.crashLoop('default', 'crasher');
    for (let i = 0; i < 20; i++) sim.ctx.traffic!.request('http://petclinic:8080/');
    sim.virtualClock.advance(40_000);
    await drain();
    const crasher = sim.api.get('pods', 'default', 'crasher') as Pod;
    expect(crasher.status?.containerStatuses?.[0].restartCount).toBeGreaterThan(0);

    const counters = sim.ctx.traffic!.counters('default');
    expect(counters.reduce((n, c) => n + c.ok, 0)).toBe(20);
    const s = sim.snapshot();
    expect(sim.ctx.traffic!.counters('default')).toEqual(counters);
    const a = await runForward(sim);
    sim.restore(s);
    const b = await runForward(sim);

    expect(b.time).toBe(a.time);
    expect(b.resourceVersion).toBe(a.resourceVersion);
    expect(b.events).toEqual(a.events);
    expect(b.answers).toEqual(a.answers);
    expect(b.counters).toBe(a.counters);
    expect(b.objects.split('\n')).toEqual(a.objects.split('\n'));
    // The run itself did what it says: the rollout finished and the crash loop went on.
    expect(a.answers.at(-1)).toMatch(/^petclinic-[a-z0-9]+-[a-z0-9]{5} 1\.0\.1\.RELEASE$/);
    const after = sim.api.get('pods', 'default', 'crasher') as Pod;
    expect(after.status?.containerStatuses?.[0].restartCount).toBeGreaterThan(crasher.status!.containerStatuses![0].restartCount);
    sim.stop();
  });

  it('taking a snapshot leaves the cluster as it was, a pod in CrashLoopBackOff included', async () => {
    const sim = createSimulator({ seed: 5 });
    sim.virtualClock.advance(30_000);
    await applyFile(sim.backend, 'crasher.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n');
    sim.virtualClock.advance(30_000);
    sim.ctx.faults!.crashLoop('default', 'crasher');
    const waiting = () => (sim.api.get('pods', 'default', 'crasher') as Pod).status?.containerStatuses?.[0].state?.waiting?.reason;
    sim.virtualClock.advanceUntil(() => waiting() === 'CrashLoopBackOff' && (sim.api.get('pods', 'default', 'crasher') as Pod).status!.containerStatuses![0].restartCount! >= 2);
    sim.virtualClock.advance(1000);
    const before = sim.api.allObjects().map((e) => JSON.stringify(e.object));
    const rv = sim.api.resourceVersion;
    sim.snapshot();
    sim.virtualClock.flush();
    expect(sim.api.allObjects().map((e) => JSON.stringify(e.object))).toEqual(before);
    expect(sim.api.resourceVersion).toBe(rv);
    const pod = sim.api.get('pods', 'default', 'crasher') as Pod;
    const restarts = pod.status!.containerStatuses![0].restartCount!;
    expect(pod.status!.containerStatuses![0].lastState?.terminated?.exitCode).toBe(1);
    // The back-off goes on where it was: the container restarts and crashes again.
    sim.virtualClock.advanceUntil(() => (sim.api.get('pods', 'default', 'crasher') as Pod).status!.containerStatuses![0].restartCount! > restarts, 400_000);
    sim.stop();
  });

  it('a snapshot taken while images are pulled changes nothing of what follows: one pull, same timings, same IPs', async () => {
    const follow = async (snapshotAtMs?: number): Promise<string[]> => {
      const sim = createSimulator({ seed: 21 });
      sim.virtualClock.advance(30_000);
      await applyFile(sim.backend, 'web.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n');
      if (snapshotAtMs !== undefined) {
        sim.virtualClock.advance(snapshotAtMs);
        const pulling = (sim.api.get('pods', 'default', 'web') as Pod).status;
        expect(pulling?.containerStatuses?.[0].state?.waiting?.reason).toBe('ContainerCreating');
        // The kubelet's sync published its status before the runtime made the sandbox: no IP yet.
        expect(pulling?.podIP).toBeUndefined();
        sim.snapshot();
      }
      sim.virtualClock.advance(30_000 - (snapshotAtMs ?? 0));
      const pod = sim.api.get('pods', 'default', 'web') as Pod;
      const events = (sim.api.list('events', { namespace: 'default' }).items as Event[])
        .filter((e) => e.involvedObject.name === 'web').map((e) => `${e.reason} x${e.count ?? 1}: ${e.message}`);
      sim.stop();
      return [`${pod.status?.phase} ${pod.status?.podIP} ${pod.status?.startTime} ${pod.status?.containerStatuses?.[0].state?.running?.startedAt}`, ...events];
    };
    const plain = await follow();
    expect(plain[0]).toMatch(/^Running 10\.244\.\d+\.\d+ 2026-01-01T10:00:3\dZ 2026-01-01T10:00:3\dZ$/);
    expect(plain.filter((l) => l.startsWith('Pulling'))).toEqual(['Pulling x1: Pulling image "nginx:1.27"']);
    expect(await follow(3000)).toEqual(plain);
  });

  it('a pod terminating when the snapshot is taken keeps running until its grace period ends', async () => {
    const goneAfter = async (snapshot: boolean): Promise<string> => {
      const sim = createSimulator({ seed: 8 });
      sim.virtualClock.advance(30_000);
      await applyFile(sim.backend, 'sleeper.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      command: ["sleep", "3600"]\n');
      sim.virtualClock.advanceUntil(() => (sim.api.get('pods', 'default', 'sleeper') as Pod).status?.phase === 'Running');
      await sim.backend.delete('pods', 'default', 'sleeper');
      const deleted = sim.clock.now();
      sim.virtualClock.advance(5000);
      if (snapshot) sim.snapshot();
      expect(sim.api.tryGet('pods', 'default', 'sleeper')).toBeDefined();
      sim.virtualClock.advanceUntil(() => !sim.api.tryGet('pods', 'default', 'sleeper'), 60_000, 100);
      const killing = (sim.api.list('events', { namespace: 'default' }).items as Event[]).filter((e) => e.reason === 'Killing').map((e) => `x${e.count}`);
      sim.stop();
      return `gone ${Math.round((sim.clock.now() - deleted) / 1000)} s after the delete, Killing ${killing.join(' ')}`;
    };
    const plain = await goneAfter(false);
    expect(plain).toBe('gone 30 s after the delete, Killing x1');
    expect(await goneAfter(true)).toBe(plain);
  });

  it('a pod whose containers stopped on deletion but that is not removed yet is removed after the snapshot', async () => {
    const sim = createSimulator({ seed: 8 });
    sim.virtualClock.advance(30_000);
    await applyFile(sim.backend, 'web.yml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.25\n');
    sim.virtualClock.advanceUntil(() => (sim.api.get('pods', 'default', 'web') as Pod).status?.phase === 'Running');
    await sim.backend.delete('pods', 'default', 'web');
    const stopped = () => (sim.api.tryGet('pods', 'default', 'web') as Pod | undefined)?.status?.containerStatuses?.[0].state?.terminated !== undefined;
    sim.virtualClock.advanceUntil(stopped, 60_000, 10);
    sim.snapshot();
    sim.virtualClock.advance(1000);
    expect(sim.api.tryGet('pods', 'default', 'web')).toBeUndefined();
    sim.stop();
  });

  it('a running pod keeps the environment it started with and its volume refreshes when due (lesson 8)', async () => {
    const sim = createSimulator({ seed: 6 });
    sim.virtualClock.advance(30_000);
    await applyFile(sim.backend, 'config.yml', [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: petclinic-config\ndata:\n  TEST_CONFIG: test_config_v1\n---',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: nginx:1.25',
      '      envFrom:\n        - configMapRef:\n            name: petclinic-config',
      '      volumeMounts:\n        - name: config\n          mountPath: /etc/config',
      '  volumes:\n    - name: config\n      configMap:\n        name: petclinic-config\n',
    ].join('\n'));
    sim.virtualClock.advanceUntil(() => (sim.api.get('pods', 'default', 'app') as Pod).status?.phase === 'Running');
    const seen = () => {
      const v = sim.ctx.containerView!('default', 'app');
      return `env ${v?.env.TEST_CONFIG} file ${v?.files['/etc/config/TEST_CONFIG']}`;
    };
    expect(seen()).toBe('env test_config_v1 file test_config_v1');
    await sim.backend.patch('configmaps', 'default', 'petclinic-config', 'merge', { data: { TEST_CONFIG: 'test_config_v2' } });
    sim.virtualClock.advance(10_000);
    const s = sim.snapshot();
    expect(seen()).toBe('env test_config_v1 file test_config_v1');
    sim.virtualClock.advance(90_000);
    expect(seen()).toBe('env test_config_v1 file test_config_v2');
    sim.restore(s);
    expect(seen()).toBe('env test_config_v1 file test_config_v1');
    sim.virtualClock.advance(90_000);
    expect(seen()).toBe('env test_config_v1 file test_config_v2');
    sim.stop();
  });

  it('a stopped node stays stopped across a restore: it goes NotReady and its kubelet answers no logs', async () => {
    const sim = createSimulator({ seed: 4 });
    sim.virtualClock.advance(30_000);
    sim.ctx.faults!.failNode('kind-worker2');
    sim.virtualClock.advance(5_000);
    const s = sim.snapshot();
    sim.virtualClock.advance(60_000);
    sim.restore(s);
    const ready = () => (sim.api.get('nodes', undefined, 'kind-worker2') as Node).status!.conditions!.find((c) => c.type === 'Ready')!.status;
    expect(ready()).toBe('True');
    sim.virtualClock.advanceUntil(() => ready() === 'Unknown', 60_000, 100);
    const proxy = sim.api.list('pods', { namespace: 'kube-system' }).items.find((p) => p.metadata!.name!.startsWith('kube-proxy-') && (p as Pod).spec!.nodeName === 'kind-worker2')!;
    expect(() => sim.ctx.logs!('kube-system', proxy.metadata!.name!, undefined, 10)).toThrow(/dial tcp 172\.18\.0\.\d+:10250: connect: no route to host/);
    sim.stop();
  });
});
