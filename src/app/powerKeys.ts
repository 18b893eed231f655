// The `?` help of the edit, apply, logs and xray keys. Edit and apply carry their mutation, so
// read-only mode hides them.
import type { KeyHelp } from './keymap.js';
import type { ResourceScreenDef } from './screens/screenRegistry.js';

export const EDIT_KEY: KeyHelp = { key: 'e', what: 'edit in $EDITOR (validated by the server before it is saved)', hint: 'edit', mutation: 'edit' };
export const APPLY_KEY: KeyHelp = { key: ':apply -f', what: 'apply a file or folder (all objects or none; tab completes paths)', mutation: 'apply' };

const LOGS_OF = new Set(['pods', 'deployments', 'replicasets']);
const XRAY_OF = new Set(['deployments', 'services']);

/** The keys a table adds for its resource: edit everywhere, logs on pods and their owners, xray on Deployments and Services. */
export function powerKeys(def: ResourceScreenDef): KeyHelp[] {
  return [
    EDIT_KEY,
    ...(LOGS_OF.has(def.resource) ? [{ key: 'l', what: def.resource === 'pods' ? 'logs' : 'logs of its first pod (as kubectl logs picks it)', hint: 'logs' }] : []),
    ...(XRAY_OF.has(def.resource) ? [{ key: 'x', what: def.resource === 'services' ? 'xray: the pods behind its endpoints' : 'xray: its ReplicaSets and their pods', hint: 'xray' }] : []),
    APPLY_KEY,
  ];
}

export function offersLogs(resource: string): boolean { return LOGS_OF.has(resource); }
export function offersXray(resource: string): boolean { return XRAY_OF.has(resource); }
