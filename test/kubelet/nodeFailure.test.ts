import { describe, expect, it } from 'vitest';
import { replicaSetController } from '../../backends/sim/controllers/replicaSetController.js';
import type { Node, Pod } from '../../backends/contract/types.js';
import { EventLog, getPod, kubeletSim, podStatus, readyCount } from './support.js';

function replicaSet(replicas: number) {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
    },
  };
}

const pods = (sim: ReturnType<typeof kubeletSim>) => sim.api.list('pods', { namespace: 'default' }).items as Pod[];
const node = (sim: ReturnType<typeof kubeletSim>, name: string) => sim.api.get('nodes', undefined, name) as Node;

describe('a node that fails', () => {
  it('goes NotReady, is tainted unreachable, and its pods are evicted after 300 s and replaced elsewhere', () => {
    const sim = kubeletSim([replicaSetController]);
    const log = new EventLog(sim);
    sim.api.create('replicasets', replicaSet(4));
    sim.virtualClock.advanceUntil(() => pods(sim).filter((p) => readyCount(p) === '1/1').length === 4, 120_000);
    const victims = pods(sim).filter((p) => p.spec!.nodeName === 'kind-worker').map((p) => p.metadata!.name!);
    expect(victims).toHaveLength(2);

    const failedAt = sim.clock.now();
    sim.ctx.faults!.failNode('kind-worker');
    // The node's containers are gone at once, though the API does not know yet.
    expect(sim.ctx.containerView!('default', victims[0])).toBeUndefined();
    sim.virtualClock.advance(39_000);
    expect(node(sim, 'kind-worker').status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    const detected = sim.virtualClock.advanceUntil(() => node(sim, 'kind-worker').status!.conditions!.find((c) => c.type === 'Ready')!.status === 'Unknown', 30_000, 100);
    expect(39_000 + detected).toBeLessThanOrEqual(55_100);
    sim.virtualClock.flush();
    const n = node(sim, 'kind-worker');
    expect(n.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    ]);
    expect(n.spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(log.find('kind-worker', 'NodeNotReady')[0].message).toBe('Node kind-worker status is now: NodeNotReady');
    for (const v of victims) {
      expect(getPod(sim, v)!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
      expect(log.find(v, 'NodeNotReady')[0]).toMatchObject({ type: 'Warning', message: 'Node is not ready', component: 'node-controller' });
    }
    const detectedAt = log.find('kind-worker', 'NodeNotReady')[0].at;

    sim.virtualClock.advance(295_000);
    expect(victims.every((v) => !getPod(sim, v)!.metadata!.deletionTimestamp)).toBe(true);
    sim.virtualClock.advance(10_000);
    for (const v of victims) {
      expect(podStatus(getPod(sim, v)!)).toBe('Terminating');
      const ev = log.find(v, 'TaintManagerEviction')[0];
      expect(ev).toMatchObject({ type: 'Normal', message: `Marking for deletion Pod default/${v}`, component: 'taint-eviction-controller' });
      expect(ev.at - detectedAt).toBeGreaterThanOrEqual(300_000);
      expect(ev.at - detectedAt).toBeLessThan(301_000);
      expect(getPod(sim, v)!.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    }
    sim.virtualClock.advance(30_000);
    const active = pods(sim).filter((p) => !p.metadata!.deletionTimestamp);
    expect(active).toHaveLength(4);
    expect(active.every((p) => p.spec!.nodeName === 'kind-worker2' && readyCount(p) === '1/1')).toBe(true);
    // The dead kubelet never finishes the deletion: the evicted pods stay Terminating.
    sim.virtualClock.advance(600_000);
    expect(victims.every((v) => podStatus(getPod(sim, v)!) === 'Terminating')).toBe(true);
    expect(sim.clock.now() - failedAt).toBeGreaterThan(900_000);

    sim.ctx.faults!.recoverNode('kind-worker');
    sim.virtualClock.advance(5_000);
    expect(node(sim, 'kind-worker').status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' });
    expect(node(sim, 'kind-worker').spec!.taints).toBeUndefined();
    expect(victims.every((v) => getPod(sim, v) === undefined)).toBe(true);
    expect(pods(sim).filter((p) => !p.metadata!.deletionTimestamp)).toHaveLength(4);
  });

  it('keeps the pods of a node that comes back before the tolerations run out, restarting their containers', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'kind-worker', containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'web')!) === '1/1', 60_000);
    sim.ctx.faults!.failNode('kind-worker');
    sim.virtualClock.advance(120_000);
    expect(readyCount(getPod(sim, 'web')!)).toBe('1/1'); // the kubelet cannot report, so the container status stays
    expect(getPod(sim, 'web')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    sim.ctx.faults!.recoverNode('kind-worker');
    sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'web')!) === '1/1' && getPod(sim, 'web')!.status!.conditions!.find((c) => c.type === 'Ready')!.status === 'True', 60_000, 100);
    const pod = getPod(sim, 'web')!;
    expect(pod.metadata!.deletionTimestamp).toBeUndefined();
    expect(pod.status!.containerStatuses![0].restartCount).toBe(1);
    expect(pod.status!.containerStatuses![0].lastState!.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    expect(log.find('web', 'SandboxChanged')[0].message).toBe('Pod sandbox changed, it will be killed and re-created.');
    // The eviction planned for the pod is called off when the taint goes.
    expect(log.find('web', 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/web']);
    expect(node(sim, 'kind-worker').spec!.taints).toBeUndefined();
  });

  it('schedules nothing onto the unreachable node', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.ctx.faults!.failNode('kind-worker');
    sim.ctx.faults!.failNode('kind-worker2');
    sim.virtualClock.advance(60_000);
    sim.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    sim.virtualClock.advance(2_000);
    expect(getPod(sim, 'late')!.spec!.nodeName).toBeUndefined();
    expect(log.find('late', 'FailedScheduling')[0].message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    sim.ctx.faults!.recoverNode('kind-worker2');
    sim.virtualClock.advanceUntil(() => getPod(sim, 'late')!.status?.phase === 'Running', 60_000);
    expect(getPod(sim, 'late')!.spec!.nodeName).toBe('kind-worker2');
  });
});
