// Applies one manifest file through src/ops/apply.ts, as `kubectl apply -f <path>` would, and
// returns kubectl's output lines.
import type { Backend } from '../../backends/contract/backend.js';
import { applyManifests } from '../../src/ops/apply.js';

export async function applyFile(b: Backend, path: string, text: string): Promise<string[]> {
  const result = await applyManifests(b, [{ path, text }], { namespace: 'default' });
  return result.lines;
}
