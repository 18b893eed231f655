// The undo story's keys on resource screens: `h` opens the rollout history (of a Deployment, or
// of the Deployment owning a ReplicaSet), ctrl-z undoes the last change kdash made.
import type { KeyHelp } from './keymap.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { screenByName, type ResourceScreenDef, type ScreenDef } from './screens/screenRegistry.js';

export function undoKeys(def: ResourceScreenDef): KeyHelp[] {
  const history: KeyHelp[] = def.resource === 'deployments'
    ? [{ key: 'h', what: 'rollout history: revisions, templates, diffs, undo to a revision', hint: 'history' }]
    : def.resource === 'replicasets'
      ? [{ key: 'h', what: "rollout history of the ReplicaSet's Deployment", hint: 'history' }]
      : [];
  return [
    ...history,
    { key: 'ctrl-z', what: 'undo the last change kdash made (asks first; :journal lists them)', mutation: 'undo' },
  ];
}

/** Where `h` leads from a row: the history screen for a Deployment or an owned ReplicaSet. */
export function historyKey(resource: ResourceName, obj: KubeObject): { def: ScreenDef } | { error: string } | undefined {
  if (resource !== 'deployments' && resource !== 'replicasets') return undefined;
  const def = screenByName('history');
  if (!def) return undefined;
  const owner = obj.metadata?.ownerReferences?.find((r) => r.controller);
  if (resource === 'replicasets' && owner?.kind !== 'Deployment') {
    return { error: `replicaset ${obj.metadata?.name} is not controlled by a Deployment: it has no rollout history` };
  }
  return { def };
}
