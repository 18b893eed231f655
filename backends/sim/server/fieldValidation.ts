// The `fieldValidation` query parameter of writes: Strict rejects unknown fields (the admission
// chain does that), Ignore drops them, Warn (the default for clients that do not ask) drops
// them and tells the client in a `Warning` header, which kubectl prints on stderr.
import { unknownFields } from '../admission/index.js';
import type { KubeObject } from '../../contract/types.js';

/** Segments of a strict-decoding path: `spec.containers[0].imagee` → spec, containers, 0, imagee. */
function segments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

function remove(obj: unknown, path: Array<string | number>): void {
  let at: unknown = obj;
  for (const seg of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return;
    at = (at as Record<string | number, unknown>)[seg];
  }
  if (at !== null && typeof at === 'object') delete (at as Record<string | number, unknown>)[path[path.length - 1]];
}

/**
 * Applies a non-strict fieldValidation to a request body before it is admitted; returns the
 * warnings to send. Strict leaves the body alone for the admission chain to reject.
 */
export function relaxFieldValidation(body: KubeObject, mode: string | null): string[] {
  if (mode === 'Strict') return [];
  const unknown = unknownFields(body);
  for (const p of unknown) remove(body, segments(p));
  return mode === 'Ignore' ? [] : unknown.map((p) => `unknown field "${p}"`);
}

/** A `Warning` header value (RFC 7234 warn-code 299), as the apiserver writes it. */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
