// The OpenAPI v3 documents `kubectl apply` and `create -f` read to decide that the server
// validates fields itself (`fieldValidation` on each kind's PATCH operation), so kubectl sends
// `?fieldValidation=Strict` instead of downloading schemas for client-side validation.
import { RESOURCES, apiVersionOf, type ResourceInfo } from '../../contract/resources.js';
import { groupVersions } from './discovery.js';

function gvPath(gv: string): string { return gv.includes('/') ? `apis/${gv}` : `api/${gv}`; }

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).toUpperCase().padStart(8, '0').repeat(16);
}

export function openApiIndex(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) {
    const p = gvPath(gv);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash(p)}` };
  }
  return { paths };
}

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];

function patchOperation(r: ResourceInfo): unknown {
  return {
    description: `partially update the specified ${r.kind}`,
    operationId: `patch${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
    parameters: [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
    ],
    requestBody: { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: { type: 'object' } }])), required: true },
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
  };
}

export function openApiGroupVersion(path: string): unknown | undefined {
  const gv = groupVersions().find((g) => gvPath(g) === path);
  if (!gv) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of Object.values(RESOURCES)) {
    if (apiVersionOf(r) !== gv) continue;
    const base = r.namespaced ? `/${path}/namespaces/{namespace}/${r.name}/{name}` : `/${path}/${r.name}/{name}`;
    paths[base] = { patch: patchOperation(r) };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.33.1' },
    paths,
    components: { schemas: {} },
  };
}

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function protoString(field: number, s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
}

/**
 * The OpenAPI v2 document as the protobuf kubectl asks for: `swagger` and `info` only, no
 * definitions. kubectl reads it when a kind is missing from the v3 index (an unknown
 * apiVersion such as extensions/v1beta1): finding no schema it skips client-side validation
 * and reports the missing kind itself ("no matches for kind"), as against a real cluster.
 * Deviation: no definitions here and no schemas in the v3 documents, so `kubectl explain` and
 * client-side validation have nothing to read.
 */
export function openApiV2Protobuf(version: string): Buffer {
  const info = Buffer.concat([protoString(1, 'Kubernetes'), protoString(2, version)]);
  return Buffer.concat([protoString(1, '2.0'), Buffer.from([(2 << 3) | 2, info.length]), info]);
}
