// The keys of each screen, as `?` lists them. Mutation keys carry their mutation so read-only
// mode can hide them.
import type { Mutation, ResourceScreenDef } from './screens/screenRegistry.js';

export interface KeyHelp {
  key: string;
  what: string;
  mutation?: Mutation;
}

const MUTATION_KEYS: Record<Mutation, KeyHelp> = {
  delete: { key: 'ctrl-d', what: 'delete (asks first; p cycles the propagation policy)', mutation: 'delete' },
  kill: { key: 'ctrl-k', what: 'kill the pod at once (grace period 0; asks first)', mutation: 'kill' },
  scale: { key: 's', what: 'scale', mutation: 'scale' },
  restart: { key: 'r', what: 'rollout restart (asks first)', mutation: 'restart' },
};

export function tableKeys(def: ResourceScreenDef, readonly: boolean, nested: boolean): KeyHelp[] {
  const keys: KeyHelp[] = [
    { key: ':', what: 'command: a resource (po, svc, rs, deploy, cm, sec, ns, ev, no), theme NAME, q' },
    { key: '/', what: 'filter rows by text, or by label with -l key=value' },
    { key: 'esc', what: nested ? 'clear the filter, else back' : 'clear the filter' },
    { key: 'enter', what: def.drill ? drillHelp(def.name) : 'describe' },
    { key: 'j k ↑ ↓', what: 'move the selection' },
    { key: 'PgUp PgDn', what: 'page up / down' },
    { key: 'g G', what: 'first / last row' },
    { key: 'd', what: 'describe' },
    { key: 'y', what: def.resource === 'secrets' ? 'YAML (values masked; x decodes)' : 'YAML' },
    ...def.mutations.map((m) => MUTATION_KEYS[m]),
    { key: '0', what: 'all namespaces' },
    { key: 'N', what: 'sort by name (again: reverse)' },
    { key: 'A', what: 'sort by age (again: reverse)' },
    { key: 'S', what: 'sort by status (again: reverse)' },
    { key: 'ctrl-w', what: 'wide columns on/off' },
    { key: '?', what: 'this help' },
    { key: 'q', what: nested ? 'back' : 'quit' },
  ];
  return readonly ? keys.filter((k) => !k.mutation) : keys;
}

function drillHelp(screen: string): string {
  switch (screen) {
    case 'deployments': return 'its ReplicaSets';
    case 'replicasets': return 'its pods';
    case 'services': return 'the pods behind its selector';
    case 'namespaces': return 'its pods';
    case 'nodes': return 'the pods on it';
    default: return 'open';
  }
}

export function textViewKeys(secret: boolean): KeyHelp[] {
  return [
    { key: 'j k ↑ ↓', what: 'scroll a line' },
    { key: 'PgUp PgDn', what: 'scroll a page' },
    { key: 'g G', what: 'top / bottom' },
    { key: 'h l ← →', what: 'scroll sideways (long lines are cut)' },
    ...(secret ? [{ key: 'x', what: 'decode the secret values / mask them again' }] : []),
    { key: 'esc q', what: 'back' },
  ];
}

export function dialogKeys(withPolicy: boolean): KeyHelp[] {
  return [
    { key: '← → tab', what: 'move between buttons' },
    ...(withPolicy ? [{ key: 'p', what: 'cycle the propagation policy' }] : []),
    { key: 'enter', what: 'press the focused button' },
    { key: 'esc', what: 'cancel' },
  ];
}

export function helpLines(keys: KeyHelp[]): Array<[string, string]> {
  return keys.map((k) => [k.key, k.what]);
}
