// The simulator behind the backend contract: the same calls the live backend answers, served
// from the in-process API server.
import type {
  Backend, Capabilities, ClusterIdentity, DeleteOptions, JsonPatchOp, ListOptions, ListResult, PatchType, PodTraffic,
  Watch, WatchHandlers, WatchOptions, WriteOptions,
} from '../contract/backend.js';
import type { ResourceName } from '../contract/resources.js';
import type { Event, KubeObject, ObjectOf, Status } from '../contract/types.js';
import type { Simulator } from './simulator.js';

/** Settles on a later turn of the event loop, as a network call would. */
function async<T>(fn: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    try { resolve(fn()); } catch (e) { reject(e); }
  });
}

export class SimBackend implements Backend {
  readonly capabilities: Capabilities = { logs: 'simulated', traffic: true, faults: true };

  constructor(private readonly sim: Simulator) {}

  async identity(): Promise<ClusterIdentity> {
    const l = this.sim.ctx.layout;
    return { context: 'kdash-sim', cluster: l.clusterName, server: 'in-process', version: l.version, namespace: 'default', backend: 'sim' };
  }

  list<R extends ResourceName>(resource: R, opts?: ListOptions): Promise<ListResult<ObjectOf[R]>> {
    return async(() => this.sim.api.list(resource, opts) as ListResult<ObjectOf[R]>);
  }

  watch<R extends ResourceName>(resource: R, opts: WatchOptions, handlers: WatchHandlers<ObjectOf[R]>): Watch {
    return this.sim.api.watch(resource, opts, handlers as unknown as WatchHandlers<KubeObject>);
  }

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): Promise<ObjectOf[R]> {
    return async(() => structuredClone(this.sim.api.get(resource, namespace, name)) as ObjectOf[R]);
  }

  create<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    return async(() => this.sim.api.create(resource, obj, opts) as ObjectOf[R]);
  }

  update<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    return async(() => this.sim.api.update(resource, obj, opts) as ObjectOf[R]);
  }

  patch<R extends ResourceName>(
    resource: R, namespace: string | undefined, name: string, type: PatchType,
    patch: JsonPatchOp[] | Record<string, unknown>, opts?: WriteOptions,
  ): Promise<ObjectOf[R]> {
    return async(() => this.sim.api.patch(resource, namespace, name, type, patch, opts) as ObjectOf[R]);
  }

  delete<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<ObjectOf[R] | Status> {
    return async(() => this.sim.api.delete(resource, namespace, name, opts) as ObjectOf[R] | Status);
  }

  eventsFor(obj: { kind: string; namespace?: string; name: string; uid?: string }): Promise<Event[]> {
    return async(() => {
      const fields = [`involvedObject.kind=${obj.kind}`, `involvedObject.name=${obj.name}`];
      if (obj.uid) fields.push(`involvedObject.uid=${obj.uid}`);
      return this.sim.api.list('events', { namespace: obj.namespace, fieldSelector: fields.join(',') }).items as Event[];
    });
  }

  logs(namespace: string, pod: string, container?: string, tailLines = 100, previous = false): Promise<string[]> {
    return async(() => {
      this.sim.api.get('pods', namespace, pod);
      return this.sim.ctx.logs ? this.sim.ctx.logs(namespace, pod, container, tailLines, previous) : [];
    });
  }

  trafficStats(namespace: string, pods: string[]): Promise<PodTraffic[]> {
    return async(() => pods.map((pod) => {
      const c = this.sim.ctx.traffic?.countersFor(namespace, pod);
      return { pod, ok: c?.ok ?? 0, failed: c?.failed ?? 0, ratePerSecond: c?.ratePerSecond ?? 0 };
    }));
  }

  async close(): Promise<void> { this.sim.stop(); }
}
