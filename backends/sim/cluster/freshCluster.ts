// A fresh kind cluster (§8): its namespaces, the `default` ServiceAccount and `kube-root-ca.crt`
// in every namespace, CoreDNS with the kube-dns Service, kube-system's configuration, the
// local-path provisioner, and each node's control-plane, kube-proxy and kindnet pods.
//
// Deviation: kube-node-lease holds no Lease objects and there is no StorageClass `standard`:
// kdash has neither resource.
import type { Component } from '../context.js';
import { rfc3339 } from '../clock.js';
import { nodeIP } from '../network/nodeAddresses.js';
import { addonObjects } from './addons.js';
import { fakeCertificate } from './certificates.js';
import { startNamespaceDefaults } from './namespaceDefaults.js';
import { startNodeAgentPods } from './nodeAgentPods.js';
import { BASE_NAMESPACES, namespaceObject } from './namespaces.js';

export const freshCluster: Component = (ctx) => {
  const { api, random, clock, layout } = ctx;
  const caCert = fakeCertificate(random);
  for (const name of BASE_NAMESPACES) {
    if (!api.tryGet('namespaces', undefined, name)) api.create('namespaces', namespaceObject(name));
  }
  const stops = [startNamespaceDefaults(ctx, caCert)];
  const controlPlane = layout.nodes[0];
  const facts = {
    // kind names nodes `<cluster>-control-plane`, `<cluster>-worker`...
    clusterName: controlPlane.replace(/-control-plane$/, ''), controlPlane, controlPlaneIP: nodeIP(api, layout, controlPlane),
    caCert, caData: Buffer.from(caCert).toString('base64'), startedAt: rfc3339(clock.now()),
  };
  for (const { resource, object } of addonObjects(facts)) {
    if (api.tryGet(resource, object.metadata?.namespace, object.metadata!.name!)) continue;
    try {
      api.create(resource, object);
    } catch (e) {
      if (process.env.KDASH_DEBUG) console.error(`fresh cluster: ${resource} ${object.metadata?.namespace}/${object.metadata?.name}:`, e);
    }
  }
  stops.push(startNodeAgentPods(ctx));
  return () => { for (const s of stops) s(); };
};
