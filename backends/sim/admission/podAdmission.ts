// What a new Pod gets from the admission plugins a kind cluster runs and from the pod
// registry's PrepareForCreate: the ServiceAccount plugin (serviceAccountName `default` and the
// projected `kube-api-access-xxxxx` token volume), DefaultTolerationSeconds (not-ready and
// unreachable for 300 s), Priority (priority and preemptionPolicy), and status Pending with its
// QoS class. Templates in Deployments and ReplicaSets get none of these.
import { forbidden } from '../../contract/errors.js';
import { RESOURCES } from '../../contract/resources.js';
import type { Pod } from '../../contract/types.js';
import { deepFreeze } from '../apiserver/jsonValue.js';
import type { Random } from '../random.js';
import type { Container, PodSpec } from './podDefaults.js';

const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

type Toleration = NonNullable<PodSpec['tolerations']>[number];

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

/** The token volume's projection, the same in every pod: stored objects are read-only, so all share one. */
const TOKEN_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ],
});

/**
 * Deviation: the ServiceAccount plugin does not check that the ServiceAccount exists (nothing in
 * the simulator creates the `default` ServiceAccounts), and the token volume is never mounted
 * anywhere: it only appears in the pod spec as on a real cluster.
 */
function serviceAccount(pod: Pod, spec: PodSpec, random: Random): void {
  if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) return;
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  if (allContainers(spec).every((c) => c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH))) return;
  const name = `kube-api-access-${random.nameSuffix()}`;
  (spec.volumes ??= []).push({ name, projected: TOKEN_PROJECTION });
  for (const c of allContainers(spec)) {
    if (c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    (c.volumeMounts ??= []).push({ name, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
  }
}

function tolerates(list: Toleration[], key: string): boolean {
  return list.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
}

function defaultTolerationSeconds(spec: PodSpec): void {
  const list = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(list, key)) list.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

function priority(pod: Pod, spec: PodSpec): void {
  const cls = spec.priorityClassName;
  if (cls && PRIORITY_CLASSES[cls] === undefined) {
    throw forbidden(RESOURCES.pods, pod.metadata?.name ?? '', `no PriorityClass with name ${cls} was found`);
  }
  spec.priority ??= cls ? PRIORITY_CLASSES[cls] : 0;
  spec.preemptionPolicy ||= 'PreemptLowerPriority';
}

/** A quantity as a number of base units, enough to compare requests with limits. */
function quantityValue(q: string | undefined): number {
  if (q === undefined) return 0;
  const m = /^([+-]?[0-9.]+)(.*)$/.exec(String(q));
  if (!m) return 0;
  const scale: Record<string, number> = {
    '': 1, m: 1e-3, u: 1e-6, n: 1e-9, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  };
  const exp = /^[eE]([-+]?\d+)$/.exec(m[2]);
  return Number(m[1]) * (exp ? 10 ** Number(exp[1]) : scale[m[2]] ?? 1);
}

/** qos.GetPodQOS over cpu and memory. */
export function podQOSClass(spec: PodSpec): string {
  let any = false;
  let guaranteed = true;
  for (const c of allContainers(spec)) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (quantityValue(req[r]) !== 0 || quantityValue(lim[r]) !== 0) any = true;
      if (lim[r] === undefined || quantityValue(req[r] ?? lim[r]) !== quantityValue(lim[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Admission and PrepareForCreate for a new Pod (after its spec got its defaults). */
export function admitNewPod(pod: Pod, random: Random): void {
  const spec = pod.spec;
  if (!spec) return;
  serviceAccount(pod, spec, random);
  defaultTolerationSeconds(spec);
  priority(pod, spec);
  pod.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
}
