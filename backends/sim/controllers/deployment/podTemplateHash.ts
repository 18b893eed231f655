// The pod-template-hash (controller.ComputeHash): FNV-1a 32-bit over the template, then the
// collision count, printed in decimal and encoded with rand.SafeEncodeString.
import { canonicalJson } from '../../../contract/deploymentUtil.js';
import type { PodTemplateSpec } from '../../../contract/types.js';
import { NAME_ALPHABET } from '../../random.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

function fnv1a(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME) >>> 0;
  return h;
}

/** rand.SafeEncodeString: every character maps to the no-vowel alphabet, so digits become [4-9bcdf]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

// Deviation: Go hashes a spew dump of the defaulted template struct; kdash hashes its canonical
// JSON. Same shape and properties (deterministic, only [4-9bcdf]), different values.
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv1a(utf8.encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: the upper four bytes stay zero.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a(bytes, h);
  }
  return safeEncodeString(String(h));
}
