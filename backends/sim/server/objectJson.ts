// JSON for stored objects, each encoded once: the store never changes an object in place (a
// write stores a new one), so the text of an object can be kept as long as the object lives.
// A list of 10,000 pods is then a join of cached strings instead of a 26 MB JSON.stringify.
import type { KubeObject } from '../../contract/types.js';

const cache = new WeakMap<object, string>();

/** The object as JSON, with its apiVersion and kind (which list items must carry). */
export function objectJson(obj: KubeObject, apiVersion: string, kind: string): string {
  let text = cache.get(obj);
  if (text === undefined) {
    text = JSON.stringify(obj.apiVersion === apiVersion && obj.kind === kind ? obj : { ...obj, apiVersion, kind });
    cache.set(obj, text);
  }
  return text;
}

/** A `<Kind>List` response body. */
export function listJson(apiVersion: string, kind: string, resourceVersion: string, items: KubeObject[]): string {
  const head = JSON.stringify({ kind: `${kind}List`, apiVersion, metadata: { resourceVersion } }).slice(0, -1);
  return `${head},"items":[${items.map((o) => objectJson(o, apiVersion, kind)).join(',')}]}`;
}
