// How the dashboard names an object across updates: namespace/name, which survives every
// MODIFIED event (the uid tells a re-created object apart where that matters).
import type { KubeObject } from '../../backends/contract/types.js';

export function objectKey(obj: KubeObject): string {
  const m = obj.metadata;
  return m?.namespace ? `${m.namespace}/${m.name ?? ''}` : (m?.name ?? '');
}
