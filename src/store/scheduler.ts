// Timers of the dashboard itself (frame coalescing, retry back-off, age refresh). Injected so tests
// can shorten or drive them; the dashboard uses the process's timers.
export interface TimerHandle { cancel(): void }

export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  after(ms: number, fn: () => void): TimerHandle;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  after(ms, fn) {
    const h = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(h) };
  },
};
