// What every simulated component (controller, scheduler, kubelet, network) is given: the API
// server it is a client of, the clock, the random generator and the event recorder. Components
// publish the services they offer (faults, logs, traffic) here, so the simulator can expose them.
import type { ApiServer } from './apiserver/apiServer.js';
import type { Clock } from './clock.js';
import type { EventRecorder } from './events.js';
import type { Random } from './random.js';

export interface Faults {
  /** The container's process dies (exit 137); the kubelet restarts it per restartPolicy. */
  killContainer(namespace: string, pod: string, container?: string): void;
  /** From now on the container exits with code 1 shortly after each start (CrashLoopBackOff). */
  crashLoop(namespace: string, pod: string, container?: string): void;
  /** Stop crash-looping: the next start succeeds. */
  heal(namespace: string, pod: string, container?: string): void;
  /** The node stops: NotReady, its pods are evicted and their controllers replace them elsewhere. */
  failNode(node: string): void;
  recoverNode(node: string): void;
}

export interface ClusterLayout {
  /** Node names, the first being the control plane (kind: `kind-control-plane`, `kind-worker`...). */
  nodes: string[];
  clusterName: string;
  version: string;
}

/** What a running container sees, as the kubelet resolved it when the container started. */
export interface ContainerView {
  pod: string;
  namespace: string;
  container: string;
  image: string;
  /** Environment resolved at container start (env, envFrom, valueFrom). */
  env: Record<string, string>;
  /** Files from mounted ConfigMaps and Secrets, by absolute path, as the kubelet last synced them. */
  files: Record<string, string>;
}

export interface SimContext {
  api: ApiServer;
  clock: Clock;
  random: Random;
  events: EventRecorder;
  layout: ClusterLayout;
  faults?: Faults;
  /** Published by the kubelet: what a running container sees (undefined if not running). */
  containerView?: (namespace: string, pod: string, container?: string) => ContainerView | undefined;
  logs?: (namespace: string, pod: string, container: string | undefined, tailLines: number) => string[];
}

/** A simulated component: started once with the context; returns a stop function if it has timers of its own. */
export type Component = (ctx: SimContext) => void | (() => void);
