// Core resources the simulated cluster has none of, served as empty read-only collections so
// that clients listing them see the truth ("no quota") rather than a missing API:
// `kubectl describe namespace` lists ResourceQuotas and LimitRanges to print
// "No resource quota." and "No LimitRange resource.".
export interface EmptyResource { name: string; kind: string; shortNames: string[]; columns: string[] }

export const EMPTY_RESOURCES: EmptyResource[] = [
  { name: 'limitranges', kind: 'LimitRange', shortNames: ['limits'], columns: ['Name', 'Created At'] },
  { name: 'resourcequotas', kind: 'ResourceQuota', shortNames: ['quota'], columns: ['Name', 'Age', 'Request', 'Limit'] },
];

export interface EmptyRoute { resource: EmptyResource; name?: string }

/** Matches /api/v1/[namespaces/{ns}/]{limitranges|resourcequotas}[/{name}]. */
export function parseEmptyResourcePath(path: string): EmptyRoute | undefined {
  const m = /^\/api\/v1\/(?:namespaces\/[^/]+\/)?([a-z]+)(?:\/([^/]+))?$/.exec(path);
  const resource = m ? EMPTY_RESOURCES.find((r) => r.name === m[1]) : undefined;
  return resource ? { resource, name: m![2] } : undefined;
}

/** The answer to a request on one of these resources: an empty list, NotFound, or a refusal. */
export function emptyResourceResponse(route: EmptyRoute, method: string, table: boolean, resourceVersion: string): { code: number; body: unknown } {
  const { resource } = route;
  if (method === 'GET' && !route.name) {
    if (table) {
      return {
        code: 200,
        body: {
          kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion },
          columnDefinitions: resource.columns.map((name, i) => ({ name, type: 'string', format: i === 0 ? 'name' : '', description: '', priority: 0 })),
          rows: [],
        },
      };
    }
    return { code: 200, body: { kind: `${resource.kind}List`, apiVersion: 'v1', metadata: { resourceVersion }, items: [] } };
  }
  if (method === 'GET' || method === 'DELETE') {
    return {
      code: 404,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, message: `${resource.name} "${route.name}" not found`, details: { name: route.name, kind: resource.name } },
    };
  }
  return {
    code: 405,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'MethodNotAllowed', code: 405, message: `kdash's simulated cluster has no ${resource.kind}s: they can be listed (there are none) but not written` },
  };
}
