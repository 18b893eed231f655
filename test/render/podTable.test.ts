// `kubectl get pods` cells: STATUS / READY / RESTARTS derivation of kubernetes-behaviour.md §5.4.
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { renderTable, rowState, tableFor } from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:10:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
type Status = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function pod(opts: {
  phase?: string; containers?: Status[]; init?: Status[]; initSpec?: { name: string; restartPolicy?: string }[];
  ready?: boolean; initialized?: boolean; deleting?: boolean; reason?: string; names?: string[]; node?: string;
}): Pod {
  const names = opts.names ?? (opts.containers ?? [{ name: 'app' } as Status]).map((c) => c.name);
  const conditions = [];
  if (opts.initialized !== undefined) conditions.push({ type: 'Initialized', status: opts.initialized ? 'True' : 'False' });
  if (opts.ready !== undefined) conditions.push({ type: 'Ready', status: opts.ready ? 'True' : 'False' });
  return {
    metadata: {
      name: 'web-7c5ddbdf54-2xq9z', namespace: 'default', creationTimestamp: ago(600),
      ...(opts.deleting ? { deletionTimestamp: ago(-25), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      nodeName: opts.node,
      containers: names.map((name) => ({ name, image: 'nginx:1.25' })),
      initContainers: opts.initSpec?.map((c) => ({ name: c.name, image: 'busybox', restartPolicy: c.restartPolicy })),
    },
    status: {
      phase: opts.phase ?? 'Running', reason: opts.reason, conditions,
      containerStatuses: opts.containers, initContainerStatuses: opts.init,
    },
  };
}

const running = (name = 'app', extra: Partial<Status> = {}): Status =>
  ({ name, image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: ago(500) } }, ...extra });
const waiting = (reason: string, name = 'app', extra: Partial<Status> = {}): Status =>
  ({ name, image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } }, ...extra });
const terminated = (reason: string | undefined, exitCode: number, name = 'app', extra: Partial<Status> = {}): Status =>
  ({ name, image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { terminated: { reason, exitCode } }, ...extra });

/** [READY, STATUS, RESTARTS, AGE] */
const cells = (p: Pod) => tableFor('pods').row(p, { now: NOW }).slice(1, 5);

describe('pod STATUS, READY, RESTARTS', () => {
  it('Pending before scheduling', () => {
    expect(cells(pod({ phase: 'Pending' }))).toEqual(['0/1', 'Pending', '0', '10m']);
  });
  it('ContainerCreating', () => {
    expect(cells(pod({ phase: 'Pending', containers: [waiting('ContainerCreating')] }))).toEqual(['0/1', 'ContainerCreating', '0', '10m']);
  });
  it('Running and ready', () => {
    expect(cells(pod({ containers: [running()], ready: true }))).toEqual(['1/1', 'Running', '0', '10m']);
  });
  it('Completed', () => {
    expect(cells(pod({ phase: 'Succeeded', containers: [terminated('Completed', 0)] }))).toEqual(['0/1', 'Completed', '0', '10m']);
  });
  it('Error', () => {
    expect(cells(pod({ phase: 'Failed', containers: [terminated('Error', 1)] }))).toEqual(['0/1', 'Error', '0', '10m']);
  });
  it('CrashLoopBackOff, with RESTARTS counting back to the last termination', () => {
    const c = waiting('CrashLoopBackOff', 'app', {
      restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(45) } },
    });
    expect(cells(pod({ containers: [c], ready: false }))).toEqual(['0/1', 'CrashLoopBackOff', '2 (45s ago)', '10m']);
  });
  it.each(['ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError'])('%s', (reason) => {
    expect(cells(pod({ phase: 'Pending', containers: [waiting(reason)] }))[1]).toBe(reason);
  });
  it('Init:0/1 while the init container runs', () => {
    const p = pod({
      phase: 'Pending', initSpec: [{ name: 'init' }], initialized: false,
      init: [running('init', { ready: false })], containers: [waiting('PodInitializing')],
    });
    expect(cells(p)).toEqual(['0/1', 'Init:0/1', '0', '10m']);
  });
  it('Init:Error and Init:CrashLoopBackOff', () => {
    const failed = pod({ phase: 'Pending', initSpec: [{ name: 'init' }], init: [terminated('Error', 1, 'init')], containers: [waiting('PodInitializing')] });
    expect(cells(failed)[1]).toBe('Init:Error');
    const looping = pod({ phase: 'Pending', initSpec: [{ name: 'init' }], init: [waiting('CrashLoopBackOff', 'init', { restartCount: 3 })], containers: [waiting('PodInitializing')] });
    expect(cells(looping).slice(1, 3)).toEqual(['Init:CrashLoopBackOff', '3']);
  });
  it('Init:ExitCode and Init:Signal when the init container has no reason', () => {
    expect(cells(pod({ phase: 'Pending', initSpec: [{ name: 'i' }], init: [terminated(undefined, 2, 'i')] }))[1]).toBe('Init:ExitCode:2');
    const signalled = terminated(undefined, 137, 'i');
    signalled.state!.terminated!.signal = 9;
    expect(cells(pod({ phase: 'Pending', initSpec: [{ name: 'i' }], init: [signalled] }))[1]).toBe('Init:Signal:9');
  });
  it('PodInitializing after the init containers succeeded', () => {
    const p = pod({
      phase: 'Pending', initSpec: [{ name: 'init' }], initialized: true,
      init: [terminated('Completed', 0, 'init')], containers: [waiting('PodInitializing')],
    });
    expect(cells(p)[1]).toBe('PodInitializing');
  });
  it('Terminating whenever deletionTimestamp is set on a live pod; READY still shows readiness', () => {
    expect(cells(pod({ containers: [running()], ready: true, deleting: true }))).toEqual(['1/1', 'Terminating', '0', '10m']);
  });
  it('but a finished pod keeps its final status while being deleted', () => {
    expect(cells(pod({ phase: 'Succeeded', containers: [terminated('Completed', 0)], deleting: true }))[1]).toBe('Completed');
  });
  it('Unknown for a deleted pod on a lost node', () => {
    expect(cells(pod({ containers: [running()], deleting: true, reason: 'NodeLost' }))[1]).toBe('Unknown');
  });
  it('Evicted comes from status.reason', () => {
    expect(cells(pod({ phase: 'Failed', reason: 'Evicted' }))[1]).toBe('Evicted');
  });
  it('NotReady: one container completed, another running, pod not Ready', () => {
    const containers = [terminated('Completed', 0, 'job'), running('web')];
    expect(cells(pod({ containers, ready: false }))).toEqual(['1/2', 'NotReady', '0', '10m']);
    expect(cells(pod({ containers, ready: true }))).toEqual(['1/2', 'Running', '0', '10m']);
  });
  it('the first container with a reason wins (containers are walked last to first)', () => {
    expect(cells(pod({ containers: [waiting('ErrImagePull', 'a'), waiting('CrashLoopBackOff', 'b')] }))[1]).toBe('ErrImagePull');
  });
  it('ExitCode / Signal for containers terminated without a reason', () => {
    expect(cells(pod({ phase: 'Failed', containers: [terminated(undefined, 3)] }))[1]).toBe('ExitCode:3');
  });
  it('a running container that is not ready is not counted in READY', () => {
    expect(cells(pod({ containers: [running('app', { ready: false })], ready: false }))).toEqual(['0/1', 'Running', '0', '10m']);
  });
  it('sidecars (restartable init containers) count in READY and RESTARTS', () => {
    const sidecar = running('proxy', { started: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(120) } } });
    const p = pod({ initSpec: [{ name: 'proxy', restartPolicy: 'Always' }], init: [sidecar], initialized: true, containers: [running()], ready: true });
    expect(cells(p)).toEqual(['2/2', 'Running', '1 (2m ago)', '10m']);
  });
  it('SchedulingGated', () => {
    const p = pod({ phase: 'Pending' });
    p.status!.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }];
    expect(cells(p)[1]).toBe('SchedulingGated');
  });
  it('RESTARTS has no "ago" when no termination time is known', () => {
    expect(cells(pod({ containers: [running('app', { restartCount: 4 })], ready: true }))[2]).toBe('4');
  });
});

describe('pods table', () => {
  it('has kubectl columns, wide ones flagged', () => {
    expect(tableFor('pods').columns.map((c) => `${c.name}${c.wide ? '*' : ''}`)).toEqual([
      'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP*', 'NODE*', 'NOMINATED NODE*', 'READINESS GATES*',
    ]);
  });
  it('wide cells are <none> when empty, readiness gates counted', () => {
    const p = pod({ phase: 'Pending' });
    expect(tableFor('pods').row(p, { now: NOW }).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    const q = pod({ containers: [running()], ready: true, node: 'kind-worker' });
    q.status!.podIPs = [{ ip: '10.244.1.5' }];
    q.spec!.readinessGates = [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/other' }];
    q.status!.conditions!.push({ type: 'example.com/lb', status: 'True' });
    expect(tableFor('pods').row(q, { now: NOW }).slice(5)).toEqual(['10.244.1.5', 'kind-worker', '<none>', '1/2']);
  });
  it('renders the typical line of §5.4', () => {
    const c = running('app', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(45) } } });
    const text = renderTable(tableFor('pods'), [pod({ containers: [c], ready: true })], { now: NOW });
    expect(text).toBe(
      'NAME                   READY   STATUS    RESTARTS      AGE\n'
      + 'web-7c5ddbdf54-2xq9z   1/1     Running   2 (45s ago)   10m\n',
    );
  });
  it('row colours follow the status', () => {
    const state = (p: Pod) => rowState('pods', p, NOW);
    expect(state(pod({ containers: [running()], ready: true }))).toBe('ok');
    expect(state(pod({ phase: 'Pending', containers: [waiting('ContainerCreating')] }))).toBe('pending');
    expect(state(pod({ containers: [waiting('CrashLoopBackOff')] }))).toBe('error');
    expect(state(pod({ containers: [running('app', { ready: false })], ready: false }))).toBe('warning');
    expect(state(pod({ containers: [running()], deleting: true }))).toBe('terminating');
    expect(state(pod({ phase: 'Succeeded', containers: [terminated('Completed', 0)] }))).toBe('completed');
  });
});
