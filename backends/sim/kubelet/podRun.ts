// The kubelet's own record of a pod it runs: the sandbox, each container with its current and
// previous instance, back-offs, and the mounted volume files. The API status is generated from
// this record (podStatus.ts), never the other way round.
import type { Pod } from '../../contract/types.js';
import type { Timer } from '../clock.js';
import { Backoff } from './backoff.js';
import type { Clock } from '../clock.js';
import type { ImageReference } from './imageRegistry.js';
import type { ContainerProgram } from './programs.js';
import type { Container } from './types.js';
import type { VolumeFiles } from './volumes.js';

/** One run of a container: from start to exit. */
export interface ContainerInstance {
  containerID: string;
  image: string;
  imageID: string;
  ref: ImageReference;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  env: Record<string, string>;
  subPathFiles: Record<string, string>;
  program: ContainerProgram;
  /** Started under the crash-loop fault: its exit is cancelled if the fault is healed first. */
  fault?: boolean;
  /** Made to crash by the fault while it ran: its output ends with the crash, this long after its start. */
  crashedAtMs?: number;
}

export interface ContainerRun {
  name: string;
  init: boolean;
  spec: Container;
  restartCount: number;
  /** The current instance (running, or terminated and not yet restarted). */
  current?: ContainerInstance;
  /** The instance before the current one (lastState). */
  previous?: ContainerInstance;
  /** Why the container is not running, when it is waiting. */
  waiting?: { reason: string; message?: string };
  ready: boolean;
  /** The kubelet does not try this container again before this time (errors, back-offs). */
  holdUntil: number;
  /** The instance is being created or started. */
  starting: boolean;
  /** A stop requested while running (deletion, spec change): when it takes effect. */
  stopping?: boolean;
}

/** An image pull under way for one of the pod's containers (kept across a kubelet restart). */
export interface PullInFlight {
  container: string;
  image: string;
  pullMs: number;
  /** When the pull ends. */
  end: number;
  /** When the kubelet asked for it (the "including waiting" of the Pulled event). */
  since: number;
}

export interface PodRun {
  uid: string;
  key: string;
  namespace: string;
  name: string;
  node: string;
  pod: Pod;
  /** Bumped whenever pending work must be forgotten (node failure, deletion): timers check it. */
  epoch: number;
  /** When the kubelet first saw the pod (start of the prober workers' ticks). */
  seenAt: number;
  startTime: number;
  volumes?: VolumeFiles;
  mountRetryMs: number;
  mountRetryAt: number;
  sandbox: 'none' | 'creating' | 'ready';
  podIP?: string;
  init: ContainerRun[];
  containers: ContainerRun[];
  /** An image pull or container start is in flight (the pod worker does one thing at a time). */
  busy: boolean;
  terminal: boolean;
  terminating: boolean;
  /** Every container stopped: the kubelet is about to delete the pod object. */
  deleting?: boolean;
  /** SIGKILL deadline while terminating. */
  killAt?: number;
  restartBackoff: Backoff;
  pullBackoff: Backoff;
  lastPullError: Map<string, string>;
  crashing: Set<string>;
  pullInFlight?: PullInFlight;
  /** When the pending refresh of the mounted ConfigMaps and Secrets runs. */
  volumeRefreshAt?: number;
  /** The environments the running containers started with, by container (from a restored snapshot). */
  resumedEnv?: Record<string, Record<string, string>>;
  syncTimer?: Timer;
  syncAt?: number;
  volumeRefresh?: Timer;
  timers: Set<Timer>;
}

function containerRun(spec: Container, init: boolean): ContainerRun {
  return { name: spec.name, init, spec, restartCount: 0, ready: false, holdUntil: 0, starting: false, waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' } };
}

export function newPodRun(pod: Pod, node: string, clock: Clock): PodRun {
  const now = clock.now();
  const initSpecs = pod.spec?.initContainers ?? [];
  const run: PodRun = {
    uid: pod.metadata!.uid!,
    key: `${pod.metadata!.namespace}/${pod.metadata!.name}`,
    namespace: pod.metadata!.namespace!,
    name: pod.metadata!.name!,
    node, pod, epoch: 0, seenAt: now, startTime: now,
    mountRetryMs: 0, mountRetryAt: 0,
    sandbox: 'none',
    init: initSpecs.map((c) => containerRun(c, true)),
    containers: (pod.spec?.containers ?? []).map((c) => containerRun(c, false)),
    busy: false, terminal: false, terminating: false,
    restartBackoff: new Backoff(clock), pullBackoff: new Backoff(clock),
    lastPullError: new Map(), crashing: new Set(), timers: new Set(),
  };
  // App containers wait for the init containers first.
  if (run.init.length) for (const c of run.containers) c.waiting = { reason: 'PodInitializing' };
  return run;
}

export function isRunning(c: ContainerRun): boolean {
  return !!c.current && c.current.finishedAt === undefined;
}

export function hasSucceeded(c: ContainerRun): boolean {
  return !!c.current && c.current.finishedAt !== undefined && c.current.exitCode === 0;
}

export function allContainers(run: PodRun): ContainerRun[] {
  return [...run.init, ...run.containers];
}

export function findContainer(run: PodRun, name: string | undefined): ContainerRun | undefined {
  if (name === undefined) return run.containers[0];
  return allContainers(run).find((c) => c.name === name);
}
