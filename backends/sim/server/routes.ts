// Parses kube API paths: /api/v1/..., /apis/<group>/<version>/..., with namespaces,
// names and subresources.
import { RESOURCES, type ResourceInfo } from '../../contract/resources.js';

export interface ResourceRoute {
  resource: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

function findResource(group: string, version: string, name: string): ResourceInfo | undefined {
  return Object.values(RESOURCES).find((r) => r.group === group && r.version === version && r.name === name);
}

/** Returns undefined when the path is not a resource path (discovery, unknown group...). */
export function parseResourcePath(pathname: string): ResourceRoute | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string, version: string, rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = ''; version = parts[1]; rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]; version = parts[2]; rest = parts.slice(3);
  } else return undefined;

  // /namespaces/{ns}/{resource}[/{name}[/{sub}]] — but /namespaces/{name}[/{sub}] is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const resource = findResource(group, version, rest[2]);
    if (!resource || !resource.namespaced) return undefined;
    return { resource, namespace: rest[1], name: rest[3], subresource: rest[4] };
  }
  const resource = findResource(group, version, rest[0]);
  if (!resource) return undefined;
  if (resource.namespaced && rest.length > 1) return undefined;
  return { resource, name: rest[1], subresource: rest[2] };
}
