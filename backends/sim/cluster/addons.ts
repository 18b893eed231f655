// The add-ons kubeadm and kind install: CoreDNS (Deployment `coredns`, Service `kube-dns` at
// 10.96.0.10, ConfigMap `coredns`), kube-proxy's and kindnet's configuration and accounts, the
// local-path provisioner, and the ConfigMaps a fresh kube-system holds (§7, §8).
import type { KubeObject } from '../../contract/types.js';
import { KUBE_DNS_SERVICE_IP } from '../network/serviceAllocation.js';
import { IMAGES, KUBERNETES_VERSION, POD_SUBNET, SERVICE_SUBNET } from './versions.js';

export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

const cm = (namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data });

const sa = (namespace: string, name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

/** The service accounts kube-controller-manager and the add-ons run as. */
const KUBE_SYSTEM_ACCOUNTS = [
  'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller', 'coredns',
  'cronjob-controller', 'daemon-set-controller', 'deployment-controller', 'disruption-controller', 'endpoint-controller',
  'endpointslice-controller', 'endpointslicemirroring-controller', 'ephemeral-volume-controller', 'expand-controller',
  'generic-garbage-collector', 'horizontal-pod-autoscaler', 'job-controller', 'kindnet', 'kube-proxy',
  'legacy-service-account-token-cleaner', 'namespace-controller', 'node-controller', 'persistent-volume-binder',
  'pod-garbage-collector', 'pv-protection-controller', 'pvc-protection-controller', 'replicaset-controller',
  'replication-controller', 'resourcequota-controller', 'root-ca-cert-publisher', 'service-account-controller',
  'service-cidrs-controller', 'statefulset-controller', 'token-cleaner', 'ttl-after-finished-controller', 'ttl-controller',
  'validatingadmissionpolicy-status-controller',
];

export interface ClusterFacts { clusterName: string; controlPlane: string; controlPlaneIP: string; caCert: string; caData: string; startedAt: string }

function kubeconfig(server: string, caData: string, user?: string): string {
  const users = user ? `users:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n` : 'users: null\n';
  return `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${caData}\n    server: ${server}\n  name: ""\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\n${users}`;
}

export function addonObjects(f: ClusterFacts): Array<{ resource: 'configmaps' | 'serviceaccounts' | 'services' | 'deployments'; object: KubeObject }> {
  const server = `https://${f.controlPlane}:6443`;
  const out: Array<{ resource: 'configmaps' | 'serviceaccounts' | 'services' | 'deployments'; object: KubeObject }> = [];
  const add = (resource: 'configmaps' | 'serviceaccounts' | 'services' | 'deployments', object: KubeObject) => out.push({ resource, object });

  add('configmaps', cm('kube-public', 'cluster-info', { kubeconfig: kubeconfig(server, f.caData) }));
  add('configmaps', cm('kube-system', 'coredns', { Corefile: COREFILE }));
  add('configmaps', cm('kube-system', 'extension-apiserver-authentication', {
    'client-ca-file': f.caCert,
    'requestheader-allowed-names': '["front-proxy-client"]',
    'requestheader-client-ca-file': f.caCert,
    'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
    'requestheader-group-headers': '["X-Remote-Group"]',
    'requestheader-username-headers': '["X-Remote-User"]',
  }));
  add('configmaps', cm('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', { since: f.startedAt.slice(0, 10) }));
  add('configmaps', cm('kube-system', 'kube-proxy', {
    'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclientConnection:\n  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\nclusterCIDR: ${POD_SUBNET}\nconntrack:\n  maxPerCore: 0\nkind: KubeProxyConfiguration\nmetricsBindAddress: ""\nmode: iptables\n`,
    'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: ${server}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n`,
  }, { app: 'kube-proxy' }));
  add('configmaps', cm('kube-system', 'kubeadm-config', {
    ClusterConfiguration: `apiServer:\n  certSANs:\n  - localhost\n  - 127.0.0.1\napiVersion: kubeadm.k8s.io/v1beta4\ncaCertificateValidityPeriod: 87600h0m0s\ncertificateValidityPeriod: 8760h0m0s\ncertificatesDir: /etc/kubernetes/pki\nclusterName: ${f.clusterName}\ncontrolPlaneEndpoint: ${f.controlPlane}:6443\ncontrollerManager:\n  extraArgs:\n  - name: enable-hostpath-provisioner\n    value: "true"\ndns: {}\nencryptionAlgorithm: RSA-2048\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: registry.k8s.io\nkind: ClusterConfiguration\nkubernetesVersion: ${KUBERNETES_VERSION}\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: ${POD_SUBNET}\n  serviceSubnet: ${SERVICE_SUBNET}\nproxy: {}\nscheduler: {}\n`,
  }));
  add('configmaps', cm('kube-system', 'kubelet-config', {
    kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1\ncgroupDriver: systemd\nclusterDNS:\n- ${KUBE_DNS_SERVICE_IP}\nclusterDomain: cluster.local\nevictionHard:\n  imagefs.available: 0%\n  nodefs.available: 0%\n  nodefs.inodesFree: 0%\nimageGCHighThresholdPercent: 100\nkind: KubeletConfiguration\nsyncFrequency: 1m0s\n`,
  }));
  for (const name of KUBE_SYSTEM_ACCOUNTS) add('serviceaccounts', sa('kube-system', name));
  add('serviceaccounts', sa('local-path-storage', 'local-path-provisioner-service-account'));
  add('configmaps', cm('local-path-storage', 'local-path-config', {
    'config.json': '{\n        "nodePathMap":[\n        {\n                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",\n                "paths":["/var/local-path-provisioner"]\n        }\n        ]\n}',
    'helperPod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: helper-pod\nspec:\n  containers:\n  - name: helper-pod\n    image: ${IMAGES.localPathHelper}\n    imagePullPolicy: IfNotPresent`,
    setup: '#!/bin/sh\nset -eu\nmkdir -m 0777 -p "$VOL_DIR"',
    teardown: '#!/bin/sh\nset -eu\nrm -rf "$VOL_DIR"',
  }));

  add('services', {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'kube-dns', namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: KUBE_DNS_SERVICE_IP, clusterIPs: [KUBE_DNS_SERVICE_IP], type: 'ClusterIP', sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });

  add('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{
                weight: 100,
                podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' },
              }],
            },
          },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          containers: [{
            name: 'coredns', image: IMAGES.coredns, imagePullPolicy: 'IfNotPresent',
            args: ['-conf', '/etc/coredns/Corefile'],
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
            ports: [
              { containerPort: 53, name: 'dns', protocol: 'UDP' },
              { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
              { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
            ],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
            readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
          }],
          dnsPolicy: 'Default',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
  });

  add('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'local-path-provisioner' } },
      template: {
        metadata: { labels: { app: 'local-path-provisioner' } },
        spec: {
          serviceAccountName: 'local-path-provisioner-service-account',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/master', operator: 'Equal', effect: 'NoSchedule' },
          ],
          containers: [{
            name: 'local-path-provisioner', image: IMAGES.localPath, imagePullPolicy: 'IfNotPresent',
            command: ['local-path-provisioner', '--debug', 'start', '--helper-image', IMAGES.localPathHelper, '--config', '/etc/config/config.json'],
            env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
            volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
          }],
          volumes: [{ name: 'config-volume', configMap: { name: 'local-path-config' } }],
        },
      },
    },
  });
  return out;
}
