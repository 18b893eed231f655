// Component memory that the stored objects cannot give back (a crash-loop fault, traffic
// counters, running traffic generators): components register a part on ctx.memory; a snapshot
// saves every part and a restore hands each part's data to the restarted component.
import type { SimContext } from '../context.js';

export function saveMemory(ctx: SimContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(ctx.memory ?? {})) out[name] = structuredClone(part.save());
  return out;
}

export function loadMemory(ctx: SimContext, saved: Record<string, unknown>): void {
  for (const [name, data] of Object.entries(saved)) ctx.memory?.[name]?.load(structuredClone(data));
}
