// Component memory that the stored objects cannot give back (a crash-loop fault, back-offs,
// traffic counters): components register a part on ctx.memory; a snapshot saves every part, and
// a restart hands each part its data back as the component registers it (world.ts).
import type { SimContext } from '../context.js';

export function saveMemory(ctx: SimContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(ctx.memory ?? {})) out[name] = structuredClone(part.save());
  return out;
}
