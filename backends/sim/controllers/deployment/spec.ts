// What a Deployment's spec asks for, read defensively: a field the defaulting admission step
// would have filled in is read with its apps/v1 default (SetDefaults_Deployment), so the
// controller behaves the same whether or not defaults were applied.
import type { Deployment, LabelSelector, PodTemplateSpec } from '../../../contract/types.js';

export const MAX_INT32 = 2147483647;

export function desiredReplicas(d: Deployment): number { return d.spec?.replicas ?? 1; }
export function minReadySeconds(d: Deployment): number { return d.spec?.minReadySeconds ?? 0; }
export function isPaused(d: Deployment): boolean { return !!d.spec?.paused; }
export function templateOf(d: Deployment): PodTemplateSpec { return d.spec?.template ?? {}; }
export function selectorOf(d: Deployment): LabelSelector | undefined { return d.spec?.selector; }

export function strategyType(d: Deployment): string { return d.spec?.strategy?.type ?? 'RollingUpdate'; }
export function isRollingUpdate(d: Deployment): boolean { return strategyType(d) === 'RollingUpdate'; }

export function revisionHistoryLimit(d: Deployment): number { return d.spec?.revisionHistoryLimit ?? 10; }
/** HasRevisionHistoryLimit: MaxInt32 means "keep everything". */
export function hasRevisionHistoryLimit(d: Deployment): boolean { return revisionHistoryLimit(d) !== MAX_INT32; }

export function progressDeadlineSeconds(d: Deployment): number { return d.spec?.progressDeadlineSeconds ?? 600; }
/** HasProgressDeadline: MaxInt32 switches progress reporting off. */
export function hasProgressDeadline(d: Deployment): boolean { return progressDeadlineSeconds(d) !== MAX_INT32; }

/**
 * intstr.GetScaledValueFromIntOrPercent: an integer as is, `N%` of total rounded up or down.
 * Throws on a malformed value, as the Go function returns an error.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}": must be an integer or percentage (e.g '5%')`);
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** ResolveFenceposts: surge rounds up, unavailability down, and both 0 means one unavailable. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = desiredReplicas(d);
  const surge = scaledValue(ru?.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas, and never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}
