// Which pods each Service selects, kept current from the pod and service informers, with
// label indexes so that a pod change touches only the Services that select it (before or
// after the change) and a Service sync reads only the pods that carry one of its labels.
import { isPodReady } from '../../contract/podUtil.js';
import type { Pod, Service } from '../../contract/types.js';
import { jsonEqual } from '../apiserver/jsonValue.js';
import { objectKey, type Informer } from '../controllers/informer.js';

type Labels = Record<string, string> | undefined;

/** A Service's selector, or undefined when it has none (its endpoints are managed by hand). */
export function selectorOf(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function selects(selector: Record<string, string>, labels: Labels): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

/** Whether what the endpoint controllers read from a pod changed; other changes (restarts, images) are ignored. */
function endpointFactsChanged(o: Pod, n: Pod): boolean {
  if (o.status?.podIP !== n.status?.podIP || o.spec?.nodeName !== n.spec?.nodeName || o.status?.phase !== n.status?.phase) return true;
  if (!o.metadata?.deletionTimestamp !== !n.metadata?.deletionTimestamp || isPodReady(o) !== isPodReady(n)) return true;
  if (o.spec?.hostname !== n.spec?.hostname || o.spec?.subdomain !== n.spec?.subdomain) return true;
  const oc = o.spec?.containers ?? [], nc = n.spec?.containers ?? [];
  if (oc.length !== nc.length) return true;
  for (let i = 0; i < oc.length; i++) if (!jsonEqual(oc[i]!.ports, nc[i]!.ports)) return true;
  return false;
}

function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) { if (a[k] !== b?.[k]) return false; n++; }
  for (const k in b) if (--n < 0) return false;
  return n === 0;
}

/** key=value postings per namespace: a set of object keys for each label pair. */
class LabelPostings {
  private readonly byNs = new Map<string, Map<string, Set<string>>>();

  add(ns: string, pair: string, key: string): void {
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    let s = m.get(pair);
    if (!s) m.set(pair, (s = new Set()));
    s.add(key);
  }

  remove(ns: string, pair: string, key: string): void {
    const m = this.byNs.get(ns);
    const s = m?.get(pair);
    if (!s) return;
    s.delete(key);
    if (s.size === 0) m!.delete(pair);
  }

  get(ns: string, pair: string): Set<string> | undefined { return this.byNs.get(ns)?.get(pair); }

  /** Whether anything is posted in the namespace. */
  has(ns: string): boolean { return (this.byNs.get(ns)?.size ?? 0) > 0; }
}

export class ServiceSelection {
  private readonly podPostings = new LabelPostings();
  /** Each selector Service is posted under one of its selector pairs: a pod can match it only if it carries that pair. */
  private readonly servicePostings = new LabelPostings();
  private readonly postedUnder = new Map<string, string>();
  private readonly listeners: Array<(serviceKey: string) => void> = [];

  constructor(readonly pods: Informer<'pods'>, readonly services: Informer<'services'>) {
    pods.on({
      add: (p) => { this.indexPod(p); this.touchPod(p); },
      update: (o, n) => {
        const labelsChanged = !sameLabels(o.metadata?.labels, n.metadata?.labels);
        if (labelsChanged) { this.unindexPod(o); this.indexPod(n); }
        if (labelsChanged || endpointFactsChanged(o, n)) this.touchPod(n, o);
      },
      delete: (p) => { this.unindexPod(p); this.touchPod(p); },
    });
    services.on({
      add: (s) => { this.indexService(s); this.notify(objectKey(s)); },
      update: (o, n) => { this.unindexService(o); this.indexService(n); this.notify(objectKey(n)); },
      delete: (s) => { this.unindexService(s); this.notify(objectKey(s)); },
    });
  }

  /** Called with a Service key whenever the set or state of the pods it selects may have changed. */
  onChange(fn: (serviceKey: string) => void): void { this.listeners.push(fn); }

  /** The pods in the Service's namespace whose labels match every selector label. */
  podsFor(svc: Service): Pod[] {
    const sel = selectorOf(svc);
    if (!sel) return [];
    const ns = svc.metadata?.namespace ?? 'default';
    let smallest: Set<string> | undefined;
    for (const [k, v] of Object.entries(sel)) {
      const s = this.podPostings.get(ns, `${k}=${v}`);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const out: Pod[] = [];
    for (const key of smallest ?? []) {
      const p = this.pods.get(ns, key.slice(ns.length + 1));
      if (p && selects(sel, p.metadata?.labels)) out.push(p);
    }
    return out;
  }

  /** Keys of the selector Services in the pod's namespace that select these labels. */
  servicesFor(ns: string, labels: Labels): string[] {
    const out: string[] = [];
    // Most pods live where no Service selects anything: no label pair to build.
    if (!labels || !this.servicePostings.has(ns)) return out;
    for (const k in labels) {
      for (const key of this.servicePostings.get(ns, `${k}=${labels[k]}`) ?? []) {
        const svc = this.services.get(ns, key.slice(ns.length + 1));
        const sel = svc && selectorOf(svc);
        if (sel && selects(sel, labels)) out.push(key);
      }
    }
    return out;
  }

  private touchPod(p: Pod, old?: Pod): void {
    const ns = p.metadata?.namespace ?? 'default';
    const now = this.servicesFor(ns, p.metadata?.labels);
    const before = old ? this.servicesFor(ns, old.metadata?.labels) : [];
    if (now.length + before.length === 0) return;
    for (const k of new Set([...now, ...before])) this.notify(k);
  }

  private notify(key: string): void { for (const l of this.listeners) l(key); }

  private indexPod(p: Pod): void {
    const ns = p.metadata?.namespace ?? 'default';
    const key = objectKey(p);
    for (const [k, v] of Object.entries(p.metadata?.labels ?? {})) this.podPostings.add(ns, `${k}=${v}`, key);
  }

  private unindexPod(p: Pod): void {
    const ns = p.metadata?.namespace ?? 'default';
    const key = objectKey(p);
    for (const [k, v] of Object.entries(p.metadata?.labels ?? {})) this.podPostings.remove(ns, `${k}=${v}`, key);
  }

  private indexService(s: Service): void {
    const sel = selectorOf(s);
    if (!sel) return;
    const k = Object.keys(sel).sort()[0];
    const pair = `${k}=${sel[k]}`;
    const key = objectKey(s);
    this.servicePostings.add(s.metadata?.namespace ?? 'default', pair, key);
    this.postedUnder.set(key, pair);
  }

  private unindexService(s: Service): void {
    const key = objectKey(s);
    const pair = this.postedUnder.get(key);
    if (pair === undefined) return;
    this.servicePostings.remove(s.metadata?.namespace ?? 'default', pair, key);
    this.postedUnder.delete(key);
  }
}
