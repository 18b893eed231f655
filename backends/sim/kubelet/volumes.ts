// The files of a pod's ConfigMap, Secret, projected and downward API volumes, as the kubelet
// writes them into the volume directory (one file per key, or per `items` path). A mount
// reads the volume as last synced; a `subPath` mount copies one file when the container
// starts and is never refreshed.
import type { Pod } from '../../contract/types.js';
import { decodeBase64, type ConfigObjects } from './configResolution.js';
import { stableHex } from './imageRegistry.js';
import type { Container, Volume } from './types.js';

/** Volume name -> relative path -> content. */
export type VolumeFiles = Map<string, Record<string, string>>;

export type MountResult = { ok: true; volumes: VolumeFiles } | { ok: false; volume: string; error: string };

type KeyToPath = { key: string; path: string };

function project(data: Record<string, string>, items: KeyToPath[] | undefined, what: string, optional: boolean): Record<string, string> | string {
  if (!items?.length) return { ...data };
  const out: Record<string, string> = {};
  for (const it of items) {
    if (!(it.key in data)) {
      if (optional) continue;
      return `${what} references non-existent ${what === 'configmap' ? 'config' : 'secret'} key: ${it.key}`;
    }
    out[it.path] = data[it.key];
  }
  return out;
}

function configMapData(objects: ConfigObjects, ns: string, name: string): Record<string, string> | undefined {
  const cm = objects.configMap(ns, name);
  if (!cm) return undefined;
  const data: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data[k] = Buffer.from(v, 'base64').toString('latin1');
  return data;
}

function secretData(objects: ConfigObjects, ns: string, name: string): Record<string, string> | undefined {
  const s = objects.secret(ns, name);
  if (!s) return undefined;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeBase64(v);
  return data;
}

function downwardValue(pod: Pod, fieldPath: string): string {
  const fmt = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort().map((k) => `${k}="${m![k]}"`).join('\n');
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'metadata.labels': return fmt(pod.metadata?.labels);
    case 'metadata.annotations': return fmt(pod.metadata?.annotations);
    default: {
      const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
      if (m) return (m[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations)?.[m[2]] ?? '';
      return '';
    }
  }
}

/** A service account token's shape (a JWT); its content means nothing in the simulator. */
function fakeToken(pod: Pod): string {
  const h = stableHex(`token:${pod.metadata?.uid}`, 96);
  return `eyJhbGciOiJSUzI1NiIsImtpZCI6I${h.slice(0, 40)}.eyJhdWQiOlsiaHR0cHM6Ly9rdWJlcm5ldGVz${h.slice(40)}.${h.slice(0, 86)}`;
}

function volumeFiles(pod: Pod, v: Volume, objects: ConfigObjects): Record<string, string> | string | undefined {
  const ns = pod.metadata?.namespace ?? 'default';
  if (v.configMap) {
    const data = configMapData(objects, ns, v.configMap.name ?? '');
    if (!data) return v.configMap.optional ? {} : `configmap "${v.configMap.name}" not found`;
    return project(data, v.configMap.items as KeyToPath[] | undefined, 'configmap', !!v.configMap.optional);
  }
  if (v.secret) {
    const data = secretData(objects, ns, v.secret.secretName ?? '');
    if (!data) return v.secret.optional ? {} : `secret "${v.secret.secretName}" not found`;
    return project(data, v.secret.items as KeyToPath[] | undefined, 'secret', !!v.secret.optional);
  }
  if (v.downwardAPI) {
    const out: Record<string, string> = {};
    for (const it of v.downwardAPI.items ?? []) if (it.fieldRef) out[it.path] = downwardValue(pod, it.fieldRef.fieldPath);
    return out;
  }
  if (v.projected) {
    const out: Record<string, string> = {};
    for (const s of v.projected.sources ?? []) {
      let part: Record<string, string> | string = {};
      if (s.configMap) {
        const data = configMapData(objects, ns, s.configMap.name ?? '');
        part = data ? project(data, s.configMap.items as KeyToPath[] | undefined, 'configmap', !!s.configMap.optional)
          : s.configMap.optional ? {} : `configmap "${s.configMap.name}" not found`;
      } else if (s.secret) {
        const data = secretData(objects, ns, s.secret.name ?? '');
        part = data ? project(data, s.secret.items as KeyToPath[] | undefined, 'secret', !!s.secret.optional)
          : s.secret.optional ? {} : `secret "${s.secret.name}" not found`;
      } else if (s.downwardAPI) {
        for (const it of s.downwardAPI.items ?? []) if (it.fieldRef) (part as Record<string, string>)[it.path] = downwardValue(pod, it.fieldRef.fieldPath);
      } else if (s.serviceAccountToken) {
        part = { [s.serviceAccountToken.path]: fakeToken(pod) };
      }
      if (typeof part === 'string') return part;
      Object.assign(out, part);
    }
    return out;
  }
  return undefined; // emptyDir, hostPath, PVCs...: no files the simulator tracks
}

/** Sets up every volume of the pod; the first one that cannot be set up is the error. */
export function mountVolumes(pod: Pod, objects: ConfigObjects): MountResult {
  const volumes: VolumeFiles = new Map();
  for (const v of pod.spec?.volumes ?? []) {
    const files = volumeFiles(pod, v, objects);
    if (typeof files === 'string') return { ok: false, volume: v.name, error: files };
    if (files) volumes.set(v.name, files);
  }
  return { ok: true, volumes };
}

function join(dir: string, rel: string): string {
  return `${dir.replace(/\/+$/, '')}/${rel}`;
}

/** Files of the container's ordinary (non-subPath) mounts, read from the volumes as last synced. */
export function mountedFiles(container: Container, volumes: VolumeFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of container.volumeMounts ?? []) {
    if (m.subPath || m.subPathExpr) continue;
    const files = volumes.get(m.name);
    if (!files) continue;
    for (const [rel, content] of Object.entries(files)) out[join(m.mountPath, rel)] = content;
  }
  return out;
}

/** Files of the container's subPath mounts: copied at container start, never refreshed. */
export function subPathFiles(container: Container, volumes: VolumeFiles): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of container.volumeMounts ?? []) {
    if (!m.subPath) continue;
    const files = volumes.get(m.name);
    if (!files) continue;
    if (m.subPath in files) { out[m.mountPath] = files[m.subPath]; continue; }
    const prefix = `${m.subPath.replace(/\/+$/, '')}/`;
    for (const [rel, content] of Object.entries(files)) if (rel.startsWith(prefix)) out[join(m.mountPath, rel.slice(prefix.length))] = content;
  }
  return out;
}
