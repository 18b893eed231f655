// `kubectl apply --server-side` (PATCH with application/apply-patch+yaml): the applied
// configuration creates the object, or is merged into it.
// Deviation: no field ownership. metadata.managedFields is not kept, so there are no conflicts
// between managers, and a field dropped from the applied configuration stays on the object
// instead of being removed; the merge is the strategic merge kubectl's client-side apply uses.
import yaml from 'js-yaml';
import { badRequest, isStatusError } from '../../contract/errors.js';
import { apiVersionOf, type ResourceInfo } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';

export const APPLY_PATCH_TYPE = 'application/apply-patch+yaml';

function parseApplied(text: string, r: ResourceInfo, name: string): KubeObject {
  let obj: unknown;
  try { obj = yaml.load(text); } catch (e) { throw badRequest(`error decoding YAML: ${(e as Error).message}`); }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('the applied configuration must be an object');
  const applied = obj as KubeObject;
  if (applied.apiVersion !== apiVersionOf(r) || applied.kind !== r.kind) {
    throw badRequest(`the applied configuration is a ${applied.kind ?? '(no kind)'} in ${applied.apiVersion ?? '(no apiVersion)'}, the URL names ${r.kind} in ${apiVersionOf(r)}`);
  }
  if (applied.metadata?.name !== undefined && applied.metadata.name !== name) {
    throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  }
  return applied;
}

/** The object after the apply, and whether the apply created it (201 rather than 200). */
export function serverSideApply(api: ApiServer, r: ResourceInfo, namespace: string | undefined, name: string, text: string, dryRun: boolean): { obj: KubeObject; created: boolean } {
  const applied = parseApplied(text, r, name);
  applied.metadata = { ...applied.metadata, name, ...(namespace ? { namespace } : {}) };
  try {
    api.get(r.name, namespace, name);
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return { obj: api.create(r.name, applied, { dryRun }), created: true };
    throw e;
  }
  return { obj: api.patch(r.name, namespace, name, 'strategic', applied as unknown as Record<string, unknown>, { dryRun }), created: false };
}
