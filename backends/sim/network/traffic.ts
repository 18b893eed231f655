// Simulated requests: resolve the host through cluster DNS, route through Services like
// kube-proxy, and let the chosen pod's application answer with what its container sees
// (ctx.containerView, published by the kubelet). Counts ok and failed requests per pod.
import type { Pod } from '../../contract/types.js';
import type { ComponentMemory, ContainerView, DnsLookup, PodTrafficCounters, SimContext, TrafficResponse, TrafficService } from '../context.js';
import type { Informer } from '../controllers/informer.js';
import { answer, listensOn, type DatabaseCheck } from './applications.js';
import { ClusterDns, formatResolvConf, resolvConfFor } from './dns.js';
import { isIPv4 } from './ipv4.js';
import { REFUSED, TIMED_OUT, type Route, type Router } from './router.js';
import { TrafficCounters, type TrafficCountersState } from './trafficCounters.js';

const RECENT = 100;
const GENERATOR_TICK_MS = 100;

interface Target { host: string; port: number; path: string }

/** `http://host[:port][/path]`, `https://...`, or `host:port[/path]`. */
export function parseTarget(target: string): Target | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d{1,5}))?([/?][^\s]*)?$/i.exec(target.trim());
  if (!m) return undefined;
  const scheme = m[1]?.toLowerCase();
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : scheme === 'http' ? 80 : undefined;
  if (port === undefined || port < 1 || port > 65535) return undefined;
  const path = m[4] ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/';
  return { host: m[2].toLowerCase(), port, path };
}

export class Traffic implements TrafficService {
  private readonly countersByPod: TrafficCounters;
  private readonly latest: TrafficResponse[] = [];
  private readonly generators = new Set<() => void>();

  constructor(
    private readonly ctx: SimContext,
    private readonly router: Router,
    private readonly dns: ClusterDns,
    private readonly pods: Informer<'pods'>,
  ) {
    this.countersByPod = new TrafficCounters(ctx.clock);
    pods.on({ delete: (p) => this.countersByPod.forget(p.metadata!.namespace!, p.metadata!.name!) });
  }

  request(target: string, opts: { fromNamespace?: string } = {}): TrafficResponse {
    const res = this.send(target, opts.fromNamespace ?? 'default', 0);
    this.latest.push(res);
    if (this.latest.length > RECENT) this.latest.shift();
    return res;
  }

  private send(target: string, fromNamespace: string, depth: number): TrafficResponse {
    const t = parseTarget(target);
    if (!t) return { target, ok: false, error: `URL rejected: Malformed input to a URL function`, body: '' };
    let ip = t.host === 'localhost' ? '127.0.0.1' : t.host;
    if (!isIPv4(ip)) {
      const found = this.dns.lookup(t.host, fromNamespace);
      const addresses = found.answer?.addresses ?? [];
      if (!addresses.length) return { target, ok: false, error: `Could not resolve host: ${t.host}`, body: '' };
      // CoreDNS's loadbalance plugin shuffles A records; the client takes the first.
      ip = addresses[this.ctx.random.int(addresses.length)];
    }
    const route = this.router.route(ip, t.port);
    const service = route.service ? { namespace: route.service.metadata!.namespace!, name: route.service.metadata!.name! } : undefined;
    if (route.error) return { target, ok: false, error: route.error, ...(service ? { service } : {}), body: '' };
    return this.deliver(target, route, t, depth, service);
  }

  /** The packet reached an address: the pod there answers if a running container listens on the port. */
  private deliver(target: string, route: Route, t: Target, depth: number, service?: TrafficResponse['service']): TrafficResponse {
    const port = route.port!;
    const candidates = route.pod ? [route.pod] : this.router.podsAt(route.ip!);
    for (const pod of candidates) {
      const container = pod.spec?.containers?.find((c) => listensOn(c.image ?? '', (c.ports ?? []).map((p) => p.containerPort), port));
      if (!container) continue;
      const m = pod.metadata!;
      const who = { namespace: m.namespace!, name: m.name!, ip: route.ip!, ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}), container: container.name };
      const view = this.viewOf(pod, container.name);
      if (!view) {
        this.countersByPod.record(m.namespace!, m.name!, false);
        return { target, ok: false, error: REFUSED, ...(service ? { service } : {}), pod: who, body: '' };
      }
      const a = answer(view, port, t.path, {
        pod: m.name!, ip: route.ip!,
        database: (url) => this.database(url, m.namespace!, depth),
      });
      const ok = a.status === undefined || a.status < 500;
      this.countersByPod.record(m.namespace!, m.name!, ok);
      return { target, ok, ...(a.status !== undefined ? { status: a.status } : {}), ...(service ? { service } : {}), pod: who, version: a.version, body: a.body };
    }
    const pod = candidates[0];
    if (pod) this.countersByPod.record(pod.metadata!.namespace!, pod.metadata!.name!, false);
    return { target, ok: false, error: pod || this.router.isNodeAddress(route.ip!) ? REFUSED : TIMED_OUT, ...(service ? { service } : {}), body: '' };
  }

  /**
   * What the container sees. Deviation: without a kubelet model publishing containerView, a
   * Running pod's spec stands in (literal env values, no mounted files).
   */
  private viewOf(pod: Pod, container: string): Pick<ContainerView, 'image' | 'env' | 'files'> | undefined {
    if (this.ctx.containerView) return this.ctx.containerView(pod.metadata!.namespace!, pod.metadata!.name!, container);
    if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return undefined;
    const c = pod.spec!.containers.find((x) => x.name === container)!;
    const env: Record<string, string> = {};
    for (const e of c.env ?? []) if (e.value !== undefined) env[e.name] = e.value;
    return { image: c.image ?? '', env, files: {} };
  }

  /** A JDBC URL's host and port, reached from the pod's namespace. */
  private database(url: string, namespace: string, depth: number): DatabaseCheck {
    const m = /^jdbc:[a-z]+:\/\/([^/:?]+)(?::(\d+))?/i.exec(url);
    if (!m) return { ok: false, detail: 'unsupported URL' };
    if (depth > 0) return { ok: false, detail: 'not checked' };
    const res = this.send(`${m[1]}:${m[2] ?? 3306}`, namespace, depth + 1);
    if (!res.ok) return { ok: false, detail: `Communications link failure (${res.error ?? 'no answer'})` };
    return { ok: true, detail: `connected to ${res.pod?.name}${res.service ? ` through service ${res.service.name}` : ''}` };
  }

  counters(namespace?: string): PodTrafficCounters[] { return this.countersByPod.all(namespace); }

  countersFor(namespace: string, pod: string): PodTrafficCounters | undefined { return this.countersByPod.get(namespace, pod); }

  recent(): TrafficResponse[] { return [...this.latest]; }

  resolve(name: string, fromNamespace = 'default'): DnsLookup { return this.dns.lookup(name, fromNamespace); }

  resolvConf(namespace: string, pod: string): string | undefined {
    const p = this.ctx.api.tryGet('pods', namespace, pod) as Pod | undefined;
    return p ? formatResolvConf(resolvConfFor(p)) : undefined;
  }

  startTrafficGenerator(opts: { services: string[]; ratePerSecond: number; fromNamespace?: string }): () => void {
    const { clock } = this.ctx;
    const from = opts.fromNamespace ?? 'default';
    let owed = 0;
    let timer = clock.setTimer(GENERATOR_TICK_MS, tick);
    const self = this;
    function tick(): void {
      owed += (opts.ratePerSecond * GENERATOR_TICK_MS) / 1000;
      const n = Math.floor(owed);
      owed -= n;
      for (let i = 0; i < n; i++) for (const s of opts.services) self.request(self.targetFor(s, from), { fromNamespace: from });
      timer = clock.setTimer(GENERATOR_TICK_MS, tick);
    }
    const stop = () => { clock.clearTimer(timer); this.generators.delete(stop); };
    this.generators.add(stop);
    return stop;
  }

  /** A Service named `name` or `ns/name` is asked on its first port; anything else is a request target. */
  private targetFor(s: string, from: string): string {
    if (s.includes(':')) return s;
    const [ns, name] = s.includes('/') ? s.split('/', 2) : [from, s];
    const port = this.router.services.get(ns, name)?.spec?.ports?.[0]?.port ?? 80;
    return `http://${name}.${ns}:${port}/`;
  }

  stop(): void { for (const g of [...this.generators]) g(); }

  /** The per-pod counters, carried across a snapshot restore. */
  memory(): ComponentMemory {
    return {
      save: () => this.countersByPod.exportState(),
      check: (data) => TrafficCounters.problem(data),
      load: (data) => { if (!TrafficCounters.problem(data)) this.countersByPod.importState(data as TrafficCountersState); },
    };
  }
}
