// Pod facts every layer asks (controllers, endpoints, rendering), in one place.
import type { Pod } from './types.js';

export function podCondition(pod: Pod, type: string) {
  return pod.status?.conditions?.find((c) => c.type === type);
}

export function isPodReady(pod: Pod): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp;
}

/** Not terminating, not finished: a pod a ReplicaSet counts (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !isTerminating(pod);
}

/**
 * podutil.IsPodAvailable: Ready, and either minReadySeconds is 0 or the Ready condition's
 * lastTransitionTime is set and lastTransitionTime + minReadySeconds is strictly before now.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  return readyLongEnough(readySince(pod), minReadySeconds, now);
}

/** The Ready condition's lastTransitionTime in ms, or undefined when unset (Go's zero time). */
export function readySince(pod: Pod): number | undefined {
  const t = podCondition(pod, 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : undefined;
}

/** The time half of IsPodAvailable, for callers that already know the pod is Ready. */
export function readyLongEnough(since: number | undefined, minReadySeconds: number, now: number): boolean {
  if (!minReadySeconds) return true;
  return since !== undefined && since + minReadySeconds * 1000 < now;
}
