// Secret values stay masked until the user asks (`x`): in YAML the data values are stars, in
// describe only byte counts show (as kubectl prints them); decoded, both show the plain text.
import { LAST_APPLIED_ANNOTATION } from '../../backends/contract/deploymentUtil.js';
import type { KubeObject, Secret } from '../../backends/contract/types.js';

export function decodeBase64(v: string): string {
  return Buffer.from(v, 'base64').toString('utf8');
}

/** A copy whose `data` values are decoded text. */
export function decodedSecret(s: Secret): Secret {
  const copy = structuredClone(s);
  if (copy.data) for (const [k, v] of Object.entries(copy.data)) copy.data[k] = decodeBase64(v);
  return copy;
}

/** kubectl's last-applied annotation holds a Secret's stringData in clear: mask it too. */
export function withoutPlaintextAnnotation(obj: KubeObject): KubeObject {
  if (!obj.metadata?.annotations?.[LAST_APPLIED_ANNOTATION]) return obj;
  const copy = structuredClone(obj);
  copy.metadata!.annotations![LAST_APPLIED_ANNOTATION] = '*****';
  return copy;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces describe's `key:  N bytes` lines with the decoded values. */
export function revealSecretValues(describeText: string, s: Secret): string {
  let text = describeText;
  for (const [k, v] of Object.entries(s.data ?? {})) {
    const value = decodeBase64(v);
    const re = new RegExp(`^(${escapeRegExp(k)}:\\s+)\\d+ bytes$`, 'm');
    text = text.replace(re, (_m, head: string) => head + value.split('\n').join('\n' + ' '.repeat(head.length)));
  }
  return text;
}
