// Test doubles for the dashboard's data layer: a Backend whose connection can be cut and restored
// (wrapping a real one), and a scheduler driven by hand.
import type {
  Backend, Capabilities, ClusterIdentity, DeleteOptions, JsonPatchOp, ListOptions, ListResult, PatchType,
  Watch, WatchHandlers, WatchOptions, WriteOptions,
} from '../../backends/contract/backend.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { Event, KubeObject, ObjectOf, Status } from '../../backends/contract/types.js';
import type { Scheduler, TimerHandle } from '../../src/store/scheduler.js';

export class FlakyBackend implements Backend {
  down = false;
  lists = 0;
  watches = 0;
  /** DELETE calls, in order. */
  readonly deletes: Array<{ resource: ResourceName; namespace?: string; name: string; opts?: DeleteOptions }> = [];
  /** Watch option sets, in order. */
  readonly watchOptions: WatchOptions[] = [];
  private readonly open = new Set<{ handlers: WatchHandlers<KubeObject>; inner: Watch }>();

  constructor(private readonly inner: Backend, readonly error = 'dial tcp 127.0.0.1:6443: connect: connection refused') {}

  get capabilities(): Capabilities { return this.inner.capabilities; }
  get openWatches(): number { return this.open.size; }

  /** The connection drops: open watches end with an error, calls fail. */
  disconnect(): void {
    this.down = true;
    for (const w of [...this.open]) { w.inner.stop(); this.open.delete(w); w.handlers.onError(new Error(this.error)); }
  }

  reconnect(): void { this.down = false; }

  /** Open watches are told their resourceVersion is too old (HTTP 410). */
  expireWatches(): void {
    for (const w of [...this.open]) { w.inner.stop(); this.open.delete(w); w.handlers.onExpired(); }
  }

  private check(): void { if (this.down) throw new Error(this.error); }

  async identity(): Promise<ClusterIdentity> { this.check(); return this.inner.identity(); }

  async list<R extends ResourceName>(resource: R, opts?: ListOptions): Promise<ListResult<ObjectOf[R]>> {
    this.lists++;
    this.check();
    return this.inner.list(resource, opts);
  }

  watch<R extends ResourceName>(resource: R, opts: WatchOptions, handlers: WatchHandlers<ObjectOf[R]>): Watch {
    this.watches++;
    this.watchOptions.push(opts);
    const h = handlers as unknown as WatchHandlers<KubeObject>;
    const entry = { handlers: h, inner: this.inner.watch(resource, opts, handlers) };
    this.open.add(entry);
    return { stop: () => { entry.inner.stop(); this.open.delete(entry); } };
  }

  async get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): Promise<ObjectOf[R]> {
    this.check();
    return this.inner.get(resource, namespace, name);
  }

  async create<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    this.check();
    return this.inner.create(resource, obj, opts);
  }

  async update<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    this.check();
    return this.inner.update(resource, obj, opts);
  }

  async patch<R extends ResourceName>(
    resource: R, namespace: string | undefined, name: string, type: PatchType,
    patch: JsonPatchOp[] | Record<string, unknown>, opts?: WriteOptions,
  ): Promise<ObjectOf[R]> {
    this.check();
    return this.inner.patch(resource, namespace, name, type, patch, opts);
  }

  async delete<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<ObjectOf[R] | Status> {
    this.check();
    this.deletes.push({ resource, namespace, name, opts });
    return this.inner.delete(resource, namespace, name, opts);
  }

  async eventsFor(obj: { kind: string; namespace?: string; name: string; uid?: string }): Promise<Event[]> {
    this.check();
    return this.inner.eventsFor(obj);
  }

  async logs(namespace: string, pod: string, container?: string, tailLines?: number, previous?: boolean): Promise<string[]> {
    this.check();
    return this.inner.logs(namespace, pod, container, tailLines, previous);
  }

  close(): Promise<void> { return this.inner.close(); }
}

/** Timers that run only when the test advances time. */
export class ManualScheduler implements Scheduler {
  private t = 0;
  private timers: Array<{ at: number; fn: () => void; cancelled: boolean; seq: number }> = [];
  private seq = 0;

  now(): number { return this.t; }

  after(ms: number, fn: () => void): TimerHandle {
    const timer = { at: this.t + Math.max(0, ms), fn, cancelled: false, seq: this.seq++ };
    this.timers.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => !x.cancelled && x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.at);
      due.cancelled = true;
      due.fn();
    }
    this.timers = this.timers.filter((x) => !x.cancelled);
    this.t = end;
  }

  get pending(): number { return this.timers.filter((x) => !x.cancelled).length; }
}
