// The objects a scenario step names: one by name, or every match of a label selector, in name order.
import type { Backend } from '../../backends/contract/backend.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { isStatusError } from '../../backends/contract/errors.js';
import type { ObjectRef } from './scenarioTypes.js';

function namespaceOf(t: ObjectRef): string | undefined {
  return RESOURCES[t.resource].namespaced ? t.namespace : undefined;
}

export async function listTargets(b: Backend, t: ObjectRef): Promise<KubeObject[]> {
  const ns = namespaceOf(t);
  if (t.name !== undefined) {
    try {
      return [await b.get(t.resource, ns, t.name) as KubeObject];
    } catch (e) {
      if (isStatusError(e) && e.status.code === 404) return [];
      throw e;
    }
  }
  const items = (await b.list(t.resource, { namespace: ns, ...(t.selector ? { labelSelector: t.selector } : {}) })).items as KubeObject[];
  return items.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}

/** One object the step acts on: the named one, or the first (by name) of the selector's matches. */
export async function firstTarget(b: Backend, t: ObjectRef): Promise<KubeObject> {
  const found = (await listTargets(b, t)).filter((o) => !o.metadata?.deletionTimestamp);
  if (found.length === 0) {
    throw new Error(`no ${t.resource} ${t.name !== undefined ? `named "${t.name}"` : `matching ${t.selector}`} in namespace "${t.namespace}"`);
  }
  return found[0];
}
