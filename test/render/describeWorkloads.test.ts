// describe deployment (§10.4 with §16 item 2) and describe rs (§10.5), byte for byte.
import { describe, expect, it } from 'vitest';
import type { Deployment, Event, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { describeDeployment, describeObject, describeReplicaSet } from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:03:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

const template = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
});

function event(reason: string, component: string, secondsAgo: number, message: string, count = 1): Event {
  return {
    metadata: { name: `e.${secondsAgo}` }, involvedObject: { kind: 'X', name: 'x' }, type: 'Normal', reason, message, count,
    firstTimestamp: ago(secondsAgo), lastTimestamp: ago(secondsAgo), source: { component },
  };
}

function rs(hash: string, replicas: number, current: number, revision: string): ReplicaSet {
  return {
    metadata: {
      name: `nginx-${hash}`, namespace: 'default', uid: `rs-${hash}`, creationTimestamp: ago(120),
      labels: { app: 'nginx', 'pod-template-hash': hash },
      annotations: {
        'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4',
        'deployment.kubernetes.io/revision': revision,
      },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: 'd-uid', controller: true }],
    },
    spec: {
      replicas, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': hash } },
      template: template({ app: 'nginx', 'pod-template-hash': hash }),
    },
    status: { replicas: current, readyReplicas: current },
  };
}

const deployment: Deployment = {
  metadata: {
    name: 'nginx', namespace: 'default', uid: 'd-uid', creationTimestamp: '2024-05-06T10:00:00Z', generation: 2,
    labels: { app: 'nginx' }, annotations: { 'deployment.kubernetes.io/revision': '2' },
  },
  spec: {
    replicas: 3, selector: { matchLabels: { app: 'nginx' } }, minReadySeconds: 0,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    template: template({ app: 'nginx' }),
  },
  status: {
    observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

const DEPLOYMENT_SAMPLE = `Name:                   nginx
Namespace:              default
CreationTimestamp:      Mon, 06 May 2024 10:00:00 +0000
Labels:                 app=nginx
Annotations:            deployment.kubernetes.io/revision: 2
Selector:               app=nginx
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:         nginx:1.16.1
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  nginx-5d59d67564 (0/0 replicas created)
NewReplicaSet:   nginx-7c5ddbdf54 (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  3m    deployment-controller  Scaled up replica set nginx-5d59d67564 from 0 to 3
  Normal  ScalingReplicaSet  40s   deployment-controller  Scaled up replica set nginx-7c5ddbdf54 from 0 to 1
`;

describe('describe deployment', () => {
  const events = [
    event('ScalingReplicaSet', 'deployment-controller', 40, 'Scaled up replica set nginx-7c5ddbdf54 from 0 to 1'),
    event('ScalingReplicaSet', 'deployment-controller', 180, 'Scaled up replica set nginx-5d59d67564 from 0 to 3'),
  ];
  it('reproduces the §10.4 sample, old ReplicaSets listed even at 0 replicas (§16 item 2)', () => {
    const out = describeDeployment({
      object: deployment, now: NOW, events,
      oldReplicaSets: [rs('5d59d67564', 0, 0, '1')], newReplicaSet: rs('7c5ddbdf54', 3, 3, '2'),
    });
    expect(out).toBe(DEPLOYMENT_SAMPLE);
    expect(describeObject('Deployment', {
      object: deployment, now: NOW, events, oldReplicaSets: [rs('5d59d67564', 0, 0, '1')], newReplicaSet: rs('7c5ddbdf54', 3, 3, '2'),
    })).toBe(DEPLOYMENT_SAMPLE);
  });
  it('during a rollout lists the shrinking old ReplicaSets; <none> when there is no new one', () => {
    const out = describeDeployment({
      object: deployment, now: NOW, events: [],
      oldReplicaSets: [rs('5d59d67564', 2, 2, '1'), rs('6b8f7c9d5e', 0, 0, '0')],
    });
    expect(out).toContain('OldReplicaSets:  nginx-5d59d67564 (2/2 replicas created), nginx-6b8f7c9d5e (0/0 replicas created)\nNewReplicaSet:   <none>\n');
    // No events fetched yet: the line joins the block above it.
    expect(out.endsWith('NewReplicaSet:   <none>\nEvents:          <none>\n')).toBe(true);
  });
  it('prints IntOrString surge values as given and omits RollingUpdateStrategy for Recreate', () => {
    const d = structuredClone(deployment);
    d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
    expect(describeDeployment({ object: d, now: NOW })).toContain('RollingUpdateStrategy:  0 max unavailable, 1 max surge\n');
    d.spec!.strategy = { type: 'Recreate' };
    const out = describeDeployment({ object: d, now: NOW });
    expect(out).toContain('StrategyType:       Recreate\n');
    expect(out).not.toContain('RollingUpdateStrategy');
  });
});

const RS_SAMPLE = `Name:           nginx-7c5ddbdf54
Namespace:      default
Selector:       app=nginx,pod-template-hash=7c5ddbdf54
Labels:         app=nginx
                pod-template-hash=7c5ddbdf54
Annotations:    deployment.kubernetes.io/desired-replicas: 3
                deployment.kubernetes.io/max-replicas: 4
                deployment.kubernetes.io/revision: 2
Controlled By:  Deployment/nginx
Replicas:       3 current / 3 desired
Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
           pod-template-hash=7c5ddbdf54
  Containers:
   nginx:
    Image:         nginx:1.16.1
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                   Message
  ----    ------            ----  ----                   -------
  Normal  SuccessfulCreate  2m    replicaset-controller  Created pod: nginx-7c5ddbdf54-2xq9z
`;

describe('describe rs', () => {
  const owned = (name: string, phase: string, uid = 'rs-7c5ddbdf54'): Pod => ({
    metadata: { name, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid, controller: true }] },
    status: { phase },
  });
  it('reproduces the §10.5 layout, counting only the pods it controls by phase', () => {
    const pods = [owned('a', 'Running'), owned('b', 'Running'), owned('c', 'Pending'), owned('d', 'Running', 'someone-else')];
    const events = [event('SuccessfulCreate', 'replicaset-controller', 120, 'Created pod: nginx-7c5ddbdf54-2xq9z')];
    expect(describeReplicaSet({ object: rs('7c5ddbdf54', 3, 3, '2'), now: NOW, pods, events })).toBe(RS_SAMPLE);
  });
});
