// Putting a snapshot back: the store's objects and counter, the clock, the random state and the
// event recorder's memory. The simulator stops its components before and starts them after.
import type { Clock } from '../clock.js';
import { VirtualClock } from '../clock.js';
import type { SimContext } from '../context.js';
import { captureSnapshot } from './capture.js';
import type { SimSnapshot } from './format.js';
import { checkSnapshot, SnapshotError, sourceOf, type CheckedSnapshot } from './validate.js';

/** Snapshots this process took: already in the store's shape, restored without checking each object again. */
const taken = new WeakMap<SimSnapshot, CheckedSnapshot>();

interface SettableClock extends Clock { setTime(ms: number): void }

function settable(clock: Clock): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).setTime === 'function';
}

/** Runs the work due now (deliveries of watch events, queued syncs), so nothing is half done. */
export function settle(clock: Clock): void {
  if (clock instanceof VirtualClock) clock.flush();
}

/** A snapshot of the state now, trusted by restoreState. */
export function takeSnapshot(ctx: SimContext): SimSnapshot {
  const checked = captureSnapshot(ctx);
  const s = checked.snapshot;
  Object.freeze(s.objects);
  Object.freeze(s);
  taken.set(s, checked);
  return s;
}

/** Checks a snapshot before anything changes; throws a SnapshotError. */
export function checkForRestore(ctx: SimContext, s: SimSnapshot, source = sourceOf(s)): CheckedSnapshot {
  if (!settable(ctx.clock)) throw new SnapshotError(`${source}: this simulator's clock cannot be set`);
  const trusted = taken.get(s);
  if (trusted) return trusted;
  const checked = checkSnapshot(s, source);
  for (const [name, data] of Object.entries(checked.snapshot.components)) {
    const problem = ctx.memory?.[name]?.check?.(data);
    if (problem) throw new SnapshotError(`${source}: components.${name}: ${problem}`);
  }
  return checked;
}

/** Replaces the state; the components must be stopped. Open watches expire. */
export function applySnapshot(ctx: SimContext, checked: CheckedSnapshot): void {
  const s = checked.snapshot;
  ctx.api.importState(checked.objects, s.resourceVersion);
  (ctx.clock as SettableClock).setTime(checked.time);
  ctx.random.setState(s.random);
  ctx.events.importState(s.eventRecorder);
  Object.assign(ctx.layout, structuredClone(s.layout));
}
