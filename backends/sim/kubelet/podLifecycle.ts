// The kubelet's pod worker (syncPod in kubelet.go and kuberuntime_manager.go): mount volumes,
// create the sandbox, run init containers in order, start app containers (image pull, config,
// create, start), restart them per restartPolicy with the crash back-off, probe readiness, and
// stop everything when the pod is deleted. Every step emits the kubelet's events and ends in a
// status update; every delay is on the simulator's clock.
import type { KubeObject, Pod } from '../../contract/types.js';
import type { SimContext } from '../context.js';
import type { Timer } from '../clock.js';
import { Backoff } from './backoff.js';
import { resolveEnv, type ConfigObjects } from './configResolution.js';
import { goDuration } from './goDuration.js';
import {
  defaultPullPolicy, failedPullDurationMs, lookupImage, parseImage, pullDurationMs, refreshPullDurationMs, type RegistryImage,
} from './imageRegistry.js';
import type { NodeAgent } from './nodeAgent.js';
import { NODE_CAPACITY } from './nodes.js';
import { generatePodStatus } from './podStatus.js';
import { hasSucceeded, isRunning, type ContainerInstance, type ContainerRun, type PodRun } from './podRun.js';
import { programFor } from './programs.js';
import { podDescription, type ContainerState, type ContainerStatus } from './types.js';
import { mountVolumes, subPathFiles } from './volumes.js';
import { jsonEqual } from '../apiserver/jsonValue.js';

/** The pod worker re-queues a pod this long after a failed sync (backOffPeriod 10 s, jitter 0.5). */
const ERROR_REQUEUE: [number, number] = [10_000, 15_000];
const MOUNT_RETRY_MAX_MS = 122_000;

export interface KubeletHost {
  ctx: SimContext;
  agent(node: string): NodeAgent;
  objects: ConfigObjects;
}

function shouldRestart(policy: string | undefined, exitCode: number | undefined): boolean {
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}

const sameJson = jsonEqual;

// `spec.containers{app}`: every event of a container names it, and each Event keeps the string.
const fieldPaths = { init: new Map<string, string>(), app: new Map<string, string>() };

function containerFieldPath(c: ContainerRun): string {
  const paths = c.init ? fieldPaths.init : fieldPaths.app;
  let path = paths.get(c.name);
  if (path === undefined) {
    if (paths.size >= 1024) paths.clear();
    paths.set(c.name, (path = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`));
  }
  return path;
}

export class PodLifecycle {
  private readonly dirty = new Set<PodRun>();
  private flushScheduled = false;

  constructor(private readonly host: KubeletHost) {}

  private get ctx(): SimContext { return this.host.ctx; }
  private now(): number { return this.ctx.clock.now(); }
  private between(range: [number, number]): number { return Math.round(this.ctx.random.between(range[0], range[1])); }

  // ------------------------------------------------------------------ plumbing

  /** A timer that is forgotten when the pod's epoch changes (node failure, deletion). */
  after(run: PodRun, ms: number, fn: () => void): Timer {
    const epoch = run.epoch;
    const t: Timer = this.ctx.clock.setTimer(Math.round(ms), () => {
      run.timers.delete(t);
      if (run.epoch === epoch && !this.host.agent(run.node).failed) fn();
    });
    run.timers.add(t);
    return t;
  }

  /** Forgets every pending step of the pod. */
  cancelAll(run: PodRun): void {
    run.epoch++;
    for (const t of run.timers) this.ctx.clock.clearTimer(t);
    run.timers.clear();
    run.syncTimer = undefined;
    run.syncAt = undefined;
    run.volumeRefresh = undefined;
    run.volumeRefreshAt = undefined;
    run.pullInFlight = undefined;
    run.busy = false;
    for (const c of [...run.init, ...run.containers]) c.starting = false;
  }

  /** Runs sync at `at` (or earlier if one is already due sooner). */
  syncAt(run: PodRun, at: number): void {
    if (run.syncAt !== undefined && run.syncAt <= at) return;
    if (run.syncTimer) { this.ctx.clock.clearTimer(run.syncTimer); run.timers.delete(run.syncTimer); }
    run.syncAt = at;
    run.syncTimer = this.after(run, Math.max(0, at - this.now()), () => {
      run.syncTimer = undefined;
      run.syncAt = undefined;
      this.sync(run);
    });
  }

  event(run: PodRun, c: ContainerRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fieldPath = c ? containerFieldPath(c) : undefined;
    this.ctx.events.record(run.pod as KubeObject, type, reason, message, { component: 'kubelet', host: run.node }, fieldPath);
  }

  /** Queues a status update; several changes in one instant make one write. */
  writeStatus(run: PodRun): void {
    this.dirty.add(run);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.ctx.clock.setTimer(0, () => {
      this.flushScheduled = false;
      const runs = [...this.dirty];
      this.dirty.clear();
      for (const r of runs) this.flushStatus(r);
    });
  }

  flushStatus(run: PodRun): void {
    this.dirty.delete(run);
    const agent = this.host.agent(run.node);
    if (agent.failed) return;
    const stored = this.ctx.api.tryGet('pods', run.namespace, run.name) as Pod | undefined;
    if (!stored || stored.metadata?.uid !== run.uid) return;
    const status = generatePodStatus(run, stored, this.now(), agent.facts.ip);
    if (sameJson(status, stored.status)) return;
    try {
      this.ctx.api.update('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: run.name, namespace: run.namespace }, status } as KubeObject, { subresource: 'status', handOver: true });
    } catch {
      // The pod went away in the meantime: nothing to report.
    }
  }

  // ------------------------------------------------------------------ sync

  sync(run: PodRun): void {
    const agent = this.host.agent(run.node);
    if (agent.failed || run.terminating || run.terminal) return;
    const now = this.now();
    if (!run.volumes) {
      if (now < run.mountRetryAt) return this.syncAt(run, run.mountRetryAt);
      const m = mountVolumes(run.pod, this.host.objects);
      if (!m.ok) {
        this.event(run, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${m.volume}" : ${m.error}`);
        // The volume manager retries with exponential back-off: 500 ms doubling to 2m2s.
        run.mountRetryMs = run.mountRetryMs ? Math.min(run.mountRetryMs * 2, MOUNT_RETRY_MAX_MS) : 500;
        run.mountRetryAt = now + run.mountRetryMs;
        this.writeStatus(run);
        return this.syncAt(run, run.mountRetryAt);
      }
      run.volumes = m.volumes;
      run.mountRetryMs = 0;
    }
    if (run.sandbox === 'none') {
      run.sandbox = 'creating';
      // syncPod publishes the status it generated before the runtime's SyncPod: ContainerCreating,
      // no IP yet. The sandbox's IP and PodReadyToStartContainers are first shown by the status
      // after the containers start (or fail to), as the kubelet's next sync reports them.
      this.writeStatus(run);
      // Sandbox (pause container) and CNI setup.
      this.after(run, this.between([500, 2000]), () => {
        run.sandbox = 'ready';
        run.podIP = run.pod.spec?.hostNetwork ? agent.facts.ip : agent.ipam.allocate();
        this.sync(run);
      });
      return;
    }
    if (run.sandbox !== 'ready' || run.busy) return;
    const policy = run.pod.spec?.restartPolicy;
    let wake = Infinity;

    for (const c of run.init) {
      if (hasSucceeded(c)) continue;
      const sidecar = c.spec.restartPolicy === 'Always';
      if (sidecar && isRunning(c)) continue; // a sidecar only has to be started
      if (isRunning(c) || c.starting) return;
      const decision = this.mayStart(run, c, sidecar ? 'Always' : policy === 'Never' ? 'Never' : 'OnFailure');
      if (decision === 'never') return this.finishIfDone(run);
      if (typeof decision === 'number') return this.syncAt(run, decision);
      if (!this.startContainer(run, c)) this.syncSoonAfterHold(run, c);
      return;
    }
    for (const c of run.containers) {
      if (isRunning(c) || c.starting) continue;
      const decision = this.mayStart(run, c, policy);
      if (decision === 'never') continue;
      if (typeof decision === 'number') { wake = Math.min(wake, decision); continue; }
      if (this.startContainer(run, c)) return;
    }
    this.finishIfDone(run);
    if (wake < Infinity) this.syncAt(run, wake);
  }

  /** 'start', 'never' (exited and stays so), or the time to look again (back-off or error hold). */
  private mayStart(run: PodRun, c: ContainerRun, policy: string | undefined): 'start' | 'never' | number {
    const now = this.now();
    const cur = c.current;
    if (cur && cur.finishedAt !== undefined) {
      if (!shouldRestart(policy, cur.exitCode)) return 'never';
      if (run.restartBackoff.isInBackOffSince(c.name, cur.finishedAt)) {
        const backoff = run.restartBackoff.get(c.name);
        c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(backoff)} restarting failed container=${c.name} pod=${podDescription(run.pod)}` };
        c.ready = false;
        this.event(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDescription(run.pod)}`);
        this.writeStatus(run);
        // Deviation: the restart happens as the back-off ends; a real pod worker notices at its
        // next sync, up to 10–15 s later, which blurs the 10, 20, 40 s... sequence.
        return Math.min(cur.finishedAt + backoff, now + this.between(ERROR_REQUEUE));
      }
      if (c.holdUntil > now) return c.holdUntil;
      run.restartBackoff.next(c.name, cur.finishedAt);
      return 'start';
    }
    if (c.holdUntil > now) return c.holdUntil;
    return 'start';
  }

  /** Nothing will run again: the pod reached Succeeded or Failed. */
  private finishIfDone(run: PodRun): void {
    const policy = run.pod.spec?.restartPolicy;
    const initFailed = policy === 'Never' && run.init.some((c) => c.current?.finishedAt !== undefined && c.current.exitCode !== 0);
    const allExited = run.containers.every((c) => c.current?.finishedAt !== undefined && !c.starting && !shouldRestart(policy, c.current.exitCode));
    if (!initFailed && !allExited) return;
    run.terminal = true;
    this.writeStatus(run);
  }

  // ------------------------------------------------------------------ starting a container

  /** An init container that could not start: the pod waits for its next attempt. */
  private syncSoonAfterHold(run: PodRun, c: ContainerRun): void {
    if (c.holdUntil > this.now()) this.syncAt(run, c.holdUntil);
  }

  /** Starts the container's next instance; false when it cannot now (the reason is in its waiting state). */
  private startContainer(run: PodRun, c: ContainerRun): boolean {
    const agent = this.host.agent(run.node);
    const image = c.spec.image ?? '';
    const now = this.now();
    const hold = (): false => {
      c.holdUntil = now + this.between(ERROR_REQUEUE);
      this.writeStatus(run);
      this.syncAt(run, c.holdUntil);
      return false;
    };
    const parsed = parseImage(image);
    if (!parsed.ok) {
      const msg = `Failed to apply default image tag "${image}": ${parsed.error}`;
      this.event(run, c, 'Warning', 'InspectFailed', msg);
      this.event(run, c, 'Warning', 'Failed', 'Error: InvalidImageName');
      c.waiting = { reason: 'InvalidImageName', message: msg };
      return hold();
    }
    const ref = parsed.ref;
    const policy = c.spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = agent.images.get(ref.normalized);
    if (present && policy !== 'Always') {
      this.event(run, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return this.createContainer(run, c, present);
    }
    if (!present && policy === 'Never') {
      const msg = `Container image "${image}" is not present with pull policy of Never`;
      this.event(run, c, 'Warning', 'ErrImageNeverPull', msg);
      this.event(run, c, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
      c.waiting = { reason: 'ErrImageNeverPull', message: msg };
      return hold();
    }
    if (run.pullBackoff.isInBackOffSinceUpdate(image, now)) {
      const msg = `Back-off pulling image "${image}"`;
      this.event(run, c, 'Normal', 'BackOff', msg);
      this.event(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      const prev = run.lastPullError.get(image);
      c.waiting = { reason: 'ImagePullBackOff', message: prev ? `${msg}: ${prev}` : msg };
      this.writeStatus(run);
      this.syncAt(run, Math.min(run.pullBackoff.releaseAt(image), now + this.between(ERROR_REQUEUE)));
      return false;
    }

    // Pull, one image at a time per node (serializeImagePulls).
    // A pull this pod had under way before the kubelet restarted (a restored snapshot) goes on.
    const resumed = run.pullInFlight?.container === c.name && run.pullInFlight.image === image ? run.pullInFlight : undefined;
    if (!resumed) this.event(run, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
    c.starting = true;
    run.busy = true;
    const outcome = lookupImage(ref);
    const inflight = agent.pulling.get(ref.normalized);
    const since = resumed?.since ?? now;
    let pullMs: number;
    let end: number;
    if (resumed) {
      pullMs = resumed.pullMs;
      end = resumed.end;
    } else if (outcome.ok && !present && inflight !== undefined) {
      // Deviation: a request for an image another pod is pulling on this node joins that pull
      // (and then only checks the manifest) instead of queueing behind it in the serial puller;
      // a real node would queue it, which only matters with far more pods than maxPods allows.
      pullMs = Math.round(this.ctx.random.between(20, 80));
      end = inflight + pullMs;
    } else {
      const start = Math.max(now, agent.pullFreeAt);
      if (!outcome.ok) pullMs = failedPullDurationMs(this.ctx.random);
      else if (present) pullMs = refreshPullDurationMs(this.ctx.random);
      else pullMs = pullDurationMs(outcome.image.sizeBytes, this.ctx.random);
      end = start + pullMs;
      agent.pullFreeAt = end;
      if (outcome.ok && !present) agent.pulling.set(ref.normalized, end);
    }
    run.pullInFlight = { container: c.name, image, pullMs, end, since };
    this.after(run, Math.max(0, end - now), () => {
      c.starting = false;
      run.busy = false;
      run.pullInFlight = undefined;
      if (!outcome.ok) {
        this.event(run, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${outcome.error}`);
        run.pullBackoff.next(image, this.now());
        run.lastPullError.set(image, `ErrImagePull: ${outcome.error}`);
        this.event(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
        c.waiting = { reason: 'ErrImagePull', message: outcome.error };
        this.writeStatus(run);
        // The failed sync's status update brings the pod back round soon: then it is in back-off.
        return this.syncAt(run, this.now() + this.between([1000, 2000]));
      }
      if (!agent.images.has(ref.normalized)) {
        agent.images.set(ref.normalized, outcome.image);
        agent.imagesChanged();
      }
      if (agent.pulling.get(ref.normalized) !== undefined && agent.pulling.get(ref.normalized)! <= this.now()) agent.pulling.delete(ref.normalized);
      const total = this.now() - since;
      this.event(run, c, 'Normal', 'Pulled',
        `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(total)} including waiting). Image size: ${outcome.image.sizeBytes} bytes.`);
      if (!this.createContainer(run, c, outcome.image)) this.sync(run);
    });
    return true;
  }

  private createContainer(run: PodRun, c: ContainerRun, image: RegistryImage): boolean {
    const agent = this.host.agent(run.node);
    const env = resolveEnv(run.pod, c.spec, this.host.objects, {
      podIP: run.podIP, hostIP: agent.facts.ip, nodeName: run.node,
      allocatable: { cpu: NODE_CAPACITY.cpu, memory: NODE_CAPACITY.memory, 'ephemeral-storage': NODE_CAPACITY['ephemeral-storage'] },
    });
    if (!env.ok) {
      this.event(run, c, 'Warning', 'Failed', `Error: ${env.error}`);
      c.waiting = { reason: 'CreateContainerConfigError', message: env.error };
      c.holdUntil = this.now() + this.between(ERROR_REQUEUE);
      this.writeStatus(run);
      this.syncAt(run, c.holdUntil);
      return false;
    }
    c.starting = true;
    run.busy = true;
    this.after(run, this.between([30, 150]), () => {
      this.event(run, c, 'Normal', 'Created', `Created container: ${c.name}`);
      this.after(run, this.between([50, 200]), () => {
        c.starting = false;
        run.busy = false;
        this.launch(run, c, image, env.env);
        this.sync(run);
      });
    });
    return true;
  }

  /** The process starts: a new instance, Started, its exit (if it has one) and readiness scheduled. */
  private launch(run: PodRun, c: ContainerRun, image: RegistryImage, env: Record<string, string>, startedAt = this.now()): ContainerInstance {
    const crashing = run.crashing.has(c.name);
    const program = programFor({
      container: c.spec, ref: image.ref, env, podName: run.name, podIP: run.podIP, startedAt, crashing,
    }, this.ctx.random);
    const instance: ContainerInstance = {
      containerID: this.ctx.random.hex(64),
      image: image.ref.normalized, imageID: image.imageID, ref: image.ref,
      startedAt, env, subPathFiles: subPathFiles(c.spec, run.volumes ?? new Map()), program,
      ...(crashing ? { fault: true } : {}),
    };
    if (c.current) { c.previous = c.current; c.restartCount++; }
    c.current = instance;
    c.waiting = undefined;
    c.holdUntil = 0;
    c.ready = !c.spec.readinessProbe && (!c.init || c.spec.restartPolicy === 'Always');
    if (startedAt === this.now()) this.event(run, c, 'Normal', 'Started', `Started container ${c.name}`);
    this.afterStart(run, c, instance);
    this.writeStatus(run);
    return instance;
  }

  // Deviation: probes always succeed once initialDelaySeconds has passed (a readiness probe makes
  // the container Ready at the first probe period after that); liveness and startup probes are not run.
  /** Schedules what follows a start: the process's own exit and the readiness probe. */
  afterStart(run: PodRun, c: ContainerRun, instance: ContainerInstance): void {
    const exitAfter = instance.program.exitAfterMs;
    if (exitAfter !== undefined) {
      const at = instance.startedAt + exitAfter;
      this.after(run, Math.max(0, at - this.now()), () => {
        if (instance.fault && !run.crashing.has(c.name)) return; // healed before it crashed
        this.exited(run, c, instance, instance.program.exitCode);
      });
    }
    const probe = c.spec.readinessProbe;
    if (probe && !c.init) {
      const period = (probe.periodSeconds || 10) * 1000;
      const earliest = instance.startedAt + (probe.initialDelaySeconds ?? 0) * 1000;
      const k = Math.max(0, Math.ceil((earliest - run.seenAt) / period));
      const at = run.seenAt + (k + Math.max(0, (probe.successThreshold || 1) - 1)) * period;
      this.after(run, Math.max(0, at - this.now()), () => {
        if (c.current !== instance || instance.finishedAt !== undefined) return;
        c.ready = true;
        this.writeStatus(run);
      });
    }
  }

  /** The container's process ended (by itself, a fault, or a stop). */
  exited(run: PodRun, c: ContainerRun, instance: ContainerInstance, exitCode: number, reason?: string): void {
    if (c.current !== instance || instance.finishedAt !== undefined) return;
    instance.finishedAt = this.now();
    instance.exitCode = exitCode;
    instance.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error');
    c.ready = false;
    c.waiting = undefined;
    this.writeStatus(run);
    if (run.terminating) return this.checkTerminated(run);
    // PLEG notices within its 1 s relist period.
    this.syncAt(run, this.now() + this.between([0, 1000]));
  }

  /** The pod's spec changed a container's image: the kubelet kills it and starts the new one. */
  restartChanged(run: PodRun, c: ContainerRun): void {
    const cur = c.current;
    if (!cur || cur.finishedAt !== undefined) { c.holdUntil = 0; return this.sync(run); }
    this.event(run, c, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
    const stopMs = cur.program.stopMs ?? (run.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    this.after(run, Math.round(stopMs), () => {
      this.exited(run, c, cur, cur.program.stopMs === undefined ? 137 : cur.program.stopExitCode);
      // A changed container is restarted at once, without the crash back-off.
      run.restartBackoff.reset(c.name);
    });
  }

  // ------------------------------------------------------------------ termination

  /** The pod has a deletionTimestamp: stop every container within the grace period, then delete it. */
  /** `resumed`: the kubelet restarted during the grace period; the deadline stands and Killing was said. */
  terminate(run: PodRun, resumed = false): void {
    if (run.terminating) return this.shortenGrace(run);
    this.cancelAll(run);
    run.terminating = true;
    const grace = run.pod.metadata?.deletionGracePeriodSeconds ?? run.pod.spec?.terminationGracePeriodSeconds ?? 30;
    const deadline = Date.parse(run.pod.metadata?.deletionTimestamp ?? '');
    // The deadline the kubelet had (kept by snapshots), else the deletion's, to the second.
    run.killAt = resumed ? run.killAt ?? Math.max(this.now(), deadline || this.now()) : this.now() + grace * 1000;
    for (const c of [...run.containers, ...run.init]) {
      if (!isRunning(c)) continue;
      if (!resumed) this.event(run, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
      this.scheduleStop(run, c);
    }
    this.writeStatus(run);
    this.checkTerminated(run);
  }

  private scheduleStop(run: PodRun, c: ContainerRun): void {
    const cur = c.current!;
    const now = this.now();
    const killAt = run.killAt ?? now;
    const selfStop = cur.program.stopMs !== undefined ? now + cur.program.stopMs : Infinity;
    const at = Math.min(selfStop, killAt);
    const code = at === killAt && selfStop > killAt ? 137 : cur.program.stopExitCode;
    this.after(run, Math.max(0, Math.round(at - now)), () => this.exited(run, c, cur, code));
  }

  /** A second delete with a shorter grace period: containers still running are killed sooner. */
  private shortenGrace(run: PodRun): void {
    const grace = run.pod.metadata?.deletionGracePeriodSeconds;
    if (grace === undefined) return;
    const killAt = this.now() + grace * 1000;
    if (run.killAt !== undefined && killAt >= run.killAt) return;
    run.killAt = killAt;
    this.cancelAll(run);
    for (const c of [...run.containers, ...run.init]) if (isRunning(c)) this.scheduleStop(run, c);
    this.checkTerminated(run);
  }

  private checkTerminated(run: PodRun): void {
    if ([...run.containers, ...run.init].some(isRunning) || run.deleting) return;
    run.deleting = true;
    run.terminal = true;
    this.after(run, this.between([50, 300]), () => {
      run.sandbox = 'none';
      this.flushStatus(run);
      try {
        this.ctx.api.delete('pods', run.namespace, run.name, { gracePeriodSeconds: 0, preconditions: { uid: run.uid } });
      } catch {
        // Already gone.
      }
    });
  }

  // ------------------------------------------------------------------ node reboot

  /** The node came back after a failure: the kubelet finds every container dead and starts again. */
  afterReboot(run: PodRun): void {
    const agent = this.host.agent(run.node);
    this.cancelAll(run);
    if (run.terminating || run.pod.metadata?.deletionTimestamp) {
      run.terminating = true;
      run.terminal = true;
      this.after(run, this.between([200, 1000]), () => {
        try { this.ctx.api.delete('pods', run.namespace, run.name, { gracePeriodSeconds: 0, preconditions: { uid: run.uid } }); } catch { /* gone */ }
      });
      return;
    }
    if (run.terminal) return;
    const hadSandbox = run.sandbox !== 'none';
    for (const c of [...run.init, ...run.containers]) {
      if (c.current && c.current.finishedAt === undefined) {
        c.current.finishedAt = agent.failedAt;
        c.current.exitCode = 255;
        c.current.reason = 'Unknown';
      }
      c.ready = false;
    }
    if (hadSandbox) {
      this.event(run, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      if (!run.pod.spec?.hostNetwork) agent.ipam.release(run.podIP);
    }
    run.sandbox = 'none';
    run.podIP = undefined;
    run.volumes = undefined;
    run.mountRetryAt = 0;
    // The back-off lives in the kubelet's memory: a restarted kubelet starts from scratch.
    run.restartBackoff = new Backoff(this.ctx.clock);
    this.writeStatus(run);
    this.sync(run);
  }

  /**
   * A running pod the kubelet finds when it starts (created running by someone else, or a
   * restored snapshot): adopt it as it is, containers that exited (CrashLoopBackOff) included.
   */
  adopt(run: PodRun, pod: Pod): boolean {
    const statuses = pod.status?.containerStatuses ?? [];
    if (pod.status?.phase !== 'Running' || statuses.length !== run.containers.length) return false;
    const ended = (s: ContainerStatus) => (s.state?.running ? undefined : s.state?.terminated ?? s.lastState?.terminated);
    if (!statuses.every((s) => (s.state?.running && s.containerID) || ended(s)?.containerID)) return false;
    const agent = this.host.agent(run.node);
    // Files and environments as the containers got them (a restored snapshot's), else as the objects are now.
    if (!run.volumes) {
      const m = mountVolumes(pod, this.host.objects);
      run.volumes = m.ok ? m.volumes : new Map();
    }
    run.sandbox = 'ready';
    run.podIP = pod.status?.podIP ?? (pod.spec?.hostNetwork ? agent.facts.ip : agent.ipam.allocate());
    if (!pod.spec?.hostNetwork) agent.ipam.reserve(run.podIP);
    if (pod.status?.startTime) run.startTime = Date.parse(pod.status.startTime);
    for (const c of run.init) {
      const p = parseImage(c.spec.image ?? '');
      if (!p.ok) continue;
      const img = lookupImage(p.ref);
      if (!img.ok) continue;
      const inst = this.launch(run, c, img.image, {}, run.startTime);
      inst.finishedAt = run.startTime;
      inst.exitCode = 0;
      inst.reason = 'Completed';
    }
    for (const c of run.containers) {
      const s = statuses.find((x) => x.name === c.name)!;
      const p = parseImage(c.spec.image ?? '');
      const img = p.ok ? lookupImage(p.ref) : undefined;
      if (!p.ok || !img?.ok) return false;
      const kept = run.resumedEnv?.[c.name];
      const env = kept ? { ok: true as const, env: kept } : resolveEnv(pod, c.spec, this.host.objects, {
        podIP: run.podIP, hostIP: agent.facts.ip, nodeName: run.node,
        allocatable: { cpu: NODE_CAPACITY.cpu, memory: NODE_CAPACITY.memory, 'ephemeral-storage': NODE_CAPACITY['ephemeral-storage'] },
      });
      const exit = ended(s);
      // The instance before the current one, shown as lastState while the current one runs or lies terminated.
      const last = s.state?.running || s.state?.terminated ? s.lastState?.terminated : undefined;
      const startedAt = Date.parse((exit ?? s.state!.running!).startedAt ?? '') || this.now();
      if (last) c.previous = this.pastInstance(run, c, img.image, env.ok ? env.env : {}, last);
      const inst = this.launch(run, c, img.image, env.ok ? env.env : {}, startedAt);
      inst.containerID = (exit?.containerID ?? s.containerID!).replace(/^containerd:\/\//, '');
      c.restartCount = s.restartCount ?? 0;
      c.ready = s.ready ?? true;
      if (exit) {
        Object.assign(inst, { finishedAt: Date.parse(exit.finishedAt ?? '') || startedAt, exitCode: exit.exitCode, reason: exit.reason });
        c.ready = false;
        const w = s.state?.waiting;
        if (w) c.waiting = { reason: w.reason ?? 'CrashLoopBackOff', ...(w.message ? { message: w.message } : {}) };
        // Once the back-off is known again (a restore loads it right after the start), the pod
        // worker waits for its end without repeating the BackOff it already reported.
        this.after(run, 0, () => {
          const backoff = run.restartBackoff.get(c.name);
          if (backoff && inst.finishedAt !== undefined && run.restartBackoff.isInBackOffSince(c.name, inst.finishedAt)) this.syncAt(run, inst.finishedAt + backoff);
          else this.sync(run);
        });
      }
    }
    return true;
  }

  /** A pod not running yet whose sandbox was up before the kubelet (re)started keeps it, its IP and its start time. */
  adoptSandbox(run: PodRun, pod: Pod): void {
    // The status manager keeps a start time once one was reported.
    if (pod.status?.startTime) run.startTime = Date.parse(pod.status.startTime);
    const up = pod.status?.conditions?.some((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True');
    if (!up || !pod.status?.podIP) return;
    run.sandbox = 'ready';
    run.podIP = pod.status.podIP;
    if (!pod.spec?.hostNetwork) this.host.agent(run.node).ipam.reserve(run.podIP);
  }

  /** An instance that ran before the kubelet (re)started, as its terminated status tells. */
  private pastInstance(run: PodRun, c: ContainerRun, image: RegistryImage, env: Record<string, string>, t: NonNullable<ContainerState['terminated']>): ContainerInstance {
    const startedAt = Date.parse(t.startedAt ?? '') || this.now();
    return {
      containerID: (t.containerID ?? '').replace(/^containerd:\/\//, ''),
      image: image.ref.normalized, imageID: image.imageID, ref: image.ref, startedAt,
      finishedAt: Date.parse(t.finishedAt ?? '') || startedAt, exitCode: t.exitCode, reason: t.reason,
      env, subPathFiles: {},
      program: programFor({ container: c.spec, ref: image.ref, env, podName: run.name, podIP: run.podIP, startedAt, crashing: false }, this.ctx.random),
    };
  }
}
