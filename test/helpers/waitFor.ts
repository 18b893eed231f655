// Driving the virtual clock from tests that talk to the simulator through its Backend: backend
// calls settle on the microtask queue, controllers and watches run when the clock advances.
import type { Simulator } from '../../backends/sim/simulator.js';

export interface WaitOptions {
  /** Simulated time to advance between checks (ms). */
  stepMs?: number;
  /** Give up after this much simulated time (ms). */
  timeoutMs?: number;
  /** Described in the timeout error. */
  what?: string;
}

/** Lets every pending promise callback run (a backend call resolves in a few microtask hops). */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Advances simulated time in steps until `cond` holds; returns the simulated ms it took. */
export async function waitFor(sim: Simulator, cond: () => boolean | Promise<boolean>, opts: WaitOptions = {}): Promise<number> {
  const clock = sim.virtualClock;
  const step = opts.stepMs ?? 100;
  const start = clock.now();
  const limit = start + (opts.timeoutMs ?? 600_000);
  for (;;) {
    await drain();
    if (await cond()) return clock.now() - start;
    if (clock.now() >= limit) throw new Error(`timed out after ${clock.now() - start} ms of simulated time waiting for ${opts.what ?? 'a condition'}`);
    clock.advance(step);
  }
}

/** Advances simulated time until the promise settles, and returns (or throws) its outcome. */
export async function settle<T>(sim: Simulator, p: Promise<T>, opts: WaitOptions = {}): Promise<T> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  await waitFor(sim, () => done, { what: 'the operation to finish', ...opts });
  return p;
}

/** Advances simulated time by ms, letting promise callbacks run before and after. */
export async function advance(sim: Simulator, ms: number): Promise<void> {
  await drain();
  sim.virtualClock.advance(ms);
  await drain();
}
