// Images of a kind node image for Kubernetes v1.33.1 (kind v0.29).
export const KUBERNETES_VERSION = 'v1.33.1';
export const IMAGES = {
  etcd: 'registry.k8s.io/etcd:3.5.21-0',
  apiserver: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  controllerManager: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  scheduler: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  proxy: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  coredns: 'registry.k8s.io/coredns/coredns:v1.12.0',
  kindnet: 'docker.io/kindest/kindnetd:v20250512-df8de77b',
  localPath: 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
  localPathHelper: 'docker.io/kindest/local-path-helper:v20241212-8ac705d0',
} as const;

export const POD_SUBNET = '10.244.0.0/16';
export const SERVICE_SUBNET = '10.96.0.0/16';
