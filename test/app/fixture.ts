// A small cluster for dashboard tests, built object by object on a simulator with a stand-in
// kubelet, so the screens have something of every kind to show.
import type { Deployment, KubeObject, ReplicaSet } from '../../backends/contract/types.js';
import { instantKubelet, newSim } from '../helpers/sim.js';
import { podObject } from './harness.js';

export function petclinicCluster() {
  const sim = newSim([instantKubelet(500, 1000)]);
  const api = sim.api;
  const labels = { app: 'petclinic' };
  const template = { metadata: { labels }, spec: { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.1.RELEASE' }] } };
  const dep = api.create('deployments', {
    metadata: { name: 'petclinic', namespace: 'default', labels, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 3, selector: { matchLabels: labels }, template },
    status: { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
  }) as Deployment;
  const owner = (o: KubeObject) => [{ apiVersion: o.apiVersion!, kind: o.kind!, name: o.metadata!.name!, uid: o.metadata!.uid!, controller: true, blockOwnerDeletion: true }];
  const rs = (hash: string, replicas: number, revision: string, image: string) => api.create('replicasets', {
    metadata: {
      name: `petclinic-${hash}`, namespace: 'default', labels: { ...labels, 'pod-template-hash': hash }, ownerReferences: owner(dep),
      annotations: { 'deployment.kubernetes.io/revision': revision },
    },
    spec: {
      replicas, selector: { matchLabels: { ...labels, 'pod-template-hash': hash } },
      template: { metadata: { labels: { ...labels, 'pod-template-hash': hash } }, spec: { containers: [{ name: 'petclinic', image }] } },
    },
    status: { replicas, readyReplicas: replicas },
  }) as ReplicaSet;
  const current = rs('7c5ddbdf54', 3, '2', 'spring2go/spring-petclinic:1.0.1.RELEASE');
  rs('5d59d67564', 0, '1', 'spring2go/spring-petclinic:1.0.0.RELEASE');
  for (const s of ['2xq9z', 'bk4wd', 'x8j7p']) {
    api.create('pods', podObject(`petclinic-7c5ddbdf54-${s}`, { labels: { ...labels, 'pod-template-hash': '7c5ddbdf54' }, owner: current }));
  }
  // A lookalike that matches the ReplicaSet's labels but is not owned by it.
  api.create('pods', podObject('petclinic-stray', { labels: { ...labels, 'pod-template-hash': '7c5ddbdf54' } }));
  api.create('pods', podObject('mysql', { labels: { app: 'mysql' } }));
  api.create('pods', podObject('coredns-674b8bbfcf-abcde', { ns: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }));
  api.create('services', { metadata: { name: 'petclinic', namespace: 'default' }, spec: { type: 'NodePort', selector: labels, ports: [{ port: 8080, targetPort: 8080, nodePort: 31080, protocol: 'TCP' }], clusterIP: '10.96.183.214', clusterIPs: ['10.96.183.214'] } });
  api.create('services', { metadata: { name: 'headless-manual', namespace: 'default' }, spec: { ports: [{ port: 80, protocol: 'TCP' }], clusterIP: '10.96.5.5', clusterIPs: ['10.96.5.5'] } });
  api.create('configmaps', { metadata: { name: 'petclinic-config', namespace: 'default' }, data: { TEST_CONFIG: 'test_config_v1' } });
  api.create('secrets', {
    metadata: { name: 'db-creds', namespace: 'default' }, type: 'Opaque',
    data: { username: Buffer.from('root').toString('base64'), password: Buffer.from('s3cr3t-pass').toString('base64') },
  });
  api.create('nodes', {
    metadata: { name: 'kind-worker', labels: { 'kubernetes.io/hostname': 'kind-worker' } },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }], nodeInfo: { kubeletVersion: 'v1.33.1' } as never, addresses: [{ type: 'InternalIP', address: '172.18.0.3' }] },
  });
  sim.ctx.events.record(dep, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set petclinic-7c5ddbdf54 from 0 to 3', { component: 'deployment-controller' });
  sim.virtualClock.advance(1000);
  return { sim, dep, rs: current };
}
