// client-go's flowcontrol.Backoff as the kubelet uses it for container restarts and image pulls:
// 10 s, doubled on every failure, capped at 300 s, forgotten when the last failure is more than
// twice the cap (10 min) old. No jitter (the kubelet creates it without).
import type { Clock } from '../clock.js';

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry { backoff: number; lastUpdate: number }

export class Backoff {
  // Most pods never fail: the map is made on the first failure (a kubelet keeps two per pod).
  private map?: Map<string, Entry>;
  private get entries(): Map<string, Entry> { return (this.map ??= new Map()); }

  constructor(private readonly clock: Clock, private readonly initial = INITIAL_BACKOFF_MS, private readonly max = MAX_BACKOFF_MS) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.max;
  }

  /** The current back-off for the key (0 when there is none). */
  get(id: string): number { return this.map?.get(id)?.backoff ?? 0; }

  /** Records one more failure at eventTime: start at the initial delay or double it. */
  next(id: string, eventTime: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) {
      this.entries.set(id, { backoff: this.initial, lastUpdate: this.clock.now() });
    } else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = this.clock.now();
    }
  }

  /** Whether less than the back-off has passed since eventTime (container restarts: eventTime = finishedAt). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.map?.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return this.clock.now() - eventTime < e.backoff;
  }

  /** Whether less than the back-off has passed since the last failure (image pulls). */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.map?.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoff;
  }

  /** When the back-off counted from the last failure ends (image pulls). */
  releaseAt(id: string): number {
    const e = this.map?.get(id);
    return e ? e.lastUpdate + e.backoff : 0;
  }

  reset(id: string): void { this.map?.delete(id); }

  /** [id, back-off ms, last update ms] for each entry (snapshots carry them). */
  exportState(): Array<[string, number, number]> {
    return [...(this.map ?? [])].map(([id, e]) => [id, e.backoff, e.lastUpdate]);
  }

  importState(entries: ReadonlyArray<readonly [string, number, number]>): void {
    this.map = undefined;
    for (const [id, backoff, lastUpdate] of entries) this.entries.set(id, { backoff, lastUpdate });
  }
}
