// Requests served per pod: totals and a rate over the last ten complete seconds of simulated time.
import type { Clock } from '../clock.js';
import type { PodTrafficCounters } from '../context.js';

const WINDOW_S = 10;
/** One bucket per second: the one filling now and the WINDOW_S complete ones before it. */
const BUCKETS = WINDOW_S + 1;

interface Counter { namespace: string; pod: string; ok: number; failed: number; buckets: number[]; second: number }

/** The counters as snapshot data. */
export type TrafficCountersState = Counter[];

export class TrafficCounters {
  private readonly byPod = new Map<string, Counter>();

  constructor(private readonly clock: Clock) {}

  record(namespace: string, pod: string, ok: boolean): void {
    const key = `${namespace}/${pod}`;
    let c = this.byPod.get(key);
    if (!c) this.byPod.set(key, (c = { namespace, pod, ok: 0, failed: 0, buckets: new Array<number>(BUCKETS).fill(0), second: this.second() }));
    this.age(c);
    if (ok) c.ok++; else c.failed++;
    c.buckets[c.second % BUCKETS]++;
  }

  get(namespace: string, pod: string): PodTrafficCounters | undefined {
    const c = this.byPod.get(`${namespace}/${pod}`);
    return c && this.view(c);
  }

  all(namespace?: string): PodTrafficCounters[] {
    const out: PodTrafficCounters[] = [];
    for (const c of this.byPod.values()) if (namespace === undefined || c.namespace === namespace) out.push(this.view(c));
    return out;
  }

  forget(namespace: string, pod: string): void { this.byPod.delete(`${namespace}/${pod}`); }

  exportState(): TrafficCountersState { return [...this.byPod.values()].map((c) => ({ ...c, buckets: [...c.buckets] })); }

  importState(state: TrafficCountersState): void {
    this.byPod.clear();
    for (const c of state) this.byPod.set(`${c.namespace}/${c.pod}`, { ...c, buckets: [...c.buckets] });
  }

  /** Why `data` is not counters as exportState gives them. */
  static problem(data: unknown): string | undefined {
    if (!Array.isArray(data)) return 'must be a list of per-pod counters';
    const bad = data.findIndex((c: Partial<Counter> | null) => typeof c?.namespace !== 'string' || typeof c.pod !== 'string'
      || !Number.isInteger(c.ok) || !Number.isInteger(c.failed) || !Number.isInteger(c.second)
      || !Array.isArray(c.buckets) || c.buckets.length !== BUCKETS || !c.buckets.every((b) => Number.isInteger(b)));
    return bad < 0 ? undefined : `[${bad}]: must have namespace, pod, ok, failed, second and ${BUCKETS} buckets`;
  }

  private second(): number { return Math.floor(this.clock.now() / 1000); }

  /** Clears the buckets of the seconds that went by without requests. */
  private age(c: Counter): void {
    const now = this.second();
    for (let s = c.second + 1; s <= now && s <= c.second + BUCKETS; s++) c.buckets[s % BUCKETS] = 0;
    c.second = Math.max(c.second, now);
  }

  private view(c: Counter): PodTrafficCounters {
    this.age(c);
    const inWindow = c.buckets.reduce((a, b) => a + b, 0) - c.buckets[c.second % BUCKETS];
    return { namespace: c.namespace, pod: c.pod, ok: c.ok, failed: c.failed, ratePerSecond: inWindow / WINDOW_S };
  }
}
