// The keys of each screen, as `?` lists them. Mutation keys carry their mutation so read-only
// mode can hide them.
import type { Mutation, ResourceScreenDef } from './screens/screenRegistry.js';
import { undoKeys } from './journalKeys.js';
import { APPLY_KEY, EDIT_KEY, powerKeys } from './powerKeys.js';

export interface KeyHelp {
  key: string;
  what: string;
  /** The word in the hint line; keys without one are left out of it. */
  hint?: string;
  mutation?: Mutation;
}

const MUTATION_KEYS: Record<Mutation, KeyHelp> = {
  delete: { key: 'ctrl-d', what: 'delete (asks first; p cycles the propagation policy)', hint: 'delete', mutation: 'delete' },
  kill: { key: 'ctrl-k', what: 'kill the pod at once (grace period 0; asks first)', hint: 'kill', mutation: 'kill' },
  scale: { key: 's', what: 'scale', hint: 'scale', mutation: 'scale' },
  restart: { key: 'r', what: 'rollout restart (asks first)', hint: 'restart', mutation: 'restart' },
  edit: EDIT_KEY,
  apply: APPLY_KEY,
  undo: { key: 'u', what: 'rollout undo to the previous revision (asks first, naming it)', hint: 'undo', mutation: 'undo' },
};

export function tableKeys(def: ResourceScreenDef, readonly: boolean, nested: boolean): KeyHelp[] {
  const keys: KeyHelp[] = [
    { key: ':', what: 'command: a resource (po, svc, rs, deploy, cm, sec, ns, ev, no), apply -f PATH, xray deploy|svc [NAME], logs NAME, theme NAME, save FILE, q', hint: 'command' },
    { key: '/', what: 'filter rows by text, or by label with -l key=value', hint: 'filter' },
    { key: 'esc', what: nested ? 'clear the filter, else back' : 'clear the filter' },
    { key: 'enter', what: def.drill ? drillHelp(def.name) : 'describe', hint: def.drill ? 'open' : undefined },
    { key: 'j k ↑ ↓', what: 'move the selection' },
    { key: 'PgUp PgDn', what: 'page up / down' },
    { key: 'g G', what: 'first / last row' },
    { key: 'd', what: 'describe', hint: 'describe' },
    { key: 'y', what: def.resource === 'secrets' ? 'YAML (values masked; x decodes)' : 'YAML', hint: 'yaml' },
    ...def.mutations.map((m) => MUTATION_KEYS[m]),
    ...undoKeys(def),
    ...powerKeys(def),
    { key: '0', what: 'all namespaces', hint: 'all-ns' },
    { key: 'N', what: 'sort by name (again: reverse)' },
    { key: 'A', what: 'sort by age (again: reverse)' },
    { key: 'S', what: 'sort by status (again: reverse)' },
    { key: 'ctrl-w', what: 'wide columns on/off', hint: 'wide' },
    { key: '?', what: 'this help', hint: 'help' },
    { key: 'q', what: nested ? 'back' : 'quit', hint: nested ? 'back' : 'quit' },
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

export function textViewKeys(secret: boolean, editable = false): KeyHelp[] {
  return [
    { key: 'j k ↑ ↓', what: 'scroll a line', hint: 'scroll' },
    { key: 'PgUp PgDn', what: 'scroll a page' },
    { key: 'g G', what: 'top / bottom' },
    { key: 'h l ← →', what: 'scroll sideways (long lines are cut)' },
    ...(secret ? [{ key: 'x', what: 'decode the secret values / mask them again', hint: 'decode' }] : []),
    ...(editable ? [EDIT_KEY] : []),
    { key: '?', what: 'this help', hint: 'help' },
    { key: 'esc q', what: 'back', hint: 'back' },
  ];
}

export function dialogKeys(withPolicy: boolean): KeyHelp[] {
  return [
    { key: '← → tab', what: 'move between buttons', hint: 'focus' },
    ...(withPolicy ? [{ key: 'p', what: 'cycle the propagation policy', hint: 'policy' }] : []),
    { key: 'enter', what: 'press the focused button', hint: 'press' },
    { key: 'esc', what: 'cancel', hint: 'cancel' },
  ];
}

export function helpLines(keys: KeyHelp[]): Array<[string, string]> {
  return keys.map((k) => [k.key, k.what]);
}

/** The hint line: help first, so a narrow terminal never cuts it off. */
export function hintLine(keys: KeyHelp[]): string {
  const hinted = keys.filter((k) => k.hint);
  hinted.sort((a, b) => (a.key === '?' ? -1 : b.key === '?' ? 1 : 0));
  return hinted.map((k) => `<${k.key}>${k.hint}`).join(' ');
}
