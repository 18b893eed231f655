// The fresh cluster's controllers, started again on a restored store: the namespace defaults
// (with the cluster's own CA, read back from kube-root-ca.crt) and the nodes' own pods. Unlike
// a fresh cluster it creates nothing: what the snapshot holds is the cluster.
import type { ConfigMap } from '../../contract/types.js';
import { fakeCertificate } from '../cluster/certificates.js';
import { freshCluster } from '../cluster/freshCluster.js';
import { ROOT_CA_CONFIGMAP, startNamespaceDefaults } from '../cluster/namespaceDefaults.js';
import { startNodeAgentPods } from '../cluster/nodeAgentPods.js';
import type { Component } from '../context.js';

export const restartedCluster: Component = (ctx) => {
  const published = ctx.api.tryGet('configmaps', 'kube-system', ROOT_CA_CONFIGMAP) as ConfigMap | undefined;
  const caCert = published?.data?.['ca.crt'] ?? fakeCertificate(ctx.random);
  const stops = [startNamespaceDefaults(ctx, caCert), startNodeAgentPods(ctx)];
  return () => { for (const s of stops) s(); };
};

/** The components to start again after a restore: the same, with the fresh cluster's controllers only. */
export function restartComponents(components: readonly Component[]): Component[] {
  return components.map((c) => (c === freshCluster ? restartedCluster : c));
}
