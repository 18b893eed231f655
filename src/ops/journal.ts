// The undo journal: every change kdash makes is recorded with what is needed to undo it (the
// object's last manifest, the previous replicas, the template before a rollout, the object before
// an edit), or with the reason it cannot be undone. Pure over the Backend contract: entries hold
// plain objects, and undoing one is an ordinary create / scale / rollout undo / update / delete.
import { RESOURCES, type ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject, PodTemplateSpec } from '../../backends/contract/types.js';

export type JournalAction = 'delete' | 'kill' | 'scale' | 'restart' | 'rollout undo' | 'edit' | 'apply';

export interface JournalTarget {
  resource: ResourceName;
  namespace?: string;
  name: string;
  /** The object's uid when the change was made: an undo never touches a re-created namesake. */
  uid?: string;
}

/** How to undo an entry. */
export type UndoPlan =
  /** Create the object again from its last manifest (server-set fields removed). */
  | { kind: 'recreate'; manifest: KubeObject }
  /** Scale back to the replicas before the change. */
  | { kind: 'scale'; replicas: number }
  /** Roll the Deployment back to the revision whose template this is (its number then: `revision`). */
  | { kind: 'rollback'; template: PodTemplateSpec; revision: number }
  /** Put the object's spec (data, labels, annotations) back as it was before an edit. */
  | { kind: 'restore'; before: KubeObject }
  /** Delete the object the change created. */
  | { kind: 'delete' }
  | { kind: 'impossible'; reason: string };

export interface JournalRecord {
  action: JournalAction;
  target: JournalTarget;
  /** What changed, shown after the object: `3 → 5 replicas`, `revision 3 → 2`, `Background`. */
  detail?: string;
  undo: UndoPlan;
}

/** recorded: can still be undone (or tried); undone: done; passed: ctrl-z reported it cannot be undone and moved on. */
export type EntryState = 'recorded' | 'undone' | 'passed';

export interface JournalEntry extends JournalRecord {
  readonly id: number;
  /** When the change was made (ms, the dashboard's clock). */
  readonly at: number;
  state: EntryState;
  /** The undo's outcome, once undone. */
  result?: string;
}

/** `deployment default/web`, `namespace dev`. */
export function targetLabel(t: { resource: ResourceName; namespace?: string; name: string }): string {
  const kind = RESOURCES[t.resource].singular;
  return t.namespace ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.name}`;
}

/** `scale deployment default/web (3 → 5 replicas)`. */
export function entryLabel(e: JournalRecord): string {
  return `${e.action} ${targetLabel(e.target)}${e.detail ? ` (${e.detail})` : ''}`;
}

/** What undoing the entry will do, in a sentence; or why it cannot be undone. */
export function undoDescription(e: JournalRecord): string {
  const what = targetLabel(e.target);
  const u = e.undo;
  switch (u.kind) {
    case 'recreate': {
      const svc = e.target.resource === 'services' ? ', keeping its clusterIP and nodePorts where they are still free' : '';
      const dep = e.target.resource === 'deployments' ? ' (its ReplicaSets and pods are created anew)' : '';
      return `Creates ${what} again from its last manifest${svc}${dep}.`;
    }
    case 'scale': return `Scales ${what} back to ${u.replicas} replicas.`;
    case 'rollback': return `Rolls ${what} back to its template before the ${e.action} (revision ${u.revision} then).`;
    case 'restore': return `Restores ${what} as it was before the ${e.action}.`;
    case 'delete': return `Deletes ${what}, which the ${e.action} created.`;
    case 'impossible': return `Cannot be undone: ${u.reason}.`;
  }
}

export class Journal {
  private readonly list: JournalEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a change kdash has just made. */
  record(r: JournalRecord): JournalEntry {
    const e: JournalEntry = { ...r, id: this.nextId++, at: this.now(), state: 'recorded' };
    this.list.push(e);
    this.changed();
    return e;
  }

  /** Newest first. */
  entries(): JournalEntry[] {
    return [...this.list].reverse();
  }

  get(id: number): JournalEntry | undefined {
    return this.list.find((e) => e.id === id);
  }

  /** What ctrl-z undoes: the newest entry neither undone nor passed over. */
  next(): JournalEntry | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i].state === 'recorded') return this.list[i];
    return undefined;
  }

  /** ctrl-z reported that the entry cannot be undone; the next ctrl-z looks further back. */
  pass(id: number): void {
    const e = this.get(id);
    if (e && e.state === 'recorded') { e.state = 'passed'; this.changed(); }
  }

  markUndone(id: number, result: string): void {
    const e = this.get(id);
    if (!e) return;
    e.state = 'undone';
    e.result = result;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}
