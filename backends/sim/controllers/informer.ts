// A controller's view of one resource: list once, then follow the watch, with indexes by
// namespace and by controlling owner. Like client-go's shared informers and listers.
import type { ResourceName } from '../../contract/resources.js';
import type { KubeObject, ObjectOf } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';
import { controllerUid, informerCache, objectKey, type InformerCache } from './informerCache.js';

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export { objectKey };

export function controllerOf(o: KubeObject): { uid: string; kind: string; name: string } | undefined {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? { uid: ref.uid, kind: ref.kind, name: ref.name } : undefined;
}

export class Informer<R extends ResourceName, T extends KubeObject = ObjectOf[R] & KubeObject> {
  private cache?: InformerCache<T>;
  /**
   * What this informer listed, while the shared cache has not yet been given the events it
   * includes: an informer started later sees the store as it is now, as its own list would.
   */
  private listed?: { items: Map<string, T>; until: number };
  private readonly handlers: InformerHandlers<T>[] = [];
  private started = false;

  constructor(private readonly api: ApiServer, readonly resource: R) {}

  on(h: InformerHandlers<T>): void { this.handlers.push(h); }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { cache, created } = informerCache<T>(this.api, this.resource);
    this.cache = cache;
    let announce: Iterable<T> = cache.items.values();
    let resourceVersion = cache.listedAt;
    if (!created) {
      const listed = this.api.list(this.resource);
      resourceVersion = listed.resourceVersion;
      announce = listed.items as T[];
      const until = Number(resourceVersion);
      if (this.api.deliveredResourceVersion < until) {
        const items = new Map<string, T>();
        for (const o of listed.items) items.set(objectKey(o), o as T);
        this.listed = { items, until };
      }
    }
    cache.subscribe(Number(resourceVersion), (obj, old, deleted) => {
      if (deleted) {
        for (const h of this.handlers) h.delete?.(obj);
      } else {
        for (const h of this.handlers) {
          if (old) h.update?.(old, obj); else h.add?.(obj);
        }
      }
    });
    for (const o of announce) for (const h of this.handlers) h.add?.(o);
  }

  /** This informer's own list while the cache is behind it, else undefined. */
  private ownList(): Map<string, T> | undefined {
    if (!this.listed) return undefined;
    if (this.api.deliveredResourceVersion < this.listed.until) return this.listed.items;
    this.listed = undefined;
    return undefined;
  }

  private get items(): ReadonlyMap<string, T> {
    return this.ownList() ?? this.cache?.items ?? EMPTY;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.getByKey(namespace ? `${namespace}/${name}` : name);
  }

  /** By the `<namespace>/<name>` key a work queue holds. */
  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(namespace?: string): T[] {
    const own = this.ownList();
    if (namespace === undefined) return [...this.items.values()];
    if (own) return [...own.values()].filter((o) => (o.metadata?.namespace ?? '') === namespace);
    if (!this.cache) return [];
    return [...(this.cache.nsIndex().get(namespace)?.values() ?? [])];
  }

  /** Objects whose controlling ownerReference points at this uid. */
  ownedBy(uid: string): T[] {
    const own = this.ownList();
    if (own) return [...own.values()].filter((o) => controllerUid(o) === uid);
    if (!this.cache) return [];
    return [...(this.cache.ownerIndex().get(uid)?.values() ?? [])];
  }

  get size(): number { return this.items.size; }
}

const EMPTY: ReadonlyMap<string, never> = new Map<string, never>();
