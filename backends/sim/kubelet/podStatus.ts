// The pod status the kubelet reports (generateAPIPodStatus, getPhase, the condition generators
// in pkg/kubelet/status), computed from its own record of the pod.
import type { Pod } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import { jsonEqual } from '../apiserver/jsonValue.js';
import { parseQuantityBytes } from './configResolution.js';
import { hasSucceeded, isRunning, type ContainerInstance, type ContainerRun, type PodRun } from './podRun.js';
import type { ContainerState, ContainerStatus, PodCondition, PodStatus } from './types.js';

/** Conditions the kubelet owns; any other (DisruptionTarget...) is kept as another writer left it. */
const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

function terminatedState(i: ContainerInstance): ContainerState {
  return {
    terminated: {
      exitCode: i.exitCode ?? 0,
      reason: i.reason ?? (i.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: rfc3339(i.startedAt),
      finishedAt: rfc3339(i.finishedAt ?? i.startedAt),
      containerID: `containerd://${i.containerID}`,
    },
  };
}

function containerStatus(c: ContainerRun, initDone: boolean): ContainerStatus {
  const cur = c.current;
  const shown = cur ?? c.previous;
  const status: ContainerStatus = {
    name: c.name,
    image: shown ? shown.image : c.spec.image ?? '',
    imageID: shown ? shown.imageID : '',
    ready: c.ready && isRunning(c),
    restartCount: c.restartCount,
    started: isRunning(c),
    state: {},
    lastState: {},
  };
  if (cur && cur.finishedAt === undefined) {
    status.containerID = `containerd://${cur.containerID}`;
    status.state = { running: { startedAt: rfc3339(cur.startedAt) } };
    if (c.previous) status.lastState = terminatedState(c.previous);
  } else if (cur && !c.waiting) {
    status.containerID = `containerd://${cur.containerID}`;
    status.state = terminatedState(cur);
    if (c.previous) status.lastState = terminatedState(c.previous);
  } else {
    const last = cur ?? c.previous;
    if (last) { status.containerID = `containerd://${last.containerID}`; status.lastState = terminatedState(last); }
    // App containers wait for PodInitializing until the init containers are done.
    const reason = c.waiting?.reason === 'PodInitializing' && initDone && !c.init ? 'ContainerCreating' : c.waiting?.reason ?? 'ContainerCreating';
    status.state = { waiting: { reason, ...(c.waiting?.message ? { message: c.waiting.message } : {}) } };
  }
  if (shown && c.spec.volumeMounts?.length) {
    status.volumeMounts = c.spec.volumeMounts.map((m) => ({
      name: m.name, mountPath: m.mountPath, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return status;
}

/** getPhase in kubelet_pods.go. `terminal`: the pod is done (deleted and stopped, or nothing restarts). */
export function podPhase(run: PodRun, terminal: boolean): string {
  const policy = run.pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = false;
  let failedInit = false;
  for (const c of run.init) {
    if (hasSucceeded(c) || (c.spec.restartPolicy === 'Always' && isRunning(c))) continue;
    pendingInit = true;
    const failed = (c.current && c.current.finishedAt !== undefined && c.current.exitCode !== 0) || (!c.current && !!c.previous);
    if (failed && policy === 'Never') failedInit = true;
  }
  if (failedInit) return 'Failed';
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of run.containers) {
    if (isRunning(c)) running++;
    else if (c.current && !c.waiting) { stopped++; if (c.current.exitCode === 0) succeeded++; }
    else if (c.current || c.previous) stopped++;
    else waiting++;
  }
  if (pendingInit) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always' && !terminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never' || terminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** BestEffort, Burstable or Guaranteed (pkg/apis/core/v1/helper/qos). */
export function qosClass(pod: Pod): string {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    if (Object.keys(limits).length || Object.keys(requests).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (!limits[r] || !requests[r] || parseQuantityBytes(limits[r]) !== parseQuantityBytes(requests[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const c: PodCondition = { type, status: ok ? 'True' : 'False' };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** The status to write, merged with what others wrote (their conditions and the PodScheduled time). */
export function generatePodStatus(run: PodRun, stored: Pod, now: number, hostIP: string): PodStatus {
  const phase = podPhase(run, run.terminal);
  const completed = phase === 'Succeeded';
  const initPending = run.init.filter((c) => !hasSucceeded(c) && !(c.spec.restartPolicy === 'Always' && isRunning(c))).map((c) => c.name);
  const unready = run.containers.filter((c) => !(c.ready && isRunning(c))).map((c) => c.name);
  const ready = unready.length === 0 && !run.terminal;
  const readyReason = completed ? 'PodCompleted' : ready ? undefined : 'ContainersNotReady';
  const readyMessage = completed || ready ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const ours: PodCondition[] = [
    condition('PodReadyToStartContainers', run.sandbox === 'ready' && !run.terminal),
    initPending.length && !completed
      ? condition('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${initPending.join(' ')}]`)
      : condition('Initialized', true, completed && run.init.length ? 'PodCompleted' : undefined),
    condition('Ready', ready, readyReason, readyMessage),
    condition('ContainersReady', ready, readyReason, readyMessage),
    condition('PodScheduled', true),
  ];
  const old = stored.status?.conditions ?? [];
  const nowIso = rfc3339(now);
  const conditions: PodCondition[] = [...old.filter((c) => !KUBELET_CONDITIONS.includes(c.type))];
  for (const c of ours) {
    const prev = old.find((o) => o.type === c.type);
    c.lastTransitionTime = prev && prev.status === c.status ? prev.lastTransitionTime : nowIso;
    // An unchanged condition is the stored one: successive versions of the pod share it.
    conditions.push(prev && jsonEqual(prev, c) ? prev : c);
  }
  // Assigned in the order kubectl and snapshots have always shown them, without spreading a
  // temporary object per optional field (a status is built on every kubelet update).
  const status: PodStatus = {};
  if (stored.status?.observedGeneration !== undefined) status.observedGeneration = stored.status.observedGeneration;
  status.phase = phase;
  status.conditions = conditions;
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  if (run.podIP) { status.podIP = run.podIP; status.podIPs = [{ ip: run.podIP }]; }
  status.startTime = rfc3339(run.startTime);
  if (run.init.length) status.initContainerStatuses = run.init.map((c) => containerStatus(c, false));
  status.containerStatuses = run.containers.map((c) => containerStatus(c, initPending.length === 0));
  status.qosClass = stored.status?.qosClass ?? qosClass(stored);
  return status;
}
