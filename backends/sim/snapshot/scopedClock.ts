// The clock as one generation of simulated components sees it: every timer they set is
// remembered, so stopping the generation cancels them all, whatever a component forgot.
import type { Clock, Timer } from '../clock.js';

export class ScopedClock implements Clock {
  private readonly live = new Map<number, Timer>();
  private ended = false;

  constructor(private readonly base: Clock) {}

  now(): number { return this.base.now(); }

  setTimer(ms: number, fn: () => void): Timer {
    if (this.ended) return { id: 0 };
    const t = this.base.setTimer(ms, () => { this.live.delete(t.id); fn(); });
    this.live.set(t.id, t);
    return t;
  }

  clearTimer(t: Timer | undefined): void {
    if (t && this.live.delete(t.id)) this.base.clearTimer(t);
  }

  /** Cancels every pending timer; later ones are never run. */
  end(): void {
    this.ended = true;
    for (const t of this.live.values()) this.base.clearTimer(t);
    this.live.clear();
  }
}
