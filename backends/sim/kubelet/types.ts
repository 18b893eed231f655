// Shapes of pod and node parts the scheduler and kubelet work with, taken from the wire types.
import type { Node, Pod } from '../../contract/types.js';

export type PodSpec = NonNullable<Pod['spec']>;
export type PodStatus = NonNullable<Pod['status']>;
export type Container = PodSpec['containers'][number];
export type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
export type ContainerState = NonNullable<ContainerStatus['state']>;
export type PodCondition = NonNullable<PodStatus['conditions']>[number];
export type Toleration = NonNullable<PodSpec['tolerations']>[number];
export type Volume = NonNullable<PodSpec['volumes']>[number];
export type VolumeMount = NonNullable<Container['volumeMounts']>[number];
export type EnvVar = NonNullable<Container['env']>[number];
export type NodeSpec = NonNullable<Node['spec']>;
export type NodeStatus = NonNullable<Node['status']>;
export type Taint = NonNullable<NodeSpec['taints']>[number];
export type NodeCondition = NonNullable<NodeStatus['conditions']>[number];

/** `<namespace>/<name>`, the key informers and work queues use. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** format.Pod in the kubelet: `<name>_<namespace>(<uid>)`, used in back-off messages. */
export function podDescription(pod: Pod): string {
  return `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;
}
