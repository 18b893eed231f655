// An object as a user would write it: what the API server or the controllers set is left out,
// so the result can be created again (undoing a delete).
import type { KubeObject, ObjectMeta } from '../../backends/contract/types.js';

const SERVER_SET_METADATA: Array<keyof ObjectMeta> = [
  'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'ownerReferences',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink',
];

/** The token volume the ServiceAccount admission adds to every pod (`kube-api-access-<5>`). */
const TOKEN_VOLUME = /^kube-api-access-[a-z0-9]{5}$/;

interface PodSpecLike {
  nodeName?: string;
  volumes?: Array<{ name: string }>;
  containers?: Array<{ volumeMounts?: Array<{ name: string }> }>;
  initContainers?: Array<{ volumeMounts?: Array<{ name: string }> }>;
}

function withoutTokenVolume(spec: PodSpecLike): void {
  const token = (spec.volumes ?? []).filter((v) => TOKEN_VOLUME.test(v.name)).map((v) => v.name);
  if (token.length === 0) return;
  spec.volumes = spec.volumes!.filter((v) => !token.includes(v.name));
  if (spec.volumes.length === 0) delete spec.volumes;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (!c.volumeMounts) continue;
    c.volumeMounts = c.volumeMounts.filter((m) => !token.includes(m.name));
    if (c.volumeMounts.length === 0) delete c.volumeMounts;
  }
}

export function resourceManifest(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  const meta: ObjectMeta = out.metadata ?? {};
  for (const k of SERVER_SET_METADATA) delete meta[k];
  out.metadata = meta;
  delete out.status;
  const spec = out.spec as Record<string, unknown> | undefined;
  if (out.kind === 'Service' && spec) {
    // Whether the ClusterIP was chosen by the user cannot be told from the object: let the server allocate again.
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (out.kind === 'Pod' && spec) {
    delete spec.nodeName;
    withoutTokenVolume(spec as PodSpecLike);
  }
  return out;
}
