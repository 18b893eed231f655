// One cache per resource for every informer of a generation of components, like client-go's
// SharedInformerFactory: one list, one watch and one map (with its indexes) however many
// controllers follow the resource. The cache hands each event to its informers in the order they
// started, each from the resourceVersion it listed at.
import type { ResourceName } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';

// The last key built: a watch event goes to every informer of its resource in turn, and each
// asks for the same key; giving back the same string reuses its hash in every Map lookup.
let lastNamespace: string | undefined;
let lastName: string | undefined;
let lastKey = '';

export function objectKey(o: KubeObject): string {
  const m = o.metadata ?? {};
  if (m.name === lastName && m.namespace === lastNamespace) return lastKey;
  lastNamespace = m.namespace;
  lastName = m.name;
  return (lastKey = m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? ''));
}

/** The uid of the controlling owner, without building a reference. */
export function controllerUid(o: KubeObject): string | undefined {
  const refs = o.metadata?.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r.uid;
  return undefined;
}

export function addTo<T>(index: Map<string, Map<string, T>>, bucket: string, key: string, o: T): void {
  let m = index.get(bucket);
  if (!m) index.set(bucket, (m = new Map()));
  m.set(key, o);
}

function removeFrom<T>(index: Map<string, Map<string, T>>, bucket: string, key: string): void {
  const m = index.get(bucket);
  m?.delete(key);
  if (m && m.size === 0) index.delete(bucket);
}

/** An event as the cache applied it: the new object (or the deleted one's last state) and the version it replaced. */
export type CacheSubscriber<T> = (obj: T, old: T | undefined, deleted: boolean) => void;

export class InformerCache<T extends KubeObject> {
  readonly items = new Map<string, T>();
  // The indexes are built on first use and then kept up to date: most resources never need them.
  private byNs?: Map<string, Map<string, T>>;
  private byOwner?: Map<string, Map<string, T>>;
  private readonly subscribers: Array<{ from: number; deliver: CacheSubscriber<T> }> = [];
  /** The resourceVersion the cache was listed at. */
  readonly listedAt: string;

  constructor(api: ApiServer, resource: ResourceName) {
    const { items, resourceVersion } = api.list(resource);
    this.listedAt = resourceVersion;
    for (const o of items) this.put(objectKey(o), o as T, undefined);
    api.watch(resource, { resourceVersion }, {
      onEvent: (e) => {
        if (e.type === 'BOOKMARK') return;
        const obj = e.object as T;
        const key = objectKey(obj);
        const old = this.items.get(key);
        const deleted = e.type === 'DELETED';
        if (deleted) this.drop(key, old);
        else this.put(key, obj, old);
        const rv = Number(obj.metadata?.resourceVersion);
        for (const s of this.subscribers) if (rv > s.from) s.deliver(obj, old, deleted);
      },
      onExpired: () => { /* the in-process log outlives any controller lag */ },
      onError: () => { /* in-process watches end only on shutdown */ },
    });
  }

  /** `deliver` gets every event after resourceVersion `from`, once the cache holds it. */
  subscribe(from: number, deliver: CacheSubscriber<T>): void { this.subscribers.push({ from, deliver }); }

  /** Stores the object's newest version; `old` is the version it replaces (same key). */
  private put(key: string, o: T, old: T | undefined): void {
    this.items.set(key, o);
    if (this.byNs) addTo(this.byNs, o.metadata?.namespace ?? '', key, o);
    if (this.byOwner) {
      const owner = controllerUid(o);
      const oldOwner = old && controllerUid(old);
      if (oldOwner && oldOwner !== owner) removeFrom(this.byOwner, oldOwner, key);
      if (owner) addTo(this.byOwner, owner, key, o);
    }
  }

  private drop(key: string, old: T | undefined): void {
    if (!old) return;
    this.items.delete(key);
    if (this.byNs) removeFrom(this.byNs, old.metadata?.namespace ?? '', key);
    const owner = this.byOwner && controllerUid(old);
    if (owner) removeFrom(this.byOwner!, owner, key);
  }

  nsIndex(): Map<string, Map<string, T>> {
    if (!this.byNs) {
      this.byNs = new Map();
      for (const [key, o] of this.items) addTo(this.byNs, o.metadata?.namespace ?? '', key, o);
    }
    return this.byNs;
  }

  ownerIndex(): Map<string, Map<string, T>> {
    if (!this.byOwner) {
      this.byOwner = new Map();
      for (const [key, o] of this.items) {
        const owner = controllerUid(o);
        if (owner) addTo(this.byOwner, owner, key, o);
      }
    }
    return this.byOwner;
  }
}

// Keyed by the API server a generation of components sees (a snapshot restore starts the next
// generation on a new view of the store, so its informers list and watch afresh).
const caches = new WeakMap<ApiServer, Map<ResourceName, InformerCache<KubeObject>>>();

/** The generation's cache of `resource`, and whether this call created it. */
export function informerCache<T extends KubeObject>(api: ApiServer, resource: ResourceName): { cache: InformerCache<T>; created: boolean } {
  let byResource = caches.get(api);
  if (!byResource) caches.set(api, (byResource = new Map()));
  const existing = byResource.get(resource);
  if (existing) return { cache: existing as unknown as InformerCache<T>, created: false };
  const cache = new InformerCache<KubeObject>(api, resource);
  byResource.set(resource, cache);
  return { cache: cache as unknown as InformerCache<T>, created: true };
}
