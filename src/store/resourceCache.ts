// A list+watch cache of one resource as a screen sees it: list, then watch from the list's
// resourceVersion; on 410 Expired list again; on any other watch or list failure keep the last
// data, mark it stale, and retry with exponential back-off (capped at 30 s) — except a 401 or 403,
// which is shown and not retried. Subscribers hear about
// changes at most once per frame interval, however many watch events arrive.
import type { Backend, ListOptions, Watch, WatchEvent } from '../../backends/contract/backend.js';
import { isStatusError } from '../../backends/contract/errors.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { ObjectOf } from '../../backends/contract/types.js';
import { objectKey } from './objectKey.js';
import { realScheduler, type Scheduler, type TimerHandle } from './scheduler.js';

export type CacheStatus = 'loading' | 'ready' | 'stale';

export interface CacheSnapshot<T> {
  /** The objects, in no particular order (views sort them). */
  items: readonly T[];
  status: CacheStatus;
  /** Why the data is stale (the last list or watch error). */
  error?: string;
  /** When the data was last known to be current (ms, scheduler time). */
  lastSync?: number;
  /** When the next retry runs (ms, scheduler time), while stale; unset when it is not retried (401/403). */
  retryAt?: number;
  /** Bumped on every published change. */
  version: number;
}

export interface ResourceCacheOptions {
  scheduler?: Scheduler;
  /** Minimum time between two published changes: 100 ms = at most 10 frames a second. */
  frameIntervalMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** 401 and 403: asking again changes nothing until credentials or RBAC do; reopening the screen asks again. */
function isRefusal(e: unknown): boolean {
  return isStatusError(e) && (e.code === 401 || e.code === 403);
}

export function errorText(e: unknown): string {
  if (isStatusError(e)) return e.reason ? `Error from server (${e.reason}): ${e.message}` : `Error from server: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

export class ResourceCache<R extends ResourceName> {
  private readonly objects = new Map<string, ObjectOf[R]>();
  private itemsCache: ObjectOf[R][] | undefined;
  private status: CacheStatus = 'loading';
  private error: string | undefined;
  private lastSync: number | undefined;
  private retryAt: number | undefined;
  private version = 0;
  private watch: Watch | undefined;
  private retryTimer: TimerHandle | undefined;
  private frameTimer: TimerHandle | undefined;
  private lastPublish = -Infinity;
  private backoff: number;
  /** Each (re)start gets a generation; callbacks of an older one are ignored. */
  private generation = 0;
  private stopped = true;
  private readonly listeners = new Set<() => void>();
  private readonly scheduler: Scheduler;
  private readonly frameIntervalMs: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly backend: Backend,
    readonly resource: R,
    readonly query: ListOptions = {},
    opts: ResourceCacheOptions = {},
  ) {
    this.scheduler = opts.scheduler ?? realScheduler;
    this.frameIntervalMs = opts.frameIntervalMs ?? 100;
    this.initialBackoffMs = opts.initialBackoffMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.backoff = this.initialBackoffMs;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.watch?.stop();
    this.watch = undefined;
    this.retryTimer?.cancel();
    this.frameTimer?.cancel();
    this.retryTimer = this.frameTimer = undefined;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  snapshot(): CacheSnapshot<ObjectOf[R]> {
    this.itemsCache ??= [...this.objects.values()];
    return {
      items: this.itemsCache, status: this.status, error: this.error,
      lastSync: this.lastSync, retryAt: this.retryAt, version: this.version,
    };
  }

  private async relist(): Promise<void> {
    const gen = ++this.generation;
    this.watch?.stop();
    this.watch = undefined;
    try {
      const list = await this.backend.list(this.resource, this.query);
      if (gen !== this.generation) return;
      this.objects.clear();
      for (const o of list.items) this.objects.set(objectKey(o), o);
      this.itemsCache = undefined;
      this.watch = this.backend.watch(this.resource, { ...this.query, resourceVersion: list.resourceVersion }, {
        onEvent: (e) => { if (gen === this.generation) this.apply(e); },
        onExpired: () => { if (gen === this.generation) void this.relist(); },
        onError: (err) => { if (gen === this.generation) this.fail(err); },
      });
      this.status = 'ready';
      this.error = undefined;
      this.retryAt = undefined;
      this.lastSync = this.scheduler.now();
      this.backoff = this.initialBackoffMs;
      this.changed();
    } catch (e) {
      if (gen === this.generation) this.fail(e);
    }
  }

  private apply(e: WatchEvent<ObjectOf[R]>): void {
    if (e.type === 'BOOKMARK') return;
    const key = objectKey(e.object);
    if (e.type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, e.object);
    this.itemsCache = undefined;
    this.lastSync = this.scheduler.now();
    this.changed();
  }

  private fail(e: unknown): void {
    if (this.stopped) return;
    const gen = ++this.generation;
    this.watch?.stop();
    this.watch = undefined;
    this.status = 'stale';
    this.error = errorText(e);
    if (isRefusal(e)) {
      this.retryAt = undefined;
      this.retryTimer?.cancel();
      this.retryTimer = undefined;
      this.changed();
      return;
    }
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.maxBackoffMs);
    this.retryAt = this.scheduler.now() + wait;
    this.retryTimer?.cancel();
    this.retryTimer = this.scheduler.after(wait, () => {
      this.retryTimer = undefined;
      if (gen === this.generation && !this.stopped) void this.relist();
    });
    this.changed();
  }

  /** Publishes at most once per frame interval; the first change after a quiet spell goes out at once. */
  private changed(): void {
    if (this.frameTimer || this.stopped) return;
    const wait = Math.max(0, this.lastPublish + this.frameIntervalMs - this.scheduler.now());
    this.frameTimer = this.scheduler.after(wait, () => {
      this.frameTimer = undefined;
      this.lastPublish = this.scheduler.now();
      this.version++;
      for (const l of this.listeners) l();
    });
  }
}
