// kube-proxy's part of a request: a ClusterIP or NodePort leads to a Service port, which leads
// to one of the ready endpoints in the Service's EndpointSlices, chosen uniformly at random;
// a pod IP leads to the pods with that IP.
import type { EndpointSlice, Pod, Service } from '../../contract/types.js';
import type { Informer } from '../controllers/informer.js';
import type { SimContext } from '../context.js';
import { objectKey } from '../controllers/informer.js';
import type { EndpointSliceIndex } from './endpointSliceIndex.js';
import { nodeIP } from './nodeAddresses.js';
import { allocatedClusterIP } from './serviceAllocation.js';
import type { ServicePort } from './endpointRules.js';

export interface Route {
  service?: Service;
  /** Where the packet goes: an endpoint address and port, and the pod named by the endpoint if any. */
  ip?: string;
  port?: number;
  pod?: Pod;
  error?: string;
}

interface EndpointTarget { ip: string; port: number; ref?: { namespace?: string; name?: string } }

export const REFUSED = 'Connection refused';
export const TIMED_OUT = 'Connection timed out';

export class Router {
  private readonly byClusterIP = new Map<string, string>();
  private readonly byNodePort = new Map<number, string>();
  private readonly podsByIP = new Map<string, Set<string>>();
  private readonly rules = new Map<string, { slices: EndpointSlice[]; candidates: EndpointTarget[] }>();

  constructor(
    private readonly ctx: SimContext,
    readonly services: Informer<'services'>,
    readonly pods: Informer<'pods'>,
    private readonly slices: EndpointSliceIndex,
  ) {
    services.on({
      add: (s) => this.indexService(s),
      update: (o, n) => { this.unindexService(o); this.indexService(n); },
      delete: (s) => this.unindexService(s),
    });
    pods.on({
      add: (p) => this.indexPod(p),
      update: (o, n) => { if (o.status?.podIP !== n.status?.podIP) { this.unindexPod(o); this.indexPod(n); } },
      delete: (p) => this.unindexPod(p),
    });
  }

  isNodeAddress(ip: string): boolean { return this.nodeAt(ip) !== undefined; }

  /**
   * The node an address belongs to. 127.0.0.1 stands for the control-plane node, where kind's
   * extraPortMappings send a host's `curl localhost:<nodePort>`.
   */
  private nodeAt(ip: string): string | undefined {
    const { api, layout } = this.ctx;
    if (ip === '127.0.0.1') return layout.nodes[0];
    return layout.nodes.find((n) => nodeIP(api, layout, n) === ip);
  }

  route(ip: string, port: number): Route {
    const node = this.nodeAt(ip);
    if (node) {
      const key = this.byNodePort.get(port);
      const svc = key ? this.serviceByKey(key) : undefined;
      const sp = svc?.spec?.ports?.find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP');
      // externalTrafficPolicy Local: only this node's endpoints; without one the packet is dropped.
      if (svc && sp) return this.toEndpoint(svc, sp, svc.spec?.externalTrafficPolicy === 'Local' ? node : undefined);
      return { ip, port };
    }
    const key = this.byClusterIP.get(ip);
    if (key) {
      const svc = this.serviceByKey(key);
      const sp = svc?.spec?.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');
      // No rule for that port: the packet leaves for the default route and nothing answers.
      if (!svc || !sp) return { service: svc, error: TIMED_OUT };
      return this.toEndpoint(svc, sp);
    }
    if (this.podsByIP.has(ip)) return { ip, port };
    return { error: TIMED_OUT };
  }

  /** Pods at an address (several for host-network pods on one node). */
  podsAt(ip: string): Pod[] {
    const out: Pod[] = [];
    for (const key of this.podsByIP.get(ip) ?? []) {
      const slash = key.indexOf('/');
      const p = this.pods.get(key.slice(0, slash), key.slice(slash + 1));
      if (p) out.push(p);
    }
    return out;
  }

  private toEndpoint(svc: Service, sp: ServicePort, onlyNode?: string): Route {
    const ns = svc.metadata!.namespace!;
    const candidates = this.candidatesFor(svc, sp, onlyNode);
    // No endpoints: kube-proxy installs a REJECT rule for the Service.
    if (candidates.length === 0) return { service: svc, error: onlyNode ? TIMED_OUT : REFUSED };
    // Deviation: sessionAffinity ClientIP and internalTrafficPolicy Local are not honoured:
    // simulated clients have neither an address nor a node.
    const pick = candidates[this.ctx.random.int(candidates.length)];
    const pod = pick.ref?.name ? this.pods.get(pick.ref.namespace ?? ns, pick.ref.name) : undefined;
    return { service: svc, ip: pick.ip, port: pick.port, pod };
  }

  /**
   * The endpoints a request may go to, like kube-proxy's rules for one Service port. Kept until
   * one of the Service's slices changes (stored slices are replaced, never mutated), so a steady
   * stream of requests does not walk every endpoint each time.
   */
  private candidatesFor(svc: Service, sp: ServicePort, onlyNode?: string): EndpointTarget[] {
    const ns = svc.metadata!.namespace!;
    const slices = this.slices.slicesFor(ns, svc.metadata!.name!);
    const key = `${ns}/${svc.metadata!.name}/${sp.name ?? ''}/${sp.protocol ?? 'TCP'}/${onlyNode ?? ''}`;
    const cached = this.rules.get(key);
    if (cached && cached.slices.length === slices.length && cached.slices.every((s, i) => s === slices[i])) return cached.candidates;
    const ready: EndpointTarget[] = [];
    const terminating: EndpointTarget[] = [];
    const seen = new Set<string>();
    for (const s of slices) {
      const p = s.ports?.find((x) => (x.name ?? '') === (sp.name ?? '') && (x.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
      if (!p || p.port === undefined) continue;
      for (const ep of s.endpoints ?? []) {
        if (onlyNode && ep.nodeName !== onlyNode) continue;
        const id = `${ep.addresses[0]}:${p.port}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const target = { ip: ep.addresses[0], port: p.port, ref: ep.targetRef };
        if (ep.conditions?.ready !== false) ready.push(target);
        else if (ep.conditions.serving && ep.conditions.terminating) terminating.push(target);
      }
    }
    // Terminating but still serving endpoints are used only when nothing is ready (KEP-1669).
    const candidates = ready.length ? ready : terminating;
    this.rules.set(key, { slices, candidates });
    return candidates;
  }

  private serviceByKey(key: string): Service | undefined {
    const slash = key.indexOf('/');
    return this.services.get(key.slice(0, slash), key.slice(slash + 1));
  }

  private indexService(s: Service): void {
    const key = objectKey(s);
    const ip = allocatedClusterIP(s);
    if (ip) this.byClusterIP.set(ip, key);
    for (const p of s.spec?.ports ?? []) if (p.nodePort) this.byNodePort.set(p.nodePort, key);
  }

  private unindexService(s: Service): void {
    const key = objectKey(s);
    for (const rule of this.rules.keys()) if (rule.startsWith(`${key}/`)) this.rules.delete(rule);
    const ip = allocatedClusterIP(s);
    if (ip && this.byClusterIP.get(ip) === key) this.byClusterIP.delete(ip);
    for (const p of s.spec?.ports ?? []) if (p.nodePort && this.byNodePort.get(p.nodePort) === key) this.byNodePort.delete(p.nodePort);
  }

  private indexPod(p: Pod): void {
    const ip = p.status?.podIP;
    if (!ip) return;
    let s = this.podsByIP.get(ip);
    if (!s) this.podsByIP.set(ip, (s = new Set()));
    s.add(objectKey(p));
  }

  private unindexPod(p: Pod): void {
    const ip = p.status?.podIP;
    const s = ip ? this.podsByIP.get(ip) : undefined;
    if (!s) return;
    s.delete(objectKey(p));
    if (s.size === 0) this.podsByIP.delete(ip!);
  }
}
