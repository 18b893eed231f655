// EndpointSlices by the Service they belong to (label kubernetes.io/service-name), followed
// from a watch. The slice controller also records its own writes here at once, so a sync
// never works from a view older than its last write; readers (DNS, traffic) use it like
// kube-proxy and CoreDNS use their slice caches.
import type { EndpointSlice, KubeObject } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function rv(o: KubeObject): number { return Number(o.metadata?.resourceVersion ?? 0); }

export class EndpointSliceIndex {
  private readonly byService = new Map<string, Map<string, EndpointSlice>>();
  private readonly serviceOf = new Map<string, string>();
  private readonly listeners: Array<(serviceKey: string, slice: EndpointSlice, deleted: boolean) => void> = [];
  private readonly stopWatch: () => void;

  constructor(api: ApiServer) {
    const { items, resourceVersion } = api.list('endpointslices');
    for (const s of items) this.put(s as EndpointSlice);
    const w = api.watch('endpointslices', { resourceVersion }, {
      onEvent: (e) => {
        if (e.type === 'BOOKMARK') return;
        const s = e.object as EndpointSlice;
        if (e.type === 'DELETED') this.remove(s);
        else this.put(s);
      },
      onExpired: () => {}, onError: () => {},
    });
    this.stopWatch = () => w.stop();
  }

  /** Called after each change seen on the watch (not for the controller's own notes). */
  onChange(fn: (serviceKey: string, slice: EndpointSlice, deleted: boolean) => void): void { this.listeners.push(fn); }

  slicesFor(namespace: string, service: string): EndpointSlice[] {
    return [...(this.byService.get(`${namespace}/${service}`)?.values() ?? [])];
  }

  /** Records a slice the controller just wrote. */
  note(slice: EndpointSlice): void { this.store(slice); }

  /** Records a slice the controller just deleted. */
  forget(slice: EndpointSlice): void { this.drop(slice); }

  stop(): void { this.stopWatch(); }

  private put(s: EndpointSlice): void {
    if (this.store(s)) this.emit(s, false);
  }

  private remove(s: EndpointSlice): void {
    this.drop(s);
    this.emit(s, true);
  }

  private emit(s: EndpointSlice, deleted: boolean): void {
    const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (svc === undefined) return;
    for (const l of this.listeners) l(`${s.metadata?.namespace}/${svc}`, s, deleted);
  }

  /** Stores s unless a newer version is already known; true when stored. */
  private store(s: EndpointSlice): boolean {
    const key = `${s.metadata?.namespace}/${s.metadata?.name}`;
    const prevService = this.serviceOf.get(key);
    const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
    const svcKey = svc === undefined ? undefined : `${s.metadata?.namespace}/${svc}`;
    if (prevService !== undefined) {
      const prev = this.byService.get(prevService)?.get(s.metadata!.name!);
      if (prev && rv(prev) > rv(s)) return false;
      if (prevService !== svcKey) this.drop(s);
    }
    if (svcKey === undefined) return true;
    let m = this.byService.get(svcKey);
    if (!m) this.byService.set(svcKey, (m = new Map()));
    m.set(s.metadata!.name!, s);
    this.serviceOf.set(key, svcKey);
    return true;
  }

  private drop(s: EndpointSlice): void {
    const key = `${s.metadata?.namespace}/${s.metadata?.name}`;
    const svcKey = this.serviceOf.get(key);
    if (svcKey === undefined) return;
    const m = this.byService.get(svcKey);
    m?.delete(s.metadata!.name!);
    if (m && m.size === 0) this.byService.delete(svcKey);
    this.serviceOf.delete(key);
  }
}
