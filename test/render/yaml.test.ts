// The YAML view: managedFields hidden, keys sorted, Secret values masked unless shown.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backends/contract/types.js';
import { toYaml } from '../../src/render/index.js';

const secret: KubeObject = {
  apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
  metadata: {
    name: 'db', namespace: 'default', creationTimestamp: '2024-05-06T10:00:00Z',
    managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"password":"root"}}' },
  },
  data: { password: 'cm9vdA==' },
};

describe('toYaml', () => {
  it('hides managedFields and sorts keys like kubectl', () => {
    const out = toYaml(secret, { hideManagedFields: true });
    expect(out).not.toContain('managedFields');
    expect(out.split('\n').filter((l) => /^\S/.test(l))).toEqual(['apiVersion: v1', 'data:', 'kind: Secret', 'metadata:', 'type: Opaque']);
    expect(out).toContain('creationTimestamp: "2024-05-06T10:00:00Z"');
    expect(toYaml(secret, { hideManagedFields: false })).toContain('managedFields');
  });
  it('masks Secret values and the last-applied annotation that holds them in clear', () => {
    const out = toYaml(secret, { hideManagedFields: true, maskSecrets: true });
    expect(out).toContain('password: "*****"');
    expect(out).not.toContain('cm9vdA==');
    expect(out).not.toContain('root');
  });
  it('shows base64 values unmasked, or decoded on request', () => {
    expect(toYaml(secret, { hideManagedFields: true })).toContain('password: cm9vdA==');
    expect(toYaml(secret, { hideManagedFields: true, decodeSecrets: true })).toContain('password: root');
  });
  it('leaves other kinds alone and does not modify the input', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { password: 'plain' } };
    expect(toYaml(cm, { hideManagedFields: true, maskSecrets: true })).toContain('password: plain');
    toYaml(secret, { hideManagedFields: true, maskSecrets: true });
    expect(secret.metadata?.managedFields).toHaveLength(1);
    expect((secret.data as Record<string, string>).password).toBe('cm9vdA==');
  });
});
