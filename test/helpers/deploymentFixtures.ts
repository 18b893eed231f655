// Hand-built Deployments and ReplicaSets (no controllers) for tests of client-side operations:
// the objects a deployment controller would have written, with chosen revisions.
import type { ApiServer } from '../../backends/sim/apiserver/apiServer.js';
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../backends/contract/types.js';

export function template(image: string, app = 'web'): PodTemplateSpec {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: app, image }] } };
}

export function createDeployment(api: ApiServer, name: string, image: string, extra: { paused?: boolean; annotations?: Record<string, string>; replicas?: number } = {}): Deployment {
  return api.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'default', annotations: extra.annotations ?? {} },
    spec: {
      replicas: extra.replicas ?? 3, selector: { matchLabels: { app: name } }, template: template(image, name),
      ...(extra.paused ? { paused: true } : {}),
    },
  }) as Deployment;
}

/** An owned ReplicaSet holding `image` as revision `revision`. */
export function createOwnedReplicaSet(api: ApiServer, d: Deployment, hash: string, image: string, revision: number | string, opts: { replicas?: number; annotations?: Record<string, string> } = {}): ReplicaSet {
  const name = d.metadata!.name!;
  const t = template(image, name);
  t.metadata!.labels![`pod-template-hash`] = hash;
  return api.create('replicasets', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`, namespace: 'default', labels: { app: name, 'pod-template-hash': hash },
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...opts.annotations },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: d.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: opts.replicas ?? 0, selector: { matchLabels: { app: name, 'pod-template-hash': hash } }, template: t },
  } as KubeObject) as ReplicaSet;
}

/** Sets the Deployment's revision annotation, as the controller does after each sync. */
export function setDeploymentRevision(api: ApiServer, name: string, revision: number): Deployment {
  return api.patch('deployments', 'default', name, 'merge', { metadata: { annotations: { 'deployment.kubernetes.io/revision': String(revision) } } }) as Deployment;
}
