// Wire shapes of the nested Kubernetes types that rendering walks through.
import type {
  V1Container, V1ContainerPort, V1ContainerState, V1ContainerStatus, V1Probe, V1ServicePort,
  V1Toleration, V1Volume, V1EnvVar, V1Taint, V1PodCondition,
} from '@kubernetes/client-node';
import type { Wire } from '../../backends/contract/types.js';

export type Container = Wire<V1Container>;
export type ContainerPort = Wire<V1ContainerPort>;
export type ContainerState = Wire<V1ContainerState>;
export type ContainerStatus = Wire<V1ContainerStatus>;
export type Probe = Wire<V1Probe>;
export type ServicePort = Wire<V1ServicePort>;
export type Toleration = Wire<V1Toleration>;
export type Taint = Wire<V1Taint>;
export type Volume = Wire<V1Volume>;
export type EnvVar = Wire<V1EnvVar>;
export type PodCondition = Wire<V1PodCondition>;
