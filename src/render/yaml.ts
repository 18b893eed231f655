// The YAML view (`kubectl get -o yaml`): keys sorted like kubectl's JSON-to-YAML, managedFields
// hidden, Secret values masked until the user asks to see them.
import yaml from 'js-yaml';
import type { KubeObject } from '../../backends/contract/types.js';

export interface YamlOptions {
  /** Drop metadata.managedFields, as `kubectl get -o yaml` does by default. */
  hideManagedFields: boolean;
  /** Secrets: show every data value as `*****` (and mask the last-applied annotation, which holds stringData in clear). */
  maskSecrets?: boolean;
  /** Secrets: show data values base64-decoded (ignored when masking). */
  decodeSecrets?: boolean;
}

export const MASK = '*****';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function isSecret(obj: KubeObject): boolean {
  return obj.kind === 'Secret' || (obj.kind === undefined && typeof obj.type === 'string' && 'data' in obj && !('spec' in obj));
}

function mapValues(m: unknown, f: (v: string) => string): Record<string, string> | undefined {
  if (!m || typeof m !== 'object') return undefined;
  return Object.fromEntries(Object.entries(m as Record<string, string>).map(([k, v]) => [k, f(String(v))]));
}

export function toYaml(obj: KubeObject, opts: YamlOptions): string {
  const shown = structuredClone(obj) as KubeObject;
  if (opts.hideManagedFields && shown.metadata) delete shown.metadata.managedFields;
  if (isSecret(shown)) {
    if (opts.maskSecrets) {
      if (shown.data) shown.data = mapValues(shown.data, () => MASK);
      if (shown.stringData) shown.stringData = mapValues(shown.stringData, () => MASK);
      const annotations = shown.metadata?.annotations;
      if (annotations?.[LAST_APPLIED] !== undefined) annotations[LAST_APPLIED] = MASK;
    } else if (opts.decodeSecrets && shown.data) {
      shown.data = mapValues(shown.data, (v) => Buffer.from(v, 'base64').toString('utf8'));
    }
  }
  return yaml.dump(shown, { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: '"' });
}
