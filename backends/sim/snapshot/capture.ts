// Taking a snapshot: the stored objects (shared, not copied: stored objects are never changed
// in place), the counters, the clock, the random state and the components' own memory.
import type { SimContext } from '../context.js';
import { SNAPSHOT_FORMAT } from './format.js';
import { saveMemory } from './memory.js';
import type { CheckedSnapshot } from './validate.js';

/** The state now, already in the shape a restore needs. */
export function captureSnapshot(ctx: SimContext): CheckedSnapshot {
  // The store's own order (by resource, then as stored): a restore inserts them again in this
  // order, so everything that walks the store walks it as before.
  const objects = ctx.api.allObjects();
  const time = ctx.clock.now();
  return {
    time,
    objects,
    snapshot: {
      format: SNAPSHOT_FORMAT,
      time: new Date(time).toISOString(),
      resourceVersion: ctx.api.resourceVersion,
      random: ctx.random.getState(),
      layout: structuredClone(ctx.layout),
      eventRecorder: ctx.events.exportState(),
      components: saveMemory(ctx),
      objects: objects.map((e) => e.object),
    },
  };
}
