// The resource types kdash knows, described the way API discovery describes them.
import type { ObjectOf } from './types.js';

export type ResourceName = keyof ObjectOf;

export interface ResourceInfo {
  /** Plural resource name, as in the URL: `pods`, `deployments`. */
  name: ResourceName;
  group: string; // '' for the core group
  version: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Verbs as discovery lists them. */
  verbs: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function info(
  name: ResourceName, group: string, version: string, kind: string, namespaced: boolean,
  shortNames: string[] = [], categories: string[] = [],
): ResourceInfo {
  return { name, group, version, kind, singular: kind.toLowerCase(), namespaced, shortNames, categories, verbs: RW };
}

export const RESOURCES: Record<ResourceName, ResourceInfo> = {
  pods: info('pods', '', 'v1', 'Pod', true, ['po'], ['all']),
  services: info('services', '', 'v1', 'Service', true, ['svc'], ['all']),
  endpoints: info('endpoints', '', 'v1', 'Endpoints', true, ['ep']),
  configmaps: info('configmaps', '', 'v1', 'ConfigMap', true, ['cm']),
  secrets: info('secrets', '', 'v1', 'Secret', true),
  namespaces: info('namespaces', '', 'v1', 'Namespace', false, ['ns']),
  nodes: info('nodes', '', 'v1', 'Node', false, ['no']),
  events: info('events', '', 'v1', 'Event', true, ['ev']),
  serviceaccounts: info('serviceaccounts', '', 'v1', 'ServiceAccount', true, ['sa']),
  replicasets: info('replicasets', 'apps', 'v1', 'ReplicaSet', true, ['rs'], ['all']),
  deployments: info('deployments', 'apps', 'v1', 'Deployment', true, ['deploy'], ['all']),
  endpointslices: info('endpointslices', 'discovery.k8s.io', 'v1', 'EndpointSlice', true),
};

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps` for non-core groups, `pods` for core: the name used in Status messages. */
export function qualifiedName(r: ResourceInfo): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

export function resourceForKind(apiVersion: string | undefined, kind: string | undefined): ResourceInfo | undefined {
  return Object.values(RESOURCES).find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
}

export function resourceForKindName(kind: string): ResourceInfo | undefined {
  return Object.values(RESOURCES).find((r) => r.kind === kind);
}

/** Resolves what a user types (`po`, `pod`, `pods`, `deployments.apps`) to a resource. */
export function resolveResource(word: string): ResourceInfo | undefined {
  const w = word.toLowerCase();
  return Object.values(RESOURCES).find(
    (r) => r.name === w || r.singular === w || r.shortNames.includes(w) || qualifiedName(r) === w,
  );
}
