// The simulator's API server: one in-memory store with the rules of a real kube-apiserver
// (one global resourceVersion, uids, generation, generateName, Conflict on stale writes,
// graceful deletion, finalizers, watches). Controllers, the dashboard and the HTTP server are
// all clients of this class; none of them touches the maps directly.
//
// Objects handed out are the stored objects themselves and must be treated as read-only:
// every write stores a fresh copy. (Tests deep-freeze them to catch a mutation.)
import type {
  DeleteOptions, JsonPatchOp, ListOptions, ListResult, PatchType, WatchEvent, WatchHandlers, WriteOptions, Watch,
} from '../../contract/backend.js';
import {
  alreadyExists, badRequest, conflict, forbidden, invalid, notFound, type StatusError,
} from '../../contract/errors.js';
import { RESOURCES, type ResourceInfo, type ResourceName } from '../../contract/resources.js';
import {
  matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector,
  type FieldRequirement, type Requirement,
} from '../../contract/selectors.js';
import type { KubeObject, ObjectMeta, Status } from '../../contract/types.js';
import { rfc3339, type Clock } from '../clock.js';
import type { Random } from '../random.js';
import { cloneJson, deepFreeze, jsonEqual } from './jsonValue.js';
import { applyPatch } from './patch.js';
import { boundPod, validateBinding, type PodBinding } from './podBinding.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * An admission step, run on every write before it is stored (defaulting, validation,
 * allocation of ClusterIPs and NodePorts...). Mutating steps change `obj` in place;
 * validating steps throw a StatusError. `old` is the stored object on UPDATE and DELETE.
 */
export interface AdmissionPlugin {
  name: string;
  admit(ctx: AdmissionContext): void;
}

export interface AdmissionContext {
  op: Operation;
  resource: ResourceInfo;
  obj: KubeObject;
  old?: KubeObject;
  dryRun: boolean;
  subresource?: string;
  api: ApiServer;
  /** Written by an in-process component that handed its object over (ApiWriteOptions.handOver). */
  inProcess?: boolean;
}

/** Called after a write is stored (e.g. to release a NodePort when a Service goes). */
export type StoredHook = (op: Operation, resource: ResourceInfo, obj: KubeObject, old?: KubeObject) => void;

export interface ApiWriteOptions extends WriteOptions {
  /** `status`: only .status changes; spec and metadata come from the stored object. */
  subresource?: 'status';
  /**
   * The caller built the object (or, for a status write, the status) for this write alone and
   * never touches it again: it is stored as given instead of copied. Only in-process components
   * use it; what a client sends is always copied.
   */
  handOver?: boolean;
}

interface Watcher {
  resource: ResourceName;
  namespace?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
  handlers: WatchHandlers<KubeObject>;
  stopped: boolean;
  /** The newest resourceVersion this watcher has been given (or started from). */
  seen: number;
  /** Replaying the log after a watch from an older resourceVersion. */
  catchingUp: boolean;
}

interface LoggedEvent {
  rv: number; resource: ResourceName; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject; old?: KubeObject;
  /** The event as watchers receive it, made once and handed to each (they treat it as read-only). */
  delivered?: WatchEvent<KubeObject>;
}

const EVENT_LOG_LIMIT = 20_000;
/** Resources whose objects have no spec-driven generation (§16 correction 1: Services have none). */
const NO_GENERATION = new Set<ResourceName>(['services', 'configmaps', 'secrets', 'namespaces', 'events', 'endpoints', 'endpointslices', 'serviceaccounts', 'nodes']);

export interface ApiServerOptions {
  clock: Clock;
  random: Random;
  /** Deep-freeze stored objects so an accidental mutation throws (used by the tests). */
  freeze?: boolean;
}

// A write looks its object up several times (get, admit, store): the last key built is given back
// for the same namespace and name, so its hash is worked out once.
let lastNs: string | undefined;
let lastName = '';
let lastKey = '';

function keyOf(ns: string | undefined, name: string): string {
  if (!ns) return name;
  if (name !== lastName || ns !== lastNs) { lastNs = ns; lastName = name; lastKey = `${ns}/${name}`; }
  return lastKey;
}

// Stored objects are read-only, so a new version shares the parts it takes unchanged from the
// stored one and copies only what comes from the caller (and the metadata it is about to set).

/** A write of the status subresource: the stored object with a copy of the caller's status. */
function storedWithStatus(stored: KubeObject, status: unknown, handOver = false): KubeObject {
  const out: Record<string, unknown> = {};
  const own = handOver ? status : cloneJson(status);
  for (const k in stored) {
    const v = (stored as Record<string, unknown>)[k];
    // The write changes only top-level metadata fields (resourceVersion...): a shallow copy will do.
    out[k] = k === 'status' ? own : k === 'metadata' ? { ...(v as ObjectMeta) } : v;
  }
  if (!('status' in stored)) out.status = own;
  return out as KubeObject;
}

/** A write of the main resource: a copy of the caller's object keeping the stored status. */
function inputWithStatus(input: KubeObject, storedStatus: unknown): KubeObject {
  const out: Record<string, unknown> = {};
  for (const k in input) out[k] = k === 'status' ? storedStatus : cloneJson((input as Record<string, unknown>)[k]);
  if (!('status' in input)) out.status = storedStatus;
  return out as KubeObject;
}

/**
 * Whether a write changes nothing but the resourceVersion and managedFields. Status and spec,
 * where writes usually differ, are compared first, so most writes are told apart without copies.
 */
function sameExceptVersion(obj: KubeObject, old: KubeObject): boolean {
  if (!jsonEqual(obj.status, old.status) || !jsonEqual(obj.spec, old.spec)) return false;
  const om = old.metadata ?? {};
  return jsonEqual({ ...obj, metadata: { ...obj.metadata, resourceVersion: om.resourceVersion, managedFields: undefined } },
    { ...old, metadata: { ...om, managedFields: undefined } });
}

export class ApiServer {
  readonly clock: Clock;
  readonly random: Random;
  private rv = 1;
  private readonly stores = new Map<ResourceName, Map<string, KubeObject>>();
  private readonly sortedKeys = new Map<ResourceName, string[] | undefined>();
  private readonly watchers = new Map<ResourceName, Set<Watcher>>();
  private readonly log: LoggedEvent[] = [];
  private pending: LoggedEvent[] = [];
  /** The newest resourceVersion handed to the watchers; newer events are pending. */
  private flushedRv = 0;
  private flushScheduled = false;
  private readonly plugins: AdmissionPlugin[] = [];
  private readonly storedHooks: StoredHook[] = [];
  private readonly freeze: boolean;

  constructor(opts: ApiServerOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.freeze = opts.freeze ?? false;
    for (const name of Object.keys(RESOURCES) as ResourceName[]) this.stores.set(name, new Map());
  }

  use(plugin: AdmissionPlugin): void { this.plugins.push(plugin); }
  onStored(hook: StoredHook): void { this.storedHooks.push(hook); }

  get resourceVersion(): string { return String(this.rv); }
  /** The newest resourceVersion handed to the watchers; the events after it are still pending. */
  get deliveredResourceVersion(): number { return this.flushedRv; }

  // ---------------------------------------------------------------- reads

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const info = RESOURCES[resource];
    const obj = this.stores.get(resource)!.get(keyOf(info.namespaced ? namespace : undefined, name));
    if (!obj) throw notFound(info, name);
    return obj;
  }

  tryGet(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const info = RESOURCES[resource];
    return this.stores.get(resource)!.get(keyOf(info.namespaced ? namespace : undefined, name));
  }

  list(resource: ResourceName, opts: ListOptions = {}): ListResult<KubeObject> {
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = parseFieldSelector(opts.fieldSelector);
    const store = this.stores.get(resource)!;
    const items: KubeObject[] = [];
    for (const key of this.keysInOrder(resource)) {
      const obj = store.get(key)!;
      if (this.matches(obj, RESOURCES[resource], opts.namespace, labels, fields)) items.push(obj);
    }
    return { items, resourceVersion: this.resourceVersion };
  }

  /** Count without copying, for benchmarks and status lines. */
  count(resource: ResourceName): number { return this.stores.get(resource)!.size; }

  private keysInOrder(resource: ResourceName): string[] {
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      // Storage order: namespace then name, byte-wise (`/registry/<resource>/<ns>/<name>`).
      keys = [...this.stores.get(resource)!.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      this.sortedKeys.set(resource, keys);
    }
    return keys;
  }

  private matches(obj: KubeObject, info: ResourceInfo, namespace: string | undefined, labels: Requirement[], fields: FieldRequirement[]): boolean {
    if (info.namespaced && namespace && obj.metadata?.namespace !== namespace) return false;
    if (labels.length && !matchesRequirements(obj.metadata?.labels, labels)) return false;
    if (fields.length && !matchesFields(obj, fields)) return false;
    return true;
  }

  // ---------------------------------------------------------------- watch

  watch(resource: ResourceName, opts: ListOptions & { resourceVersion?: string }, handlers: WatchHandlers<KubeObject>): Watch {
    const from = opts.resourceVersion === undefined || opts.resourceVersion === '' || opts.resourceVersion === '0'
      ? this.rv : Number(opts.resourceVersion);
    const w: Watcher = {
      resource, namespace: opts.namespace, handlers, stopped: false, seen: from, catchingUp: false,
      labels: parseLabelSelector(opts.labelSelector), fields: parseFieldSelector(opts.fieldSelector),
    };
    const oldest = this.log.length ? this.log[0].rv : this.rv + 1;
    // Deviation: a version the server never reached (a client of a cluster since restored from a
    // snapshot) expires at once; a real server waits up to 3 s, then answers 504 "Too large resource version".
    if (from > this.rv || (from < oldest - 1 && from < this.rv)) {
      this.clock.setTimer(0, () => { if (!w.stopped) handlers.onExpired(); });
      return { stop: () => { w.stopped = true; } };
    }
    // Events after `from` that were already delivered to others are replayed first; until then
    // the watcher takes nothing from the flushes, so it sees every event once and in order.
    if (from < this.flushedRv) {
      w.catchingUp = true;
      this.clock.setTimer(0, () => this.catchUp(w));
    }
    this.watchersOf(resource).add(w);
    return { stop: () => { w.stopped = true; this.watchersOf(resource).delete(w); } };
  }

  private watchersOf(resource: ResourceName): Set<Watcher> {
    let set = this.watchers.get(resource);
    if (!set) this.watchers.set(resource, (set = new Set()));
    return set;
  }

  private catchUp(w: Watcher): void {
    w.catchingUp = false;
    if (w.stopped) return;
    let i = this.log.length;
    while (i > 0 && this.log[i - 1].rv > w.seen) i--;
    for (; i < this.log.length; i++) {
      const e = this.log[i];
      if (e.rv > this.flushedRv) break; // still pending: the next flush delivers it
      if (e.resource === w.resource) this.deliver(w, e);
    }
  }

  private record(resource: ResourceName, type: LoggedEvent['type'], object: KubeObject, old?: KubeObject): void {
    const e: LoggedEvent = { rv: this.rv, resource, type, object, old };
    this.log.push(e);
    if (this.log.length > EVENT_LOG_LIMIT + 1000) this.log.splice(0, this.log.length - EVENT_LOG_LIMIT);
    this.pending.push(e);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.clock.setTimer(0, () => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length) this.flushedRv = batch[batch.length - 1].rv;
    for (const e of batch) {
      const ws = this.watchers.get(e.resource);
      if (ws) for (const w of ws) if (!w.catchingUp) this.deliver(w, e);
    }
  }

  /** Delivers an event the watcher has not seen yet: only resourceVersions after its start or last event. */
  private deliver(w: Watcher, e: LoggedEvent): void {
    if (w.stopped || e.rv <= w.seen) return;
    w.seen = e.rv;
    const info = RESOURCES[e.resource];
    const now = this.matches(e.object, info, w.namespace, w.labels, w.fields);
    if (e.type === 'MODIFIED' && e.old) {
      const before = this.matches(e.old, info, w.namespace, w.labels, w.fields);
      if (now && !before) return w.handlers.onEvent({ type: 'ADDED', object: e.object });
      if (!now && before) return w.handlers.onEvent({ type: 'DELETED', object: e.object });
    }
    if (now) w.handlers.onEvent(e.delivered ??= { type: e.type, object: e.object } as WatchEvent<KubeObject>);
  }

  /** Ends every watch with an error (used when the served simulator shuts down). */
  closeWatches(reason: Error): void {
    const all = [...this.watchers.values()].flatMap((ws) => [...ws]);
    this.watchers.clear();
    for (const w of all) { w.stopped = true; w.handlers.onError(reason); }
  }

  // ---------------------------------------------------------------- writes

  create(resource: ResourceName, input: KubeObject, opts: ApiWriteOptions = {}): KubeObject {
    const info = RESOURCES[resource];
    const obj = opts.handOver ? input : cloneJson(input);
    obj.apiVersion ??= info.group ? `${info.group}/${info.version}` : info.version;
    obj.kind ??= info.kind;
    const meta: ObjectMeta = (obj.metadata ??= {});
    if (!info.namespaced) delete meta.namespace;
    else meta.namespace ||= 'default';
    if (!meta.name && meta.generateName) {
      meta.name = this.uniqueName(resource, meta.namespace, meta.generateName);
    }
    if (!meta.name) throw this.requiredName(info, obj);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.random.uuid();
    meta.creationTimestamp = rfc3339(this.clock.now());
    if (!NO_GENERATION.has(resource) && 'spec' in obj) meta.generation = 1;
    else delete meta.generation;
    this.admit({ op: 'CREATE', resource: info, obj, dryRun: !!opts.dryRun, api: this, inProcess: opts.handOver });
    const key = keyOf(meta.namespace, meta.name!);
    if (this.stores.get(resource)!.has(key)) throw alreadyExists(info, meta.name!);
    if (opts.dryRun) return obj;
    return this.store(resource, key, obj, 'ADDED');
  }

  private requiredName(info: ResourceInfo, obj: KubeObject): StatusError {
    void obj;
    return invalid(info.kind, info.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'Required value: name or generateName is required' }]);
  }

  private uniqueName(resource: ResourceName, ns: string | undefined, base: string): string {
    const prefix = base.slice(0, 58);
    for (;;) {
      const name = prefix + this.random.nameSuffix();
      if (!this.stores.get(resource)!.has(keyOf(ns, name))) return name;
    }
  }

  update(resource: ResourceName, input: KubeObject, opts: ApiWriteOptions = {}): KubeObject {
    const info = RESOURCES[resource];
    const name = input.metadata?.name ?? '';
    const ns = info.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const old = this.tryGet(resource, ns, name);
    if (!old) throw notFound(info, name);
    const wanted = input.metadata?.resourceVersion;
    if (wanted && wanted !== old.metadata?.resourceVersion) throw conflict(info, name);
    let obj: KubeObject;
    if (opts.subresource === 'status') {
      obj = storedWithStatus(old, input.status, opts.handOver);
    } else if (info.name !== 'namespaces' && 'status' in old && info.name !== 'configmaps' && info.name !== 'secrets') {
      obj = inputWithStatus(input, old.status);
    } else {
      obj = opts.handOver ? input : cloneJson(input);
    }
    return this.replace(info, old, obj, !!opts.dryRun, opts.subresource, opts.handOver);
  }

  patch(
    resource: ResourceName, namespace: string | undefined, name: string, type: PatchType,
    patch: JsonPatchOp[] | Record<string, unknown>, opts: ApiWriteOptions = {},
  ): KubeObject {
    const info = RESOURCES[resource];
    const old = this.get(resource, namespace, name);
    const patched = applyPatch(cloneJson(old) as Record<string, unknown>, type, patch) as KubeObject;
    const wanted = (patch as { metadata?: ObjectMeta }).metadata?.resourceVersion;
    if (!Array.isArray(patch) && wanted && wanted !== old.metadata?.resourceVersion) throw conflict(info, name);
    if (opts.subresource === 'status') return this.replace(info, old, storedWithStatus(old, patched.status), !!opts.dryRun, 'status');
    if ('status' in old && info.name !== 'configmaps' && info.name !== 'secrets') patched.status = old.status;
    return this.replace(info, old, patched, !!opts.dryRun);
  }

  /** The shared tail of update and patch: keep immutable metadata, bump generation, admit, store. */
  private replace(info: ResourceInfo, old: KubeObject, obj: KubeObject, dryRun: boolean, subresource?: string, inProcess?: boolean): KubeObject {
    const om = old.metadata!;
    const meta: ObjectMeta = (obj.metadata ??= {});
    meta.name = om.name;
    if (info.namespaced) meta.namespace = om.namespace;
    meta.uid = om.uid;
    meta.creationTimestamp = om.creationTimestamp;
    // Set or delete only what differs: assigning undefined and deleting it again would turn every
    // written object's metadata into a slow dictionary-mode object.
    if (om.deletionTimestamp !== undefined) meta.deletionTimestamp = om.deletionTimestamp;
    else if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    else if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    if (om.generation !== undefined) {
      meta.generation = om.generation + (jsonEqual(obj.spec, old.spec) ? 0 : 1);
    }
    if (om.deletionTimestamp && (meta.finalizers?.length ?? 0) > (om.finalizers?.length ?? 0)) {
      const added = (meta.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f));
      if (added.some((f) => f !== 'orphan' && f !== 'foregroundDeletion')) {
        throw forbidden(info, om.name!, 'no new finalizers can be added if the object is being deleted');
      }
    }
    this.admit({ op: 'UPDATE', resource: info, obj, old, dryRun, subresource, api: this, inProcess });
    if (dryRun) return obj;
    const key = keyOf(om.namespace, om.name!);
    // An object being deleted whose last finalizer went away is removed now.
    if (om.deletionTimestamp && !(meta.finalizers?.length) && !this.waitsForGrace(info, obj) && !this.hasSpecFinalizers(info, obj)) {
      return this.remove(info.name, key, obj);
    }
    if (sameExceptVersion(obj, old)) return old; // a no-op write does not bump the resourceVersion
    return this.store(info.name, key, obj, 'MODIFIED', old);
  }

  /**
   * POST pods/{name}/binding: assigns the pod to binding.target.name (podBinding.ts). Like the
   * real registry it writes storage directly: no admission, no generation bump.
   */
  bindPod(namespace: string | undefined, name: string, binding: PodBinding, opts: { dryRun?: boolean } = {}): Status {
    if ((binding.metadata?.name ?? '') !== name) throw badRequest('name in URL does not match name in Binding object');
    validateBinding(binding);
    const info = RESOURCES.pods;
    const old = this.get('pods', namespace, name);
    const om = old.metadata!;
    if (binding.metadata?.uid && binding.metadata.uid !== om.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${binding.metadata.uid}, UID in object meta: ${om.uid}`);
    }
    if (binding.metadata?.resourceVersion && binding.metadata.resourceVersion !== om.resourceVersion) throw conflict(info, name);
    const bound = boundPod(old, binding, this.clock.now());
    if (!opts.dryRun) this.store('pods', keyOf(om.namespace, name), bound, 'MODIFIED', old);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
  }

  /** A namespace stays until the namespace controller empties spec.finalizers (the /finalize subresource). */
  private hasSpecFinalizers(info: ResourceInfo, obj: KubeObject): boolean {
    return info.name === 'namespaces' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0;
  }

  /** A terminating pod stays until its kubelet deletes it with grace 0. */
  private waitsForGrace(info: ResourceInfo, obj: KubeObject): boolean {
    return info.name === 'pods' && (obj.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  }

  delete(resource: ResourceName, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | Status {
    const info = RESOURCES[resource];
    const old = this.get(resource, namespace, name);
    const om = old.metadata!;
    if (opts.preconditions?.uid && opts.preconditions.uid !== om.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${om.uid}`);
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== om.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${om.resourceVersion}`);
    }
    this.admit({ op: 'DELETE', resource: info, obj: old, old, dryRun: !!opts.dryRun, api: this });
    const obj = cloneJson(old);
    const meta = obj.metadata!;
    const key = keyOf(om.namespace, name);
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = opts.propagationPolicy;
    if (policy === 'Orphan') { finalizers.add('orphan'); finalizers.delete('foregroundDeletion'); }
    if (policy === 'Foreground') { finalizers.add('foregroundDeletion'); finalizers.delete('orphan'); }
    if (policy === 'Background') { finalizers.delete('orphan'); finalizers.delete('foregroundDeletion'); }
    const nowIso = rfc3339(this.clock.now());

    if (resource === 'namespaces') {
      const spec = (obj.spec ?? {}) as { finalizers?: string[] };
      if (spec.finalizers?.length) {
        if (opts.dryRun) return obj;
        if (om.deletionTimestamp) return old;
        meta.deletionTimestamp = nowIso;
        meta.deletionGracePeriodSeconds = 0;
        obj.status = { ...(obj.status as object), phase: 'Terminating' };
        return this.store(resource, key, obj, 'MODIFIED', old);
      }
    }

    let grace = 0;
    if (resource === 'pods') grace = this.podGrace(obj, opts.gracePeriodSeconds);
    if (grace > 0 || finalizers.size > 0) {
      if (opts.dryRun) return obj;
      if (om.deletionTimestamp) {
        // A second delete may only shorten the grace period (or change the policy finalizers).
        const remaining = om.deletionGracePeriodSeconds ?? 0;
        const shorter = grace < remaining;
        if (!shorter && jsonEqual([...finalizers].sort(), [...(om.finalizers ?? [])].sort())) return old;
        if (shorter) {
          if (grace === 0 && finalizers.size === 0) return this.remove(resource, key, obj);
          meta.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
          meta.deletionGracePeriodSeconds = grace;
        }
      } else {
        meta.deletionTimestamp = rfc3339(this.clock.now() + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
        if (meta.generation !== undefined) meta.generation += 1;
      }
      meta.finalizers = [...finalizers];
      if (meta.finalizers.length === 0) delete meta.finalizers;
      return this.store(resource, key, obj, 'MODIFIED', old);
    }
    if (opts.dryRun) return obj;
    const removed = this.remove(resource, key, obj);
    // Pods' storage returns the deleted object; the others answer with a Success Status.
    if (resource === 'pods') return removed;
    return {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
      details: { name, ...(info.group ? { group: info.group } : {}), kind: info.name, uid: om.uid },
    };
  }

  private podGrace(pod: KubeObject, requested: number | undefined): number {
    const spec = (pod.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    let grace = requested ?? spec.terminationGracePeriodSeconds ?? 30;
    if (grace < 0) grace = 1;
    return grace;
  }

  private remove(resource: ResourceName, key: string, last: KubeObject): KubeObject {
    const store = this.stores.get(resource)!;
    const old = store.get(key);
    if (!old) return last;
    store.delete(key);
    this.sortedKeys.set(resource, undefined);
    this.rv++;
    const obj = { ...last, metadata: { ...last.metadata, resourceVersion: String(this.rv) } };
    if (this.freeze) deepFreeze(obj);
    this.record(resource, 'DELETED', obj, old);
    for (const h of this.storedHooks) h('DELETE', RESOURCES[resource], obj, old);
    return obj;
  }

  private store(resource: ResourceName, key: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED', old?: KubeObject): KubeObject {
    this.rv++;
    obj.metadata!.resourceVersion = String(this.rv);
    const store = this.stores.get(resource)!;
    if (type === 'ADDED') this.sortedKeys.set(resource, undefined); // a new key (create checked it was free)
    store.set(key, obj);
    if (this.freeze) deepFreeze(obj);
    this.record(resource, type, obj, old);
    for (const h of this.storedHooks) h(type === 'ADDED' ? 'CREATE' : 'UPDATE', RESOURCES[resource], obj, old);
    return obj;
  }

  private admit(ctx: AdmissionContext): void {
    for (const p of this.plugins) p.admit(ctx);
  }

  /** Every object of every type: snapshots and the namespace controller use it. */
  allObjects(): Array<{ resource: ResourceName; object: KubeObject }> {
    const out: Array<{ resource: ResourceName; object: KubeObject }> = [];
    for (const [resource, store] of this.stores) for (const object of store.values()) out.push({ resource, object });
    return out;
  }

  /**
   * Replaces every stored object and the resourceVersion counter (a snapshot being restored),
   * without admission or watch events. Open watches expire, so their clients relist.
   */
  importState(objects: ReadonlyArray<{ resource: ResourceName; object: KubeObject }>, resourceVersion: string): void {
    for (const store of this.stores.values()) store.clear();
    this.sortedKeys.clear();
    for (const { resource, object } of objects) {
      const m = object.metadata!;
      this.stores.get(resource)!.set(keyOf(RESOURCES[resource].namespaced ? m.namespace : undefined, m.name!), this.freeze ? deepFreeze(object) : object);
    }
    this.rv = Number(resourceVersion);
    this.flushedRv = this.rv;
    this.log.splice(0, this.log.length);
    this.pending = [];
    const open = [...this.watchers.values()].flatMap((ws) => [...ws]);
    this.watchers.clear();
    for (const w of open) { w.stopped = true; w.handlers.onExpired(); }
  }

  /** Ensures watchers asking for a version older than the log see `expired`, as etcd compaction does. */
  compact(): void {
    this.log.splice(0, this.log.length);
  }
}
