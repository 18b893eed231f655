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

/** A name resolved through cluster DNS from a pod's resolv.conf. */
export interface DnsLookup {
  query: string;
  /** The names tried, in order (search list and ndots). */
  tried: string[];
  answer?: { name: string; addresses: string[]; cname?: string; service?: { namespace: string; name: string } };
  /** `NXDOMAIN`, or why no server answered. */
  error?: string;
}

/** One simulated request through cluster DNS and kube-proxy, and who answered it. */
export interface TrafficResponse {
  target: string;
  ok: boolean;
  /** HTTP status when an application answered. */
  status?: number;
  /** Why there was no answer, as curl words it: `Could not resolve host: x`, `Connection refused`, `Connection timed out`. */
  error?: string;
  service?: { namespace: string; name: string };
  pod?: { namespace: string; name: string; ip: string; node?: string; container?: string };
  /** What the answering application reports as its version (petclinic `1.0.1.RELEASE`, else the image tag). */
  version?: string;
  body: string;
}

export interface PodTrafficCounters { namespace: string; pod: string; ok: number; failed: number; ratePerSecond: number }

/** Simulated traffic: requests, per-pod counters, a steady generator, DNS. Published by the network model. */
export interface TrafficService {
  /** `http://<svc>[.<ns>[.svc[.cluster.local]]][:port]/path`, `<clusterIP>:<port>`, `<nodeIP or localhost>:<nodePort>`, `<podIP>:<port>`. */
  request(target: string, opts?: { fromNamespace?: string }): TrafficResponse;
  counters(namespace?: string): PodTrafficCounters[];
  countersFor(namespace: string, pod: string): PodTrafficCounters | undefined;
  /** Sends ratePerSecond requests a second to each target (a Service name, `ns/name`, or a request target) until stopped. */
  startTrafficGenerator(opts: { services: string[]; ratePerSecond: number; fromNamespace?: string }): () => void;
  /** The latest responses, newest last. */
  recent(): TrafficResponse[];
  resolve(name: string, fromNamespace?: string): DnsLookup;
  /** The /etc/resolv.conf the kubelet writes for the pod, or undefined if there is no such pod. */
  resolvConf(namespace: string, pod: string): string | undefined;
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
  logs?: (namespace: string, pod: string, container: string | undefined, tailLines: number, previous?: boolean) => string[];
  /** Published by the network model: simulated requests, counters and DNS. */
  traffic?: TrafficService;
  /** Component memory that stored objects cannot give back, carried by snapshots, by part name. */
  memory?: Record<string, ComponentMemory>;
}

/** A component's memory as snapshot data: `load` gets back what `save` returned, after a restart. */
export interface ComponentMemory {
  save(): unknown;
  /** Why `data` cannot be loaded, checked before a restore changes anything; undefined if it can. */
  check?(data: unknown): string | undefined;
  load(data: unknown): void;
}

/** A simulated component: started once with the context; returns a stop function if it has timers of its own. */
export type Component = (ctx: SimContext) => void | (() => void);
