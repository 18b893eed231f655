// The pods/binding subresource (BindingREST in pkg/registry/core/pod/storage/storage.go): how a
// scheduler assigns a pod to a node. The storage writes the pod directly, past the update
// strategy, so spec.nodeName changes without a new metadata.generation.
import { conflict, internalError } from '../../contract/errors.js';
import { RESOURCES } from '../../contract/resources.js';
import type { KubeObject, Pod } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';

/** A core/v1 Binding: the pod (metadata.name, optional uid/resourceVersion preconditions) and the node. */
export interface PodBinding {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; annotations?: Record<string, string> };
  target?: { apiVersion?: string; kind?: string; name?: string };
}

const BINDING = { name: 'pods/binding', group: RESOURCES.pods.group };

/** ValidatePodBinding; the registry returns these as a plain error, so the client sees a 500. */
export function validateBinding(binding: PodBinding): void {
  const kind = binding.target?.kind;
  if (kind && kind !== 'Node') throw internalError(`target.kind: Unsupported value: "${kind}": supported values: "Node"`);
  if (!binding.target?.name) throw internalError('target.name: Required value');
}

type Condition = NonNullable<NonNullable<Pod['status']>['conditions']>[number];

/**
 * setPodHostAndAnnotations: the pod with spec.nodeName set, the binding's annotations merged
 * in and PodScheduled=True (UpdatePodCondition keeps lastTransitionTime when the status stays).
 * Refuses, as a Conflict on pods/binding, a pod being deleted, already bound, or gated.
 */
export function boundPod(stored: KubeObject, binding: PodBinding, now: number): KubeObject {
  const pod = stored as Pod;
  const name = pod.metadata!.name!;
  const node = binding.target!.name!;
  if (pod.metadata?.deletionTimestamp) throw conflict(BINDING, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict(BINDING, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.spec?.schedulingGates?.length) throw conflict(BINDING, name, `pod ${name} has non-empty .spec.schedulingGates`);
  // The write sets only top-level metadata fields: the rest is the stored version's, read-only.
  const metadata = { ...pod.metadata! };
  if (binding.metadata?.annotations) metadata.annotations = { ...metadata.annotations, ...binding.metadata.annotations };
  const conditions: Condition[] = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const scheduled: Condition = {
    type: 'PodScheduled', status: 'True',
    lastTransitionTime: i >= 0 && conditions[i].status === 'True' ? conditions[i].lastTransitionTime : rfc3339(now),
  };
  if (i >= 0) conditions[i] = scheduled; else conditions.push(scheduled);
  return { ...pod, metadata, spec: { ...pod.spec!, nodeName: node }, status: { ...pod.status, conditions } } as KubeObject;
}
