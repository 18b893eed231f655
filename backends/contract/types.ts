// Kubernetes objects as they travel on the wire (JSON): the model types that
// @kubernetes/client-node exports, with its Date fields turned back into the
// RFC 3339 strings the API actually sends. Both backends speak this shape.
import type {
  V1ConfigMap, V1Deployment, V1EndpointSlice, V1Endpoints, CoreV1Event, V1Namespace, V1Node,
  V1ObjectMeta, V1OwnerReference, V1Pod, V1PodTemplateSpec, V1ReplicaSet, V1Secret, V1Service,
  V1ServiceAccount, V1Status, V1LabelSelector,
} from '@kubernetes/client-node';

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<V1ObjectMeta>;
export type OwnerReference = Wire<V1OwnerReference>;
export type LabelSelector = Wire<V1LabelSelector>;
export type PodTemplateSpec = Wire<V1PodTemplateSpec>;
export type Pod = Wire<V1Pod>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type Deployment = Wire<V1Deployment>;
export type Service = Wire<V1Service>;
export type Endpoints = Wire<V1Endpoints>;
export type EndpointSlice = Wire<V1EndpointSlice>;
export type ConfigMap = Wire<V1ConfigMap>;
export type Secret = Wire<V1Secret>;
export type Namespace = Wire<V1Namespace>;
export type Node = Wire<V1Node>;
export type Event = Wire<CoreV1Event>;
export type ServiceAccount = Wire<V1ServiceAccount>;
export type Status = Wire<V1Status>;

/** Any object the API serves: apiVersion, kind, metadata, and the rest. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** Object types by resource name, so `list('pods')` is typed as Pod[]. */
export interface ObjectOf {
  pods: Pod;
  replicasets: ReplicaSet;
  deployments: Deployment;
  services: Service;
  endpoints: Endpoints;
  endpointslices: EndpointSlice;
  configmaps: ConfigMap;
  secrets: Secret;
  namespaces: Namespace;
  nodes: Node;
  events: Event;
  serviceaccounts: ServiceAccount;
}
