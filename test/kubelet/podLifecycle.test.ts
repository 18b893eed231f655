import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../backends/contract/types.js';
import { EventLog, getPod, kubeletSim, podObject, podStatus, readyCount, statusTimeline } from './support.js';

const nginx = (name: string, extra: Record<string, unknown> = {}) =>
  podObject(name, { containers: [{ name: 'nginx', image: 'nginx:1.25', ...extra }] });

describe('a pod from Pending to Running', () => {
  it('goes Pending -> ContainerCreating -> Running with the kubelet events in order', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const timeline = statusTimeline(sim, 'web');
    sim.api.create('pods', nginx('web'));
    const created = getPod(sim, 'web')!;
    expect(podStatus(created)).toBe('Pending');
    sim.virtualClock.advanceUntil(() => getPod(sim, 'web')?.status?.phase === 'Running', 60_000);
    const pod = getPod(sim, 'web')!;
    const node = pod.spec!.nodeName!;
    expect(['kind-worker', 'kind-worker2']).toContain(node);

    expect(timeline.map((t) => t.status)).toEqual(['Pending', 'ContainerCreating', 'Running']);
    expect(log.reasons('web')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const [scheduled, pulling, pulled, createdEv, started] = log.of('web');
    expect(scheduled.message).toBe(`Successfully assigned default/web to ${node}`);
    expect(scheduled.component).toBe('default-scheduler');
    expect(scheduled.fieldPath).toBeUndefined();
    expect(pulling.message).toBe('Pulling image "nginx:1.25"');
    expect(pulled.message).toMatch(/^Successfully pulled image "nginx:1\.25" in (\d+\.\d{1,3}s|\d+ms) \((\d+\.\d{1,3}s|\d+ms) including waiting\)\. Image size: \d+ bytes\.$/);
    expect(createdEv.message).toBe('Created container: nginx');
    expect(started.message).toBe('Started container nginx');
    for (const e of [pulling, pulled, createdEv, started]) {
      expect(e.component).toBe('kubelet');
      expect(e.fieldPath).toBe('spec.containers{nginx}');
    }
    // §14: scheduling within tens of ms, the sandbox in 0.5–2 s, an nginx pull of a few seconds.
    expect(scheduled.at).toBeLessThanOrEqual(60);
    const pullSeconds = Number(/in ([\d.]+)s \(/.exec(pulled.message)![1]);
    expect(pullSeconds).toBeGreaterThan(1);
    expect(pullSeconds).toBeLessThan(15);
    expect(pulled.at - pulling.at).toBeGreaterThanOrEqual(pullSeconds * 1000 - 1);

    expect(readyCount(pod)).toBe('1/1');
    expect(pod.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const cs = pod.status!.containerStatuses![0];
    expect(cs.image).toBe('docker.io/library/nginx:1.25');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs).toMatchObject({ ready: true, started: true, restartCount: 0, lastState: {} });
    const nodeIndex = node === 'kind-worker' ? 1 : 2;
    expect(pod.status!.hostIP).toBe(`172.18.0.${nodeIndex + 2}`);
    expect(pod.status!.podIP).toMatch(new RegExp(`^10\\.244\\.${nodeIndex}\\.\\d+$`));
    expect(pod.status!.podIPs).toEqual([{ ip: pod.status!.podIP }]);
    expect(pod.status!.qosClass).toBe('BestEffort');
  });

  it('shows ContainerCreating with the conditions of a pod whose containers are not ready yet', () => {
    const sim = kubeletSim();
    sim.api.create('pods', nginx('web'));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'web')?.status?.containerStatuses !== undefined, 5_000, 10);
    const pod = getPod(sim, 'web')!;
    expect(podStatus(pod)).toBe('ContainerCreating');
    expect(pod.status!.phase).toBe('Pending');
    const ready = pod.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(pod.status!.containerStatuses![0]).toMatchObject({ image: 'nginx:1.25', imageID: '', ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } });
  });

  it('a second pod on the same node finds the image already present', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const onWorker = (name: string) => podObject(name, { nodeSelector: { 'kubernetes.io/hostname': 'kind-worker' }, containers: [{ name: 'nginx', image: 'nginx:1.25' }] });
    sim.api.create('pods', onWorker('first'));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'first')?.status?.phase === 'Running', 60_000);
    sim.api.create('pods', onWorker('second'));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'second')?.status?.phase === 'Running', 60_000);
    expect(log.reasons('second')).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
    expect(log.find('second', 'Pulled')[0].message).toBe('Container image "nginx:1.25" already present on machine');
    // A pod on the other worker has to pull again: the image cache is per node.
    sim.api.create('pods', podObject('third', { nodeSelector: { 'kubernetes.io/hostname': 'kind-worker2' }, containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'third')?.status?.phase === 'Running', 60_000);
    expect(log.reasons('third')).toContain('Pulling');
  });

  it('serializes pulls on a node: the second pod waits for the first pull', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const spec = (image: string) => ({ nodeSelector: { 'kubernetes.io/hostname': 'kind-worker' }, containers: [{ name: 'app', image }] });
    sim.api.create('pods', podObject('a', spec('httpd:2.4')));
    sim.api.create('pods', podObject('b', spec('redis:7')));
    sim.virtualClock.advanceUntil(() => ['a', 'b'].every((n) => getPod(sim, n)?.status?.phase === 'Running'), 120_000);
    const [pa, pb] = ['a', 'b'].map((n) => /in ([\d.]+)s \(([\d.]+)s including waiting\)/.exec(log.find(n, 'Pulled')[0].message)!);
    const first = Number(pa[1]) <= Number(pa[2]) - 0.001 ? pb : pa;
    const second = first === pa ? pb : pa;
    expect(Number(first[1])).toBeCloseTo(Number(first[2]), 0);
    expect(Number(second[2])).toBeGreaterThan(Number(second[1]) + 1);
  });

  it('becomes Ready at the first readiness probe after initialDelaySeconds', () => {
    const sim = kubeletSim();
    sim.api.create('pods', nginx('probed', { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'probed')?.status?.phase === 'Running', 60_000, 10);
    const running = getPod(sim, 'probed')!;
    expect(readyCount(running)).toBe('0/1');
    expect(running.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    const startedAt = Date.parse(running.status!.containerStatuses![0].state!.running!.startedAt!);
    const waited = sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'probed')!) === '1/1', 60_000, 10);
    const readyAt = sim.clock.now();
    expect(readyAt - startedAt).toBeGreaterThanOrEqual(5_000 - 1000);
    expect(waited).toBeLessThanOrEqual(10_000 + 5_000);
    expect(getPod(sim, 'probed')!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
  });

  it('gives hostNetwork pods the node IP', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('hostnet', { hostNetwork: true, containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'hostnet')?.status?.phase === 'Running', 60_000);
    const pod = getPod(sim, 'hostnet')!;
    expect(pod.status!.podIP).toBe(pod.status!.hostIP);
  });

  it('runs a pod that already names its node without scheduling it', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', podObject('static-web', { nodeName: 'kind-control-plane', containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'static-web')?.status?.phase === 'Running', 60_000);
    expect(log.reasons('static-web')).not.toContain('Scheduled');
    expect(getPod(sim, 'static-web')!.status!.podIP).toMatch(/^10\.244\.0\.\d+$/);
  });
});

describe('init containers', () => {
  it('runs them to completion first, then starts the app containers', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    const states: string[] = [];
    sim.api.watch('pods', { resourceVersion: sim.api.resourceVersion }, {
      onEvent: (e) => {
        if (e.type !== 'MODIFIED') return;
        const p = e.object as Pod;
        const init = p.status?.initContainerStatuses?.[0].state;
        const app = p.status?.containerStatuses?.[0].state;
        if (!init || !app) return;
        const s = `${Object.keys(init)[0]}${init.waiting ? `:${init.waiting.reason}` : ''}/${Object.keys(app)[0]}${app.waiting ? `:${app.waiting.reason}` : ''}`;
        if (states.at(-1) !== s) states.push(s);
      },
      onExpired: () => {}, onError: () => {},
    });
    sim.api.create('pods', podObject('init', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'echo init done; sleep 2'] }],
      containers: [{ name: 'nginx', image: 'nginx:1.25' }],
    }));
    sim.virtualClock.advanceUntil(() => readyCount(getPod(sim, 'init')!) === '1/1', 60_000);
    expect(states).toEqual([
      'waiting:PodInitializing/waiting:PodInitializing',
      'running/waiting:PodInitializing',
      'terminated/waiting:ContainerCreating',
      'terminated/running',
    ]);
    expect(log.of('init').map((e) => `${e.reason} ${e.fieldPath ?? ''}`)).toEqual([
      'Scheduled ', 'Pulling spec.initContainers{setup}', 'Pulled spec.initContainers{setup}', 'Created spec.initContainers{setup}', 'Started spec.initContainers{setup}',
      'Pulling spec.containers{nginx}', 'Pulled spec.containers{nginx}', 'Created spec.containers{nginx}', 'Started spec.containers{nginx}',
    ]);
    const pod = getPod(sim, 'init')!;
    expect(pod.status!.initContainerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(sim.ctx.logs!('default', 'init', 'setup', 10)).toEqual(['init done']);
  });

  it('starts the app containers once a sidecar init container is running', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('side', {
      initContainers: [{ name: 'proxy', image: 'nginx:1.25', restartPolicy: 'Always' }],
      containers: [{ name: 'app', image: 'redis:7' }],
    }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'side')?.status?.containerStatuses?.[0].state?.running !== undefined, 60_000);
    const pod = getPod(sim, 'side')!;
    expect(pod.status!.phase).toBe('Running');
    expect(pod.status!.initContainerStatuses![0]).toMatchObject({ ready: true, started: true, state: { running: {} } });
    expect(pod.status!.conditions!.find((c) => c.type === 'Initialized')!.status).toBe('True');
  });

  it('holds the pod in Initialized=False while an init container waits', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('init', { initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sleep', '3600'] }], containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advance(30_000);
    const pod = getPod(sim, 'init')!;
    expect(pod.status!.phase).toBe('Pending');
    expect(pod.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait]' });
  });
});

describe('Node objects', () => {
  it('registers the kind nodes with labels, the control-plane taint, addresses, pod CIDRs and system info', () => {
    const sim = kubeletSim();
    const nodes = sim.api.list('nodes').items as Node[];
    expect(nodes.map((n) => n.metadata!.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    const [cp, w1, w2] = nodes;
    expect(cp.metadata!.labels).toMatchObject({
      'kubernetes.io/hostname': 'kind-control-plane', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(w1.metadata!.labels!['node-role.kubernetes.io/control-plane']).toBeUndefined();
    expect(w1.metadata!.labels!['kubernetes.io/hostname']).toBe('kind-worker');
    expect(cp.spec!.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(w1.spec!.taints).toBeUndefined();
    expect(nodes.map((n) => n.spec!.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(nodes.map((n) => n.status!.addresses)).toEqual([
      [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'kind-control-plane' }],
      [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'kind-worker' }],
      [{ type: 'InternalIP', address: '172.18.0.4' }, { type: 'Hostname', address: 'kind-worker2' }],
    ]);
    expect(w2.status!.nodeInfo).toMatchObject({ kubeletVersion: 'v1.33.1', operatingSystem: 'linux', architecture: 'amd64' });
    expect(w2.status!.nodeInfo!.containerRuntimeVersion).toMatch(/^containerd:\/\//);
    expect(cp.status!.conditions!.map((c) => `${c.type}=${c.status}:${c.reason}`)).toEqual([
      'MemoryPressure=False:KubeletHasSufficientMemory', 'DiskPressure=False:KubeletHasNoDiskPressure',
      'PIDPressure=False:KubeletHasSufficientPID', 'Ready=True:KubeletReady',
    ]);
    expect(cp.status!.conditions![3].message).toBe('kubelet is posting ready status');
    expect(cp.status!.images!.some((i) => i.names!.includes('registry.k8s.io/coredns/coredns:v1.12.0'))).toBe(true);
  });

  it('does not rewrite the nodes while nothing changes', () => {
    const sim = kubeletSim();
    const before = sim.api.list('nodes').items.map((n) => n.metadata!.resourceVersion);
    sim.virtualClock.advance(600_000);
    expect(sim.api.list('nodes').items.map((n) => n.metadata!.resourceVersion)).toEqual(before);
  });

  it('lists a newly pulled image in the node status once, at the next status update', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('r', { nodeSelector: { 'kubernetes.io/hostname': 'kind-worker' }, containers: [{ name: 'r', image: 'redis:7' }] }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'r')?.status?.phase === 'Running', 60_000);
    sim.virtualClock.advance(11_000);
    const node = sim.api.get('nodes', undefined, 'kind-worker') as Node;
    expect(node.status!.images!.some((i) => i.names!.includes('docker.io/library/redis:7'))).toBe(true);
  });
});

describe('scheduling', () => {
  it('keeps pods off the tainted control plane and spreads them over the workers', () => {
    const sim = kubeletSim();
    for (let i = 0; i < 6; i++) sim.api.create('pods', nginx(`p${i}`));
    sim.virtualClock.advance(2_000);
    const nodes = (sim.api.list('pods').items as Pod[]).map((p) => p.spec!.nodeName);
    expect(nodes.filter((n) => n === 'kind-worker')).toHaveLength(3);
    expect(nodes.filter((n) => n === 'kind-worker2')).toHaveLength(3);
  });

  it('reports an unschedulable pod with the scheduler message, and places it when a toleration allows', () => {
    const sim = kubeletSim();
    const log = new EventLog(sim);
    sim.api.create('pods', podObject('cp', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advance(5_000);
    const msg = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const pod = getPod(sim, 'cp')!;
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(podStatus(pod)).toBe('Pending');
    expect(pod.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg, lastTransitionTime: expect.any(String) }]);
    expect(log.find('cp', 'FailedScheduling').map((e) => [e.type, e.message, e.component])).toEqual([['Warning', msg, 'default-scheduler']]);

    sim.api.create('pods', podObject('cp2', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{ name: 'nginx', image: 'nginx:1.25' }],
    }));
    sim.virtualClock.advanceUntil(() => getPod(sim, 'cp2')?.status?.phase === 'Running', 60_000);
    expect(getPod(sim, 'cp2')!.spec!.nodeName).toBe('kind-control-plane');
  });

  it('leaves a gated pod alone until its scheduling gates are removed', () => {
    const sim = kubeletSim();
    sim.api.create('pods', podObject('gated', { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'nginx', image: 'nginx:1.25' }] }));
    sim.virtualClock.advance(5_000);
    const pod = getPod(sim, 'gated')!;
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(pod.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastTransitionTime: expect.any(String) }]);
    sim.api.patch('pods', 'default', 'gated', 'merge', { spec: { schedulingGates: null } });
    sim.virtualClock.advanceUntil(() => getPod(sim, 'gated')!.status!.phase === 'Running', 60_000);
  });

  it('reports Insufficient cpu and schedules the pod once room is made', () => {
    const sim = kubeletSim();
    const big = (name: string) => podObject(name, { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '6' } } }] });
    sim.api.create('pods', big('a'));
    sim.api.create('pods', big('b'));
    sim.virtualClock.advance(2_000);
    sim.api.create('pods', big('c'));
    sim.virtualClock.advance(5_000);
    const c = getPod(sim, 'c')!;
    expect(c.status!.conditions![0].message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
    sim.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    sim.virtualClock.advance(15_000);
    expect(getPod(sim, 'c')!.spec!.nodeName).toBe(getPod(sim, 'b')!.spec!.nodeName === 'kind-worker' ? 'kind-worker2' : 'kind-worker');
  });
});
