// A controller's view of one resource: list once, then follow the watch, with indexes by
// namespace and by controlling owner. Like client-go's shared informers and listers.
import type { ResourceName } from '../../contract/resources.js';
import type { KubeObject, ObjectOf } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

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

export function controllerOf(o: KubeObject): { uid: string; kind: string; name: string } | undefined {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { uid: ref.uid, kind: ref.kind, name: ref.name } : undefined;
}

/** The uid of the controlling owner, without building a reference. */
function controllerUid(o: KubeObject): string | undefined {
  const refs = o.metadata?.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r.uid;
  return undefined;
}

function addTo<T>(index: Map<string, Map<string, T>>, bucket: string, key: string, o: T): void {
  let m = index.get(bucket);
  if (!m) index.set(bucket, (m = new Map()));
  m.set(key, o);
}

function removeFrom<T>(index: Map<string, Map<string, T>>, bucket: string, key: string): void {
  const m = index.get(bucket);
  m?.delete(key);
  if (m && m.size === 0) index.delete(bucket);
}

export class Informer<R extends ResourceName, T extends KubeObject = ObjectOf[R] & KubeObject> {
  private readonly items = new Map<string, T>();
  // The indexes are built on first use and then kept up to date: most informers never ask.
  private byNs?: Map<string, Map<string, T>>;
  private byOwner?: Map<string, Map<string, T>>;
  private readonly handlers: InformerHandlers<T>[] = [];
  private started = false;

  constructor(private readonly api: ApiServer, readonly resource: R) {}

  on(h: InformerHandlers<T>): void { this.handlers.push(h); }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { items, resourceVersion } = this.api.list(this.resource);
    for (const o of items) this.put(objectKey(o), o as T, undefined);
    this.api.watch(this.resource, { resourceVersion }, {
      onEvent: (e) => {
        if (e.type === 'BOOKMARK') return;
        const obj = e.object as T;
        const key = objectKey(obj);
        const old = this.items.get(key);
        if (e.type === 'DELETED') {
          this.drop(key, old);
          for (const h of this.handlers) h.delete?.(obj);
        } else {
          this.put(key, obj, old);
          for (const h of this.handlers) {
            if (old) h.update?.(old, obj); else h.add?.(obj);
          }
        }
      },
      onExpired: () => { /* the in-process log outlives any controller lag */ },
      onError: () => { /* in-process watches end only on shutdown */ },
    });
    for (const o of this.items.values()) for (const h of this.handlers) h.add?.(o);
  }

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

  private nsIndex(): Map<string, Map<string, T>> {
    if (!this.byNs) {
      this.byNs = new Map();
      for (const [key, o] of this.items) addTo(this.byNs, o.metadata?.namespace ?? '', key, o);
    }
    return this.byNs;
  }

  private ownerIndex(): Map<string, Map<string, T>> {
    if (!this.byOwner) {
      this.byOwner = new Map();
      for (const [key, o] of this.items) {
        const owner = controllerUid(o);
        if (owner) addTo(this.byOwner, owner, key, o);
      }
    }
    return this.byOwner;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.items.values()];
    return [...(this.nsIndex().get(namespace)?.values() ?? [])];
  }

  /** Objects whose controlling ownerReference points at this uid. */
  ownedBy(uid: string): T[] { return [...(this.ownerIndex().get(uid)?.values() ?? [])]; }

  get size(): number { return this.items.size; }
}
