// Node objects as a kind cluster registers them: labels, the control-plane taint, addresses on
// the `kind` docker network, a /24 pod CIDR per node, capacity and system info.
import type { Node } from '../../contract/types.js';
import type { ClusterLayout } from '../context.js';
import { rfc3339 } from '../clock.js';
import type { Random } from '../random.js';
import type { NodeCondition, Taint } from './types.js';

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
export const UNREACHABLE_TAINT_KEY = 'node.kubernetes.io/unreachable';
export const NOT_READY_TAINT_KEY = 'node.kubernetes.io/not-ready';

/** Facts about one node that do not change while the simulator runs. */
export interface NodeFacts {
  name: string;
  index: number;
  controlPlane: boolean;
  /** InternalIP on the `kind` docker network. */
  ip: string;
  /** `10.244.<index>.0/24`. */
  podCIDR: string;
}

export function nodeFacts(layout: ClusterLayout): NodeFacts[] {
  return layout.nodes.map((name, index) => ({
    name, index,
    controlPlane: index === 0,
    ip: `172.18.0.${index + 2}`,
    podCIDR: `10.244.${index}.0/24`,
  }));
}

/** Capacity of a kind node: the host's CPUs and memory (an 8-CPU, 16 GiB machine here). */
export const NODE_CAPACITY = {
  cpu: '8', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16305440Ki', pods: '110',
};

export function readyConditions(nowIso: string): NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): NodeCondition =>
    ({ type, status, reason, message, lastHeartbeatTime: nowIso, lastTransitionTime: nowIso });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The Node a kind node's kubelet registers (the control plane with its NoSchedule taint). */
export function nodeObject(facts: NodeFacts, layout: ClusterLayout, now: number, random: Random, images: Array<{ names: string[]; sizeBytes: number }>): Node {
  const nowIso = rfc3339(now);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': facts.name,
    'kubernetes.io/os': 'linux',
  };
  if (facts.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const annotations: Record<string, string> = {
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  if (facts.controlPlane) annotations['kubeadm.alpha.kubernetes.io/cri-socket'] = 'unix:///run/containerd/containerd.sock';
  const clusterShort = layout.clusterName.replace(/^kind-/, '');
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: facts.name, labels, annotations },
    spec: {
      podCIDR: facts.podCIDR,
      podCIDRs: [facts.podCIDR],
      providerID: `kind://docker/${clusterShort}/${facts.name}`,
      ...(facts.controlPlane ? { taints: [{ ...CONTROL_PLANE_TAINT }] } : {}),
    },
    status: {
      addresses: [{ type: 'InternalIP', address: facts.ip }, { type: 'Hostname', address: facts.name }],
      allocatable: { ...NODE_CAPACITY },
      capacity: { ...NODE_CAPACITY },
      conditions: readyConditions(nowIso),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images,
      nodeInfo: {
        architecture: 'amd64',
        bootID: random.uuid(),
        containerRuntimeVersion: 'containerd://2.1.1',
        kernelVersion: '6.8.0-60-generic',
        // Deprecated field, left empty since the DisableNodeKubeProxyVersion gate.
        kubeProxyVersion: '',
        kubeletVersion: layout.version,
        machineID: random.hex(32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: random.uuid(),
      },
    },
  } as Node;
}

export function nodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

export function isNodeReady(node: Node): boolean {
  return nodeCondition(node, 'Ready')?.status === 'True';
}
