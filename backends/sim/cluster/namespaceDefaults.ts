// What every namespace gets as soon as it exists: the `default` ServiceAccount
// (serviceaccounts-controller) and the `kube-root-ca.crt` ConfigMap (root-ca-cert-publisher),
// put back if deleted, and the ConfigMap's data restored if edited.
import type { ConfigMap, KubeObject, Namespace } from '../../contract/types.js';
import type { SimContext } from '../context.js';
import { WorkQueue } from '../controllers/workQueue.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const ROOT_CA_DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export function startNamespaceDefaults(ctx: SimContext, caCert: string): () => void {
  const { api, clock } = ctx;
  const queue = new WorkQueue(clock, ensure);
  const data = { 'ca.crt': caCert };

  function ensure(ns: string): void {
    const n = api.tryGet('namespaces', undefined, ns) as Namespace | undefined;
    if (!n || n.metadata?.deletionTimestamp) return;
    if (!api.tryGet('serviceaccounts', ns, 'default')) {
      api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    }
    const cm = api.tryGet('configmaps', ns, ROOT_CA_CONFIGMAP) as ConfigMap | undefined;
    if (!cm) {
      api.create('configmaps', {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
        data,
      } as KubeObject);
    } else if (JSON.stringify(cm.data) !== JSON.stringify(data)) {
      api.update('configmaps', { ...structuredClone(cm), data } as KubeObject);
    }
  }

  const nsOf = (o: KubeObject) => o.metadata?.namespace ?? '';
  const watches = [
    api.watch('namespaces', { resourceVersion: api.resourceVersion }, {
      onEvent: (e) => { if (e.type === 'ADDED' || e.type === 'MODIFIED') queue.add(e.object.metadata!.name!); },
      onExpired: () => {}, onError: () => {},
    }),
    api.watch('serviceaccounts', { fieldSelector: 'metadata.name=default', resourceVersion: api.resourceVersion }, {
      onEvent: (e) => { if (e.type === 'DELETED') queue.add(nsOf(e.object)); },
      onExpired: () => {}, onError: () => {},
    }),
    api.watch('configmaps', { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}`, resourceVersion: api.resourceVersion }, {
      onEvent: (e) => { if (e.type === 'DELETED' || e.type === 'MODIFIED') queue.add(nsOf(e.object)); },
      onExpired: () => {}, onError: () => {},
    }),
  ];
  // The namespaces there already get theirs now, before any pod needs them.
  for (const n of api.list('namespaces').items) ensure(n.metadata!.name!);
  return () => { for (const w of watches) w.stop(); };
}
