// The environment the kubelet gives a container when it starts it (kubelet_pods.go
// makeEnvironmentVariables): service links, then envFrom in order, then env with $(VAR)
// expansion and valueFrom sources. Resolved once per container start; a missing ConfigMap,
// Secret or key is a CreateContainerConfigError with the kubelet's message.
import type { ConfigMap, Pod, Secret, Service } from '../../contract/types.js';
import type { Container } from './types.js';

/** Read access to the objects a container's configuration refers to (the kubelet's caches). */
export interface ConfigObjects {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
  services(namespace: string): Service[];
}

/** What the kubelet knows about the pod at start time that the API object may not show yet. */
export interface RuntimeFacts {
  podIP?: string;
  hostIP: string;
  nodeName: string;
  /** Node allocatable, the value of resourceFieldRef limits when the container sets none. */
  allocatable: { cpu: string; memory: string; 'ephemeral-storage': string };
}

export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; error: string };

export function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

function envName(serviceOrPort: string): string {
  return serviceOrPort.replace(/-/g, '_').toUpperCase();
}

// The last namespace's variables, kept while its Services are the same objects: every pod of a
// Deployment gets the same ones, and its containers keep them (read-only) as long as they run.
let lastEnv: { services: Service[]; env: Record<string, string> } | undefined;

function sameObjects(a: Service[], b: Service[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The Docker-link style variables for every Service with a ClusterIP (envvars.FromServices). */
export function serviceEnv(pod: Pod, objects: ConfigObjects): Record<string, string> {
  const ns = pod.metadata?.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks ?? true;
  const chosen = new Map<string, Service>();
  // The `kubernetes` Service is always linked, other Services of the pod's namespace only with enableServiceLinks.
  const kubernetes = objects.services('default').find((s) => s.metadata?.name === 'kubernetes');
  if (kubernetes) chosen.set('kubernetes', kubernetes);
  if (links) for (const s of objects.services(ns)) chosen.set(s.metadata!.name!, s);
  const services = [...chosen.values()];
  if (lastEnv && sameObjects(lastEnv.services, services)) return lastEnv.env;
  const env: Record<string, string> = {};
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    const ports = svc.spec?.ports ?? [];
    if (!ip || ip === 'None' || ports.length === 0) continue;
    const prefix = envName(svc.metadata!.name!);
    env[`${prefix}_SERVICE_HOST`] = ip;
    env[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${prefix}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP');
      const url = `${proto.toLowerCase()}://${ip}:${p.port}`;
      if (i === 0) env[`${prefix}_PORT`] = url;
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      env[pp] = url;
      env[`${pp}_PROTO`] = proto.toLowerCase();
      env[`${pp}_PORT`] = String(p.port);
      env[`${pp}_ADDR`] = ip;
    });
  }
  lastEnv = { services, env };
  return env;
}

/** expansion.Expand: `$(VAR)` from the variables defined so far, `$$` for a literal `$`. */
export function expandVars(value: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch !== '$' || i + 1 >= value.length) { out += ch; continue; }
    const next = value[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = value.indexOf(')', i + 2);
      if (close < 0) { out += value.slice(i); break; }
      const name = value.slice(i + 2, close);
      const v = lookup(name);
      out += v ?? `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}

function fieldValue(pod: Pod, path: string, facts: RuntimeFacts): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return facts.nodeName;
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.hostIP': case 'status.hostIPs': return facts.hostIP;
    case 'status.podIP': case 'status.podIPs': return facts.podIP ?? '';
    default: return '';
  }
}

function resourceValue(container: Container, resource: string, facts: RuntimeFacts): string {
  const [kind, name] = resource.split('.') as ['limits' | 'requests', 'cpu' | 'memory' | 'ephemeral-storage'];
  const set = container.resources?.[kind]?.[name] ?? (kind === 'requests' ? container.resources?.limits?.[name] : undefined);
  const v = set ?? (kind === 'limits' ? facts.allocatable[name] : name === 'cpu' ? '0' : '0');
  if (name === 'cpu') {
    // Divisor 1: whole cores, rounded up.
    const cores = v.endsWith('m') ? Number(v.slice(0, -1)) / 1000 : Number(v);
    return String(Math.ceil(cores));
  }
  return String(parseQuantityBytes(v));
}

/** Bytes from a memory quantity (`128Mi`, `1G`, `16305440Ki`). */
export function parseQuantityBytes(q: string): number {
  const m = /^([0-9.]+)([KMGTPE]i?|m|k)?$/.exec(q);
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    '': 1, m: 0.001, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  };
  return Math.ceil(n * (mult[m[2] ?? ''] ?? 1));
}

export function resolveEnv(pod: Pod, container: Container, objects: ConfigObjects, facts: RuntimeFacts): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const services = serviceEnv(pod, objects);
  const env = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = objects.configMap(ns, from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { ok: false, error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) env.set(prefix + k, v);
    } else if (from.secretRef) {
      const secret = objects.secret(ns, from.secretRef.name ?? '');
      if (!secret) {
        if (from.secretRef.optional) continue;
        return { ok: false, error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(secret.data ?? {})) env.set(prefix + k, decodeBase64(v));
    }
  }
  const lookup = (name: string) => env.get(name) ?? services[name];
  for (const e of container.env ?? []) {
    let value: string | undefined;
    if (e.value) {
      value = expandVars(e.value, lookup);
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = objects.configMap(ns, ref.name ?? '');
      if (!cm) {
        if (ref.optional) continue;
        return { ok: false, error: `configmap "${ref.name}" not found` };
      }
      value = cm.data?.[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        return { ok: false, error: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` };
      }
    } else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      const secret = objects.secret(ns, ref.name ?? '');
      if (!secret) {
        if (ref.optional) continue;
        return { ok: false, error: `secret "${ref.name}" not found` };
      }
      const raw = secret.data?.[ref.key];
      if (raw === undefined) {
        if (ref.optional) continue;
        return { ok: false, error: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` };
      }
      value = decodeBase64(raw);
    } else if (e.valueFrom?.fieldRef) {
      value = fieldValue(pod, e.valueFrom.fieldRef.fieldPath, facts);
    } else if (e.valueFrom?.resourceFieldRef) {
      value = resourceValue(container, e.valueFrom.resourceFieldRef.resource, facts);
    }
    env.set(e.name, value ?? '');
  }
  const result: Record<string, string> = {};
  for (const [k, v] of Object.entries(services)) if (!env.has(k)) result[k] = v;
  for (const [k, v] of env) result[k] = v;
  return { ok: true, env: result };
}

/** The ConfigMaps and Secrets a pod's containers and volumes refer to, as `configmap/<name>` / `secret/<name>`. */
export function referencedObjects(pod: Pod): Set<string> {
  const refs = new Set<string>();
  const spec = pod.spec;
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef?.name) refs.add(`configmap/${f.configMapRef.name}`);
      if (f.secretRef?.name) refs.add(`secret/${f.secretRef.name}`);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) refs.add(`configmap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef?.name) refs.add(`secret/${e.valueFrom.secretKeyRef.name}`);
    }
  }
  for (const v of spec?.volumes ?? []) {
    if (v.configMap?.name) refs.add(`configmap/${v.configMap.name}`);
    if (v.secret?.secretName) refs.add(`secret/${v.secret.secretName}`);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) refs.add(`configmap/${s.configMap.name}`);
      if (s.secret?.name) refs.add(`secret/${s.secret.name}`);
    }
  }
  return refs;
}
