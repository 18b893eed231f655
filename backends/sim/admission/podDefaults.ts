// The defaults the apiserver gives every pod spec, including the templates of Deployments and
// ReplicaSets (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec, _Container, _ContainerPort,
// _Probe, _HTTPGetAction, volume sources, _ObjectFieldSelector).
import type { Pod } from '../../contract/types.js';

export type PodSpec = NonNullable<Pod['spec']>;
export type Container = PodSpec['containers'][number];
type Volume = NonNullable<PodSpec['volumes']>[number];
type Probe = NonNullable<Container['livenessProbe']>;

const DEFAULT_MODE = 420; // 0644

/** SetDefaults_Container: `Always` for `:latest` or no tag (which parses as latest), else `IfNotPresent`. */
export function imagePullPolicyFor(image: string | undefined): string {
  const ref = image ?? '';
  const noDigest = ref.split('@')[0];
  const hasDigest = ref.includes('@');
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const tag = colon > lastSlash ? noDigest.slice(colon + 1) : hasDigest ? '' : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  if (p.httpGet) {
    p.httpGet.path ||= '/';
    p.httpGet.scheme ||= 'HTTP';
  }
}

/**
 * A resource.Quantity written as a JSON number is stored as its canonical string (`0.5` → `500m`).
 * Deviation: strings are stored as written; the apiserver re-canonicalizes them (`1024Mi` → `1Gi`).
 */
export function quantityString(v: string | number): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
}

function canonicalQuantities(list: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) list![k] = quantityString(v as string | number);
}

export function defaultContainer(c: Container): void {
  c.imagePullPolicy ||= imagePullPolicyFor(c.image);
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  // A Go struct without omitempty: always present, `{}` when empty.
  c.resources ??= {};
  canonicalQuantities(c.resources.limits);
  canonicalQuantities(c.resources.requests);
  for (const port of c.ports ?? []) port.protocol ||= 'TCP';
  for (const env of c.env ?? []) {
    const ref = env.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Volume): void {
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.projected) v.projected.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (v.hostPath) v.hostPath.type ??= '';
}

/** SetDefaults_PodSpec and the defaults of everything inside it. */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** SetDefaults_Pod: what a Pod gets beyond its spec's defaults (templates do not). */
export function defaultPodOnly(pod: Pod): void {
  const spec = pod.spec;
  if (!spec) return;
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    const requests = (c.resources!.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
}
