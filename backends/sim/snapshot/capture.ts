// Taking a snapshot: the stored objects (shared, not copied: stored objects are never changed
// in place), the counters, the clock, the random state and the components' own memory.
import { RESOURCES, type ResourceName } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';
import type { SimContext } from '../context.js';
import { SNAPSHOT_FORMAT } from './format.js';
import { saveMemory } from './memory.js';
import type { CheckedSnapshot } from './validate.js';

function storageKey(o: KubeObject): string {
  const m = o.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : (m.name ?? '');
}

/** Every object, grouped by resource in registry order, then by namespace/name as the store lists them. */
function storedEntries(ctx: SimContext): Array<{ resource: ResourceName; object: KubeObject }> {
  const order = new Map((Object.keys(RESOURCES) as ResourceName[]).map((r, i) => [r, i]));
  return ctx.api.allObjects()
    .map((e) => ({ ...e, rank: order.get(e.resource)!, key: storageKey(e.object) }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ resource, object }) => ({ resource, object }));
}

/** The state now, already in the shape a restore needs. */
export function captureSnapshot(ctx: SimContext): CheckedSnapshot {
  const objects = storedEntries(ctx);
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
