// describe node / endpoints / endpointslice / serviceaccount (describe.go layouts).
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints, Node, Pod, ServiceAccount } from '../../backends/contract/types.js';
import { describeEndpointSlice, describeEndpoints, describeNode, describeObject, describeServiceAccount } from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:10:00Z');

const node: Node = {
  metadata: {
    name: 'kind-control-plane', creationTimestamp: '2024-05-06T09:00:00Z',
    labels: { 'kubernetes.io/hostname': 'kind-control-plane', 'node-role.kubernetes.io/control-plane': '' },
    annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock' },
  },
  spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], providerID: 'kind://docker/kind/kind-control-plane',
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  status: {
    conditions: [{
      type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status',
      lastHeartbeatTime: '2024-05-06T10:09:30Z', lastTransitionTime: '2024-05-06T09:00:30Z',
    }],
    addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'kind-control-plane' }],
    capacity: { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' },
    allocatable: { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' },
    nodeInfo: {
      machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.8.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
      operatingSystem: 'linux', architecture: 'amd64', containerRuntimeVersion: 'containerd://2.1.1', kubeletVersion: 'v1.33.1', kubeProxyVersion: '',
    },
  },
};

const pod = (ns: string, name: string, requests: Record<string, string>, limits: Record<string, string> = {}): Pod => ({
  metadata: { name, namespace: ns, creationTimestamp: '2024-05-06T09:01:00Z' },
  spec: { nodeName: 'kind-control-plane', containers: [{ name: 'c', image: 'i', resources: { requests, limits } }] },
  status: { phase: 'Running' },
});

describe('describe node', () => {
  const out = describeNode({
    object: node, now: NOW, events: [],
    pods: [
      pod('kube-system', 'coredns-674b8bbfcf-abcde', { cpu: '100m', memory: '70Mi' }, { memory: '170Mi' }),
      pod('kube-system', 'etcd-kind-control-plane', { cpu: '100m', memory: '100Mi' }),
      pod('default', 'web', {}),
    ],
  });
  it('header, taints, lease from the heartbeat, conditions', () => {
    expect(out.startsWith(`Name:               kind-control-plane
Roles:              control-plane
Labels:             kubernetes.io/hostname=kind-control-plane
                    node-role.kubernetes.io/control-plane=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
CreationTimestamp:  Mon, 06 May 2024 09:00:00 +0000
Taints:             node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  kind-control-plane
  AcquireTime:     <unset>
  RenewTime:       Mon, 06 May 2024 10:09:30 +0000
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Mon, 06 May 2024 10:09:30 +0000   Mon, 06 May 2024 09:00:30 +0000   KubeletReady   kubelet is posting ready status
Addresses:
`)).toBe(true);
  });
  it('capacity in canonical quantities and the pods/allocated tables', () => {
    expect(out).toContain('Capacity:\n  cpu:                8\n  ephemeral-storage:  100Gi\n  hugepages-2Mi:      0\n  memory:             16Gi\n  pods:               110\n');
    expect(out).toContain(`Non-terminated Pods:          (3 in total)
  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                        ------------  ----------  ---------------  -------------  ---
  kube-system                 coredns-674b8bbfcf-abcde    100m (1%)     0 (0%)      70Mi (0%)        170Mi (1%)     69m
  kube-system                 etcd-kind-control-plane     100m (1%)     0 (0%)      100Mi (0%)       0 (0%)         69m
  default                     web                         0 (0%)        0 (0%)      0 (0%)           0 (0%)         69m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                200m (2%)   0 (0%)
  memory             170Mi (1%)  170Mi (1%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
`);
  });
  it('without the pod list says not authorized, like kubectl when it may not list pods', () => {
    expect(describeObject('Node', { object: node, now: NOW })).toContain('\nPods:                         not authorized\n');
  });
});

describe('describe endpoints and endpointslice', () => {
  it('endpoints: one block per subset', () => {
    const ep: Endpoints = {
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      subsets: [{ addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.0.6' }], notReadyAddresses: [], ports: [{ port: 80, protocol: 'TCP' }] }],
    };
    expect(describeEndpoints({ object: ep, now: NOW, events: [] })).toBe(`Name:         web
Namespace:    default
Labels:       app=web
Annotations:  <none>
Subsets:
  Addresses:          10.244.0.5,10.244.0.6
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  80    TCP

Events:  <none>
`);
  });
  it('endpointslice: ports and each endpoint with its conditions', () => {
    const eps: EndpointSlice = {
      metadata: { name: 'web-7xkq2', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'kind-worker', targetRef: { kind: 'Pod', name: 'web-1' } }],
    };
    expect(describeEndpointSlice({ object: eps, now: NOW })).toBe(`Name:         web-7xkq2
Namespace:    default
Labels:       kubernetes.io/service-name=web
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  80    TCP
Endpoints:
  - Addresses:  10.244.0.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/web-1
    NodeName:   kind-worker
    Zone:       <unset>
`);
  });
});

describe('describe serviceaccount', () => {
  it('lists pull, mountable and token secrets under 19-character headers', () => {
    const sa: ServiceAccount = { metadata: { name: 'default', namespace: 'default' }, imagePullSecrets: [{ name: 'reg' }, { name: 'reg2' }] };
    expect(describeServiceAccount({ object: sa, now: NOW, events: [] })).toBe(`Name:                default
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  reg
                     reg2
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
`);
  });
});
