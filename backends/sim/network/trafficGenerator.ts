// A steady stream of requests to chosen Services, on the simulator's clock, for demos: every
// tick sends each target its share of requests through kube-proxy's routing (ctx.traffic) and
// remembers who answered, so a presenter can show per-pod request rates moving between pods.
import type { Service } from '../../contract/types.js';
import type { Timer } from '../clock.js';
import type { SimContext, TrafficResponse } from '../context.js';

export interface GeneratorTarget {
  /** A Service (`name` or `namespace/name`), or a request target such as `localhost:31080`. */
  service: string;
  ratePerSecond: number;
}

export interface PodTraffic {
  namespace: string;
  pod: string;
  /** The version the pod's application reports (petclinic `1.0.1.RELEASE`, else the image tag). */
  version?: string;
  /** Answered requests a second over the recent window. */
  ratePerSecond: number;
  failedPerSecond: number;
}

export interface ServiceTraffic {
  service: string;
  ratePerSecond: number;
  /** Pods that answered since the generator started and still exist, by name. */
  pods: PodTraffic[];
  /** Requests a second that reached no pod (no endpoints: connection refused; no such Service). */
  unansweredPerSecond: number;
  /** Why the latest unanswered request failed. */
  lastError?: string;
  sent: number;
  failed: number;
}

export interface TrafficGeneratorOptions {
  tickMs?: number;
  /** The rates are averaged over this much simulated time. */
  windowMs?: number;
  fromNamespace?: string;
}

interface PodCount { ok: number; failed: number }
interface Tick { pods: Map<string, PodCount>; unanswered: number }

interface TargetState {
  target: GeneratorTarget;
  owed: number;
  ticks: Tick[];
  known: Map<string, { namespace: string; pod: string; version?: string }>;
  lastError?: string;
  sent: number;
  failed: number;
}

const podKey = (namespace: string, pod: string) => `${namespace}/${pod}`;

export class TrafficGenerator {
  private readonly tickMs: number;
  private readonly windowTicks: number;
  private readonly from: string;
  private states: TargetState[] = [];
  private timer: Timer | undefined;

  constructor(private readonly ctx: SimContext, opts: TrafficGeneratorOptions = {}) {
    this.tickMs = opts.tickMs ?? 100;
    this.windowTicks = Math.max(1, Math.round((opts.windowMs ?? 2000) / this.tickMs));
    this.from = opts.fromNamespace ?? 'default';
  }

  /** Replaces what is sent where; an empty list stops the stream. */
  setTargets(targets: GeneratorTarget[]): void {
    this.states = targets.map((target) => ({ target, owed: 0, ticks: [], known: new Map(), sent: 0, failed: 0 }));
    this.rearm();
  }

  targets(): GeneratorTarget[] { return this.states.map((s) => s.target); }

  /** Forgets what was counted and starts the stream again (after the cluster's state was replaced). */
  reset(): void { this.setTargets(this.targets()); }

  stop(): void {
    this.ctx.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.states = [];
  }

  stats(): ServiceTraffic[] {
    return this.states.map((s) => {
      const seconds = (Math.max(1, s.ticks.length) * this.tickMs) / 1000;
      const sums = new Map<string, PodCount>();
      let unanswered = 0;
      for (const t of s.ticks) {
        unanswered += t.unanswered;
        for (const [k, c] of t.pods) {
          const sum = sums.get(k) ?? { ok: 0, failed: 0 };
          sum.ok += c.ok; sum.failed += c.failed;
          sums.set(k, sum);
        }
      }
      for (const [k, p] of s.known) if (!this.ctx.api.tryGet('pods', p.namespace, p.pod)) s.known.delete(k);
      const pods = [...s.known.entries()]
        .map(([k, p]) => ({ ...p, ratePerSecond: (sums.get(k)?.ok ?? 0) / seconds, failedPerSecond: (sums.get(k)?.failed ?? 0) / seconds }))
        .sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
      return {
        service: s.target.service, ratePerSecond: s.target.ratePerSecond, pods, unansweredPerSecond: unanswered / seconds,
        ...(s.lastError ? { lastError: s.lastError } : {}), sent: s.sent, failed: s.failed,
      };
    });
  }

  /**
   * Sets the next tick again, on the next multiple of tickMs of the clock: after a snapshot or a
   * restore (which restart the simulator's components and their timers) the ticks keep the same
   * times and order, so replaying from a snapshot routes the same requests the same way.
   */
  rearm(): void {
    this.ctx.clock.clearTimer(this.timer);
    this.timer = this.states.length ? this.ctx.clock.setTimer(this.untilNextTick(), () => this.tick()) : undefined;
  }

  private untilNextTick(): number {
    return this.tickMs - (this.ctx.clock.now() % this.tickMs);
  }

  private tick(): void {
    for (const s of this.states) {
      s.owed += (s.target.ratePerSecond * this.tickMs) / 1000;
      const n = Math.floor(s.owed);
      s.owed -= n;
      const tick: Tick = { pods: new Map(), unanswered: 0 };
      for (let i = 0; i < n; i++) this.record(s, tick, this.send(s.target.service));
      s.ticks.push(tick);
      if (s.ticks.length > this.windowTicks) s.ticks.shift();
    }
    this.timer = this.ctx.clock.setTimer(this.untilNextTick(), () => this.tick());
  }

  private record(s: TargetState, tick: Tick, res: TrafficResponse): void {
    s.sent++;
    if (!res.ok) s.failed++;
    if (!res.pod) {
      tick.unanswered++;
      s.lastError = res.error ?? (res.status ? `HTTP ${res.status}` : 'no answer');
      return;
    }
    const k = podKey(res.pod.namespace, res.pod.name);
    const c = tick.pods.get(k) ?? { ok: 0, failed: 0 };
    if (res.ok) c.ok++; else c.failed++;
    tick.pods.set(k, c);
    s.known.set(k, { namespace: res.pod.namespace, pod: res.pod.name, ...(res.version ? { version: res.version } : {}) });
  }

  /**
   * A Service is asked on its ClusterIP and first port, as a client that already resolved its
   * name would: the stream does not depend on cluster DNS being up.
   */
  private send(service: string): TrafficResponse {
    const traffic = this.ctx.traffic;
    if (!traffic) return { target: service, ok: false, error: 'the simulator has no network model', body: '' };
    if (service.includes(':')) return traffic.request(service, { fromNamespace: this.from });
    const [ns, name] = service.includes('/') ? service.split('/', 2) : [this.from, service];
    const svc = this.ctx.api.tryGet('services', ns, name) as Service | undefined;
    const ip = svc?.spec?.clusterIP;
    // Without the Service its name does not resolve: what curl says to a client that asks by name.
    if (!svc) return { target: service, ok: false, error: `Could not resolve host: ${service.includes('/') ? `${name}.${ns}` : name}`, body: '' };
    if (!ip || ip === 'None') return { target: service, ok: false, error: `service "${name}" has no ClusterIP`, body: '' };
    return traffic.request(`${ip}:${svc.spec?.ports?.[0]?.port ?? 80}`, { fromNamespace: this.from });
  }
}
