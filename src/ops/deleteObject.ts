// `kubectl delete <resource> <name> [--cascade=...] [--grace-period=N]` (kubectl pkg/cmd/delete).
import type { Backend, PropagationPolicy } from '../../backends/contract/backend.js';
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import { kindGroup } from './names.js';

export interface DeleteObjectOptions {
  /** kubectl's `--cascade`: background (the default), foreground or orphan. */
  propagationPolicy?: PropagationPolicy;
  /** `--grace-period`; 0 is `--grace-period=0 --force` (immediate removal, printed `force deleted`). */
  gracePeriodSeconds?: number;
}

/**
 * Sends the DELETE and returns kubectl v1.33's line, `pod "x" deleted` / `deployment.apps "web" deleted`.
 * Like kubectl it reports as soon as the API server accepted the deletion; a pod may then stay
 * Terminating for its grace period, an owner with foreground propagation until its dependents are gone.
 */
export async function deleteObject(
  b: Backend, resource: ResourceName, ns: string | undefined, name: string, opts: DeleteObjectOptions = {},
): Promise<string> {
  const namespace = RESOURCES[resource].namespaced ? ns : undefined;
  await b.delete(resource, namespace, name, {
    propagationPolicy: opts.propagationPolicy ?? 'Background',
    ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
  });
  return `${kindGroup(resource)} "${name}" ${opts.gracePeriodSeconds === 0 ? 'force deleted' : 'deleted'}`;
}
