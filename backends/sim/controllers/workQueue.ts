// A deduplicating work queue on the simulator's clock: a key queued several times before it
// is processed is processed once, like client-go's workqueue.
import type { Clock, Timer } from '../clock.js';

export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly delayed = new Map<string, { at: number; timer: Timer }>();
  private scheduled = false;

  constructor(private readonly clock: Clock, private readonly process: (key: string) => void) {}

  add(key: string): void {
    this.queued.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.clock.setTimer(0, () => this.drain());
    }
  }

  /** Queues the key after ms; an earlier pending request for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.clock.clearTimer(existing.timer);
    const timer = this.clock.setTimer(ms, () => { this.delayed.delete(key); this.add(key); });
    this.delayed.set(key, { at, timer });
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.queued];
    this.queued.clear();
    for (const k of keys) {
      try {
        this.process(k);
      } catch (e) {
        // A failed sync (e.g. a Conflict with a concurrent write) is retried, as controllers do.
        this.addAfter(k, 1000);
        if (process.env.KDASH_DEBUG) console.error(`sync ${k} failed:`, e);
      }
    }
  }
}
