// How the dashboard names an object across updates: namespace/name, which survives every
// MODIFIED event (the uid tells a re-created object apart where that matters).
import type { KubeObject } from '../../backends/contract/types.js';

// Objects are never changed in place (a change arrives as a new object), so an object's key is
// built once: a table of 100,000 rows asks for every key on every change of its rows.
const keys = new WeakMap<KubeObject, string>();

export function objectKey(obj: KubeObject): string {
  let key = keys.get(obj);
  if (key === undefined) {
    const m = obj.metadata;
    key = m?.namespace ? `${m.namespace}/${m.name ?? ''}` : (m?.name ?? '');
    keys.set(obj, key);
  }
  return key;
}
