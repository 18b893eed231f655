// The pods every kind node runs from the start: the control plane's static pods (mirror pods
// named <component>-<node>, owned by the Node) and, on every node, the kube-proxy and kindnet
// DaemonSet pods.
import type { KubeObject, Pod } from '../../contract/types.js';
import type { Random } from '../random.js';
import { IMAGES, POD_SUBNET } from './versions.js';

export interface NodeRef { name: string; uid: string; ip: string }

const hostPath = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });

/** The taints a DaemonSet controller adds tolerations for (daemon/util AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
];

interface StaticComponent { component: string; image: string; cpu: string; command: (n: NodeRef) => string[]; annotations: (n: NodeRef) => Record<string, string>; volumes: Array<[string, string, string]>; readyPath?: [string, number] }

const STATIC: StaticComponent[] = [
  {
    component: 'etcd', image: IMAGES.etcd, cpu: '100m',
    command: (n) => ['etcd', `--advertise-client-urls=https://${n.ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true',
      '--data-dir=/var/lib/etcd', `--initial-advertise-peer-urls=https://${n.ip}:2380`, `--initial-cluster=${n.name}=https://${n.ip}:2380`,
      '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${n.ip}:2379`,
      '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${n.ip}:2380`, `--name=${n.name}`,
      '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'],
    annotations: (n) => ({ 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${n.ip}:2379` }),
    volumes: [['etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'], ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate']],
    readyPath: ['/readyz', 2381],
  },
  {
    component: 'kube-apiserver', image: IMAGES.apiserver, cpu: '250m',
    command: (n) => ['kube-apiserver', `--advertise-address=${n.ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
      '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
      '--etcd-servers=https://127.0.0.1:2379', '--runtime-config=', '--secure-port=6443',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-cluster-ip-range=10.96.0.0/16`,
      '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key'],
    annotations: (n) => ({ 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${n.ip}:6443` }),
    volumes: [['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'], ['k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate']],
    readyPath: ['/readyz', 6443],
  },
  {
    component: 'kube-controller-manager', image: IMAGES.controllerManager, cpu: '200m',
    command: () => ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
      '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--cluster-cidr=${POD_SUBNET}`,
      '--cluster-name=kind', '--controllers=*,bootstrapsigner,tokencleaner', '--enable-hostpath-provisioner=true',
      '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/16',
      '--use-service-account-credentials=true'],
    annotations: () => ({}),
    volumes: [['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'], ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate']],
  },
  {
    component: 'kube-scheduler', image: IMAGES.scheduler, cpu: '100m',
    command: () => ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
      '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
    annotations: () => ({}),
    volumes: [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate']],
  },
];

export const STATIC_COMPONENTS = STATIC.map((s) => s.component);

/** The mirror pod of one control-plane component on a node. */
export function staticPod(component: string, node: NodeRef, random: Random, seenAt: string): KubeObject {
  const c = STATIC.find((s) => s.component === component)!;
  const hash = random.hex(32);
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: `${component}-${node.name}`, namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        ...c.annotations(node),
        'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': seenAt, 'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: {
      nodeName: node.name, hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      containers: [{
        name: component, image: c.image, imagePullPolicy: 'IfNotPresent', command: c.command(node),
        resources: { requests: { cpu: c.cpu } },
        volumeMounts: c.volumes.map(([name, path]) => ({ name, mountPath: path, readOnly: name !== 'etcd-data' })),
        ...(c.readyPath ? { readinessProbe: { httpGet: { host: component === 'kube-apiserver' ? node.ip : '127.0.0.1', path: c.readyPath[0], port: c.readyPath[1], scheme: component === 'etcd' ? 'HTTP' : 'HTTPS' }, periodSeconds: 1, timeoutSeconds: 15, failureThreshold: 3 } } : {}),
      }],
      volumes: c.volumes.map(([name, path, type]) => hostPath(name, path, type)),
    },
  };
  return pod as KubeObject;
}

export interface DaemonSetRef { name: string; uid: string; revisionHash: string }

function daemonPodBase(ds: DaemonSetRef, node: NodeRef, labels: Record<string, string>): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${ds.name}-`, namespace: 'kube-system',
      labels: { ...labels, 'controller-revision-hash': ds.revisionHash, 'pod-template-generation': '1' },
      // Deviation: kdash has no DaemonSet resource; the pods still name their DaemonSet owner.
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.name, uid: ds.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      // Deviation: created bound to their node; a v1.33 DaemonSet controller leaves the binding to the scheduler through this affinity.
      nodeName: node.name,
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }] } } },
      hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ operator: 'Exists' }, ...DAEMON_TOLERATIONS],
      containers: [],
    },
  };
}

export function kubeProxyPod(ds: DaemonSetRef, node: NodeRef): KubeObject {
  const p = daemonPodBase(ds, node, { 'k8s-app': 'kube-proxy' });
  p.spec!.serviceAccountName = 'kube-proxy';
  p.spec!.containers = [{
    name: 'kube-proxy', image: IMAGES.proxy, imagePullPolicy: 'IfNotPresent',
    command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
    env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
    securityContext: { privileged: true },
    volumeMounts: [
      { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
      { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
      { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
    ],
  }];
  p.spec!.volumes = [
    { name: 'kube-proxy', configMap: { name: 'kube-proxy', defaultMode: 420 } },
    hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
    hostPath('lib-modules', '/lib/modules', ''),
  ];
  return p as KubeObject;
}

export function kindnetPod(ds: DaemonSetRef, node: NodeRef): KubeObject {
  const p = daemonPodBase(ds, node, { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' });
  p.spec!.serviceAccountName = 'kindnet';
  p.spec!.containers = [{
    name: 'kindnet-cni', image: IMAGES.kindnet, imagePullPolicy: 'IfNotPresent',
    env: [
      { name: 'HOST_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIP' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      { name: 'POD_SUBNET', value: POD_SUBNET },
    ],
    resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
    securityContext: { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] }, privileged: false },
    volumeMounts: [
      { name: 'cni-cfg', mountPath: '/etc/cni/net.d' },
      { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
      { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
    ],
  }];
  p.spec!.volumes = [
    hostPath('cni-cfg', '/etc/cni/net.d', ''),
    hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
    hostPath('lib-modules', '/lib/modules', ''),
  ];
  return p as KubeObject;
}
