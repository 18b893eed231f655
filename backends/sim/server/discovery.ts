// Discovery documents: /version, /api, /apis and the per-group-version resource lists
// (legacy, non-aggregated JSON, which client-go accepts by its Content-Type).
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../../contract/resources.js';
import { EMPTY_RESOURCES } from './emptyResources.js';

export function versionDoc(gitVersion: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1', minor: m?.[2] ?? '33', gitVersion,
    gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', gitTreeState: 'clean',
    buildDate: '2025-05-15T00:00:00Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64',
  };
}

function groups(): Map<string, ResourceInfo[]> {
  const out = new Map<string, ResourceInfo[]>();
  for (const r of Object.values(RESOURCES)) {
    const gv = apiVersionOf(r);
    out.set(gv, [...(out.get(gv) ?? []), r]);
  }
  return out;
}

export function apiVersionsDoc(serverAddress: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupListDoc(): unknown {
  const named = [...groups().keys()].filter((gv) => gv.includes('/'));
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: named.map((gv) => {
      const [name, version] = gv.split('/');
      return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
    }),
  };
}

export function apiGroupDoc(group: string): unknown | undefined {
  const gv = [...groups().keys()].find((k) => k.startsWith(`${group}/`));
  if (!gv) return undefined;
  const version = gv.split('/')[1];
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
}

const SUBRESOURCES: Record<string, Array<{ sub: string; kind: string; group?: string; version?: string; verbs: string[] }>> = {
  pods: [
    { sub: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { sub: 'log', kind: 'Pod', verbs: ['get'] },
  ],
  deployments: [
    { sub: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    { sub: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  ],
  replicasets: [
    { sub: 'status', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
    { sub: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  ],
  services: [{ sub: 'status', kind: 'Service', verbs: ['get', 'patch', 'update'] }],
  namespaces: [
    { sub: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
    { sub: 'finalize', kind: 'Namespace', verbs: ['update'] },
  ],
  nodes: [{ sub: 'status', kind: 'Node', verbs: ['get', 'patch', 'update'] }],
};

export function resourceListDoc(groupVersion: string): unknown | undefined {
  const list = groups().get(groupVersion);
  if (!list) return undefined;
  const resources: unknown[] = [];
  // The API server lists a group version's resources by name; kubectl expands `all` in this order.
  for (const r of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
    const verbs = r.name === 'namespaces' || r.name === 'nodes'
      ? r.verbs.filter((v) => v !== 'deletecollection' || r.name === 'nodes') : r.verbs;
    resources.push({
      name: r.name, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
      storageVersionHash: Buffer.from(`${groupVersion}/${r.kind}`).toString('base64').slice(0, 11),
    });
    for (const s of SUBRESOURCES[r.name] ?? []) {
      resources.push({
        name: `${r.name}/${s.sub}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: s.verbs,
        ...(s.group ? { group: s.group, version: s.version } : {}),
      });
    }
  }
  if (groupVersion === 'v1') {
    for (const e of EMPTY_RESOURCES) {
      resources.push({ name: e.name, singularName: e.kind.toLowerCase(), namespaced: true, kind: e.kind, verbs: ['get', 'list'], shortNames: e.shortNames });
    }
    resources.sort((a, b) => (a as { name: string }).name.localeCompare((b as { name: string }).name));
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export function groupVersions(): string[] {
  return [...groups().keys()];
}
