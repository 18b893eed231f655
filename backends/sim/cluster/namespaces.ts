// The namespaces of a fresh kind cluster (§8), each labelled with its own name.
import type { KubeObject } from '../../contract/types.js';

export const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'];

export function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
