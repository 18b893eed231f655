// describe pod against the reference sample of kubernetes-behaviour.md §14 (kind, v1.33 server,
// kubectl 1.33), byte for byte, plus the pod lines that sample does not cover.
import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../backends/contract/types.js';
import { describeObject, describePod } from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:00:30Z');

/** The sample's lines, as the doc prints them (note the trailing spaces of the Conditions rows). */
const SAMPLE = [
  "Name:             web-7c5ddbdf54-2xq9z",
  "Namespace:        default",
  "Priority:         0",
  "Service Account:  default",
  "Node:             kind-control-plane/172.18.0.2",
  "Start Time:       Mon, 06 May 2024 10:00:00 +0000",
  "Labels:           app=web",
  "                  pod-template-hash=7c5ddbdf54",
  "Annotations:      <none>",
  "Status:           Running",
  "IP:               10.244.0.5",
  "IPs:",
  "  IP:           10.244.0.5",
  "Controlled By:  ReplicaSet/web-7c5ddbdf54",
  "Containers:",
  "  nginx:",
  "    Container ID:   containerd://3f2c...e1",
  "    Image:          nginx:1.25",
  "    Image ID:       docker.io/library/nginx@sha256:9c58...",
  "    Port:           80/TCP",
  "    Host Port:      0/TCP",
  "    State:          Running",
  "      Started:      Mon, 06 May 2024 10:00:04 +0000",
  "    Ready:          True",
  "    Restart Count:  0",
  "    Environment:    <none>",
  "    Mounts:",
  "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)",
  "Conditions:",
  "  Type                        Status",
  "  PodReadyToStartContainers   True ",
  "  Initialized                 True ",
  "  Ready                       True ",
  "  ContainersReady             True ",
  "  PodScheduled                True ",
  "Volumes:",
  "  kube-api-access-8xk2p:",
  "    Type:                    Projected (a volume that contains injected data from multiple sources)",
  "    TokenExpirationSeconds:  3607",
  "    ConfigMapName:           kube-root-ca.crt",
  "    Optional:                false",
  "    DownwardAPI:             true",
  "QoS Class:                   BestEffort",
  "Node-Selectors:              <none>",
  "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
  "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
  "Events:",
  "  Type    Reason     Age   From               Message",
  "  ----    ------     ----  ----               -------",
  "  Normal  Scheduled  30s   default-scheduler  Successfully assigned default/web-7c5ddbdf54-2xq9z to kind-control-plane",
  "  Normal  Pulling    29s   kubelet            Pulling image \"nginx:1.25\"",
  "  Normal  Pulled     26s   kubelet            Successfully pulled image \"nginx:1.25\" in 3.01s (3.01s including waiting). Image size: 72188133 bytes.",
  "  Normal  Created    26s   kubelet            Created container: nginx",
  "  Normal  Started    26s   kubelet            Started container nginx",
].join('\n') + '\n';

function samplePod(): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'web-7c5ddbdf54-2xq9z', namespace: 'default', uid: 'a1b2', creationTimestamp: '2024-05-06T10:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      priority: 0, serviceAccountName: 'default', nodeName: 'kind-control-plane',
      containers: [{
        name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }],
        volumeMounts: [{ name: 'kube-api-access-8xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      }],
      volumes: [{
        name: 'kube-api-access-8xk2p',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }],
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running', hostIP: '172.18.0.2', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }],
      startTime: '2024-05-06T10:00:00Z', qosClass: 'BestEffort',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']
        .map((type) => ({ type, status: 'True', lastTransitionTime: '2024-05-06T10:00:04Z' })),
      containerStatuses: [{
        name: 'nginx', image: 'docker.io/library/nginx:1.25', imageID: 'docker.io/library/nginx@sha256:9c58...',
        containerID: 'containerd://3f2c...e1', ready: true, started: true, restartCount: 0,
        state: { running: { startedAt: '2024-05-06T10:00:04Z' } },
      }],
    },
  };
}

function kubeletEvent(reason: string, at: string, message: string): Event {
  return {
    metadata: { name: `web-7c5ddbdf54-2xq9z.${reason}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-7c5ddbdf54-2xq9z', namespace: 'default', fieldPath: 'spec.containers{nginx}' },
    type: 'Normal', reason, message, count: 1, firstTimestamp: at, lastTimestamp: at,
    source: { component: 'kubelet', host: 'kind-control-plane' },
  };
}

function sampleEvents(): Event[] {
  // Out of order on purpose: describe sorts by lastTimestamp, the scheduler's (none) first.
  return [
    kubeletEvent('Pulled', '2024-05-06T10:00:04Z', 'Successfully pulled image "nginx:1.25" in 3.01s (3.01s including waiting). Image size: 72188133 bytes.'),
    kubeletEvent('Pulling', '2024-05-06T10:00:01Z', 'Pulling image "nginx:1.25"'),
    kubeletEvent('Created', '2024-05-06T10:00:04Z', 'Created container: nginx'),
    kubeletEvent('Started', '2024-05-06T10:00:04Z', 'Started container nginx'),
    {
      metadata: { name: 'web-7c5ddbdf54-2xq9z.sched', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-7c5ddbdf54-2xq9z', namespace: 'default' },
      type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-7c5ddbdf54-2xq9z to kind-control-plane',
      eventTime: '2024-05-06T10:00:00.000000Z', reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kind-control-plane',
      source: {},
    },
  ];
}

describe('describe pod', () => {
  it('reproduces the §14 sample byte for byte', () => {
    const out = describePod({ object: samplePod(), events: sampleEvents(), now: NOW });
    expect(out).toBe(SAMPLE);
  });

  it('is what describeObject gives for kind Pod', () => {
    expect(describeObject('Pod', { object: samplePod(), events: sampleEvents(), now: NOW })).toBe(SAMPLE);
  });
});
