// The one interface both backends implement, shaped like the kube API.
import type { ResourceName } from './resources.js';
import type { Event, KubeObject, ObjectOf, Status } from './types.js';

export interface ListOptions {
  /** Omit for all namespaces (or for cluster-scoped resources). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListResult<T> {
  items: T[];
  /** The store's resourceVersion at the time of the list: watch from here. */
  resourceVersion: string;
}

export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: T }
  | { type: 'BOOKMARK'; resourceVersion: string };

export interface WatchOptions extends ListOptions {
  /** Deliver changes after this resourceVersion. */
  resourceVersion: string;
}

export interface WatchHandlers<T> {
  onEvent(event: WatchEvent<T>): void;
  /** The resourceVersion is too old (HTTP 410): list again and watch from the new version. */
  onExpired(): void;
  /** The watch ended for another reason (connection lost, server stopped). */
  onError(error: Error): void;
}

export interface Watch { stop(): void }

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface WriteOptions {
  /** Validate and default, but store nothing (`dryRun=All`). */
  dryRun?: boolean;
  fieldManager?: string;
}

/** `json` = RFC 6902 JSON patch, `merge` = RFC 7386, `strategic` = Kubernetes strategic merge patch. */
export type PatchType = 'json' | 'merge' | 'strategic';
export type JsonPatchOp = { op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'; path: string; value?: unknown; from?: string };

/** ClusterIdentity.version of a server that did not answer: ask again once it does. */
export const VERSION_UNREACHABLE = 'unreachable';

export interface ClusterIdentity {
  /** Context name (`kdash-sim`, `kind-kind`). */
  context: string;
  cluster: string;
  server: string;
  /** Server version as /version reports it, e.g. `v1.33.1`; VERSION_UNREACHABLE when it could not be asked. */
  version: string;
  /** The context's default namespace. */
  namespace: string;
  backend: 'sim' | 'live';
}

/** What differs between backends is data, never a method. */
export interface Capabilities {
  logs: 'simulated' | 'real' | 'none';
  /** The simulator can route requests to Services and count them per pod. */
  traffic: boolean;
  /** Faults (kill a container, fail a node) can be injected. */
  faults: boolean;
}

/** Requests one pod has answered since it started (the simulator's counters). */
export interface PodTraffic { pod: string; ok: number; failed: number; ratePerSecond: number }

export interface Backend {
  readonly capabilities: Capabilities;
  identity(): Promise<ClusterIdentity>;
  list<R extends ResourceName>(resource: R, opts?: ListOptions): Promise<ListResult<ObjectOf[R]>>;
  watch<R extends ResourceName>(resource: R, opts: WatchOptions, handlers: WatchHandlers<ObjectOf[R]>): Watch;
  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): Promise<ObjectOf[R]>;
  create<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]>;
  /** Replace (PUT). Fails with Conflict when metadata.resourceVersion is stale. */
  update<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]>;
  patch<R extends ResourceName>(
    resource: R, namespace: string | undefined, name: string, type: PatchType,
    patch: JsonPatchOp[] | Record<string, unknown>, opts?: WriteOptions,
  ): Promise<ObjectOf[R]>;
  /** Returns the object when it is only marked for deletion, a Success Status when it is gone. */
  delete<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<ObjectOf[R] | Status>;
  /** Events whose involvedObject is this object (by uid when given, else kind/namespace/name). */
  eventsFor(obj: { kind: string; namespace?: string; name: string; uid?: string }): Promise<Event[]>;
  /** Simulated container output (sim) or real logs (live); `previous`: the last terminated instance (`logs -p`). */
  logs(namespace: string, pod: string, container?: string, tailLines?: number, previous?: boolean): Promise<string[]>;
  close(): Promise<void>;
  /**
   * Per-pod request counters; offered when capabilities.traffic is true.
   * Deviation: the one method only the simulator implements (a real cluster has no such
   * counters without a service mesh); callers check capabilities.traffic first.
   */
  trafficStats?(namespace: string, pods: string[]): Promise<PodTraffic[]>;
}
