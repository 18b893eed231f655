// NamespaceLifecycle admission: no content in a missing or terminating namespace, and the
// immortal namespaces refuse deletion (apiserver admission/plugin/namespace/lifecycle).
import { forbidden, notFound } from '../../contract/errors.js';
import { RESOURCES } from '../../contract/resources.js';
import type { AdmissionPlugin } from './apiServer.js';

export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit({ op, resource, obj, api }) {
    const name = obj.metadata?.name ?? '';
    if (resource.name === 'namespaces') {
      if (op === 'DELETE' && IMMORTAL_NAMESPACES.has(name)) throw forbidden(resource, name, 'this namespace may not be deleted');
      return;
    }
    if (!resource.namespaced || op !== 'CREATE') return;
    const nsName = obj.metadata?.namespace ?? 'default';
    const ns = api.tryGet('namespaces', undefined, nsName);
    if (!ns) throw notFound(RESOURCES.namespaces, nsName);
    // Events too are refused: a kubelet's "Killing" events in a terminating namespace are
    // rejected, as on a real server ("Server rejected event (will not retry!)").
    if (ns.metadata?.deletionTimestamp) {
      const err = forbidden(resource, name, `unable to create new content in namespace ${nsName} because it is being terminated`);
      err.status.details = {
        ...err.status.details,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${nsName} is being terminated`, field: 'metadata.namespace' }],
      };
      throw err;
    }
  },
};
