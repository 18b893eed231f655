// Taints and tolerations (k8s.io/api/core/v1 helpers), shared by the scheduler and the
// taint-eviction controller.
import type { Pod } from '../../contract/types.js';
import { NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY } from './nodes.js';
import type { Taint, Toleration } from './types.js';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule/NoExecute taint no toleration matches (the scheduler's TaintToleration filter). */
export function untoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined): Taint | undefined {
  return (taints ?? []).find((taint) =>
    (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !(tolerations ?? []).some((t) => toleratesTaint(t, taint)));
}

/**
 * The tolerations the DefaultTolerationSeconds admission plugin gives every pod that has none of
 * its own for these keys: not-ready and unreachable, NoExecute, for 300 s. DaemonSet and mirror
 * pods tolerate them forever (the DaemonSet controller and the kubelet add those).
 */
export function effectiveTolerations(pod: Pod): Toleration[] {
  const own = [...(pod.spec?.tolerations ?? [])];
  const daemonOrMirror = pod.metadata?.ownerReferences?.some((r) => r.kind === 'DaemonSet' || r.kind === 'Node')
    || pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  for (const key of [NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY]) {
    const probe: Taint = { key, effect: 'NoExecute' };
    if (own.some((t) => toleratesTaint(t, probe))) continue;
    own.push(daemonOrMirror
      ? { key, operator: 'Exists', effect: 'NoExecute' }
      : { key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  return own;
}

/**
 * How long a pod may stay on a node with these NoExecute taints (taint-eviction controller):
 * 0 = evict now, undefined = never, else milliseconds.
 */
export function noExecuteTolerationMs(taints: readonly Taint[], tolerations: readonly Toleration[]): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  const used: Toleration[] = [];
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    used.push(...matching);
  }
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? undefined : min * 1000;
}
