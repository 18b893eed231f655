// The dashboard's undo story as actions any screen can call: `u` (rollout undo to the previous
// revision or to a chosen one), ctrl-z (undo the journal's last entry) and undoing a chosen entry.
// Each asks first in a dialog naming the object and what it will do; read-only mode refuses them.
import type { Key } from 'ink';
import { createContext, useContext } from 'react';
import type { Backend } from '../../backends/contract/backend.js';
import type { Deployment } from '../../backends/contract/types.js';
import { formatError, KubectlError } from '../ops/errors.js';
import { entryLabel, targetLabel, undoDescription, type Journal } from '../ops/journal.js';
import { rolloutUndoAndRecord } from '../ops/journaledOps.js';
import { undoJournalEntry, type UndoOutcome } from '../ops/journalUndo.js';
import { rolloutHistory, type RevisionEntry } from '../ops/rolloutHistory.js';
import { watchRevisionChange } from '../ops/revisionWatch.js';
import type { ResourceCacheOptions } from '../store/resourceCache.js';
import type { Scheduler } from '../store/scheduler.js';
import type { Target } from './state.js';

export type FlashFn = (text: string, level?: 'info' | 'error') => void;

/** A question the dashboard shows in its dialog, focus on Cancel; `run` is called on confirm. */
export interface ConfirmRequest {
  target: Target;
  title: string;
  lines: string[];
  /** The confirming button's word (`Roll back`, `Undo`). */
  button: string;
  run(): void;
}

export interface DashboardActions {
  journal: Journal;
  readonly: boolean;
  flash: FlashFn;
  confirm(c: ConfirmRequest): void;
  /** ctrl-z: undo the newest entry not undone yet, after asking. */
  undoLast(): void;
  /** Undo one entry (`:journal` enter), after asking. */
  undoEntry(id: number): void;
  /** `u`: roll the Deployment back to `toRevision`, or to its previous revision, after asking. */
  rollback(d: Deployment, toRevision?: number): void;
  /** For screens that keep their own caches (the history screen). */
  cacheOptions: ResourceCacheOptions;
  /** Keys the dashboard hands to the custom screen on view (see useScreenKeys). */
  screenKeys: ScreenKeys;
}

type KeyHandler = (input: string, key: Key) => void;

/**
 * The key handler of the custom screen drawn last, set while it renders: the dashboard calls it
 * synchronously, so a key typed right after the screen appears is neither lost (Ink subscribes a
 * new useInput only after the frame is drawn) nor given to an older render.
 */
export class ScreenKeys {
  private current: { screen: string; handler: KeyHandler } | undefined;
  set(screen: string, handler: KeyHandler): void { this.current = { screen, handler }; }
  dispatch(screen: string, input: string, key: Key): void {
    if (this.current?.screen === screen) this.current.handler(input, key);
  }
}

export interface ActionDeps {
  backend: Backend;
  journal: Journal;
  readonly: boolean;
  flash: FlashFn;
  confirm(c: ConfirmRequest): void;
  scheduler: Scheduler;
  cacheOptions: ResourceCacheOptions;
}

const REVISION_WAIT_MS = 60_000;
/** Dialog sentences are wrapped to fit an 80-column terminal. */
const DIALOG_TEXT_WIDTH = 72;

/** Lines of at most `width` characters, broken between words. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function imagesOf(e: RevisionEntry): string {
  return e.images.join(', ') || '<none>';
}

/** The revision kubectl's plain `rollout undo` picks: the second-highest. */
function previousRevision(entries: RevisionEntry[], name: string): RevisionEntry {
  if (entries.length < 2) throw new KubectlError(`no rollout history found for deployment "${name}"`);
  return entries[entries.length - 2];
}

export function createDashboardActions(deps: ActionDeps): DashboardActions {
  const { backend, journal, readonly, flash, confirm, scheduler } = deps;
  const refused = (): boolean => {
    if (readonly) flash('read-only mode: undo is disabled', 'error');
    return readonly;
  };

  /** Flashes the outcome, then, for a rollback, the revision number the controller gives it. */
  const report = (o: UndoOutcome) => {
    flash(o.message);
    const r = o.rollback;
    if (!r) return;
    const timer = scheduler.after(REVISION_WAIT_MS, () => w.stop());
    const w = watchRevisionChange(backend, r.namespace, r.name, r.fromRevision, (rev) => {
      timer.cancel();
      flash(`${o.message} (now revision ${rev})`);
    });
  };
  const fail = (e: unknown) => flash(formatError(e), 'error');

  const askUndo = (id: number) => {
    const e = journal.get(id);
    if (!e) return;
    if (e.state === 'undone') return flash(`${entryLabel(e)} was already undone`, 'error');
    if (e.undo.kind === 'impossible') {
      journal.pass(id);
      return flash(`cannot undo the ${e.action}: ${e.undo.reason}`, 'error');
    }
    confirm({
      target: e.target, title: `Undo ${entryLabel(e)}?`, lines: wrapWords(undoDescription(e), DIALOG_TEXT_WIDTH), button: 'Undo',
      run: () => { undoJournalEntry(backend, journal, id).then(report, fail); },
    });
  };

  return {
    journal, readonly, flash, confirm, cacheOptions: deps.cacheOptions, screenKeys: new ScreenKeys(),
    undoLast() {
      if (refused()) return;
      const e = journal.next();
      if (!e) return flash('nothing to undo: kdash has made no change that is not undone yet');
      askUndo(e.id);
    },
    undoEntry(id) {
      if (refused()) return;
      askUndo(id);
    },
    rollback(d, toRevision) {
      if (refused()) return;
      // The dialog names the revision, so the undo is sent for exactly that one (kubectl's
      // --to-revision=N). Deviation: kubectl's plain `rollout undo` picks the revision only when it
      // runs, and its skip message then says `revision 0`; kdash's says the revision it named.
      const ns = d.metadata?.namespace ?? '', name = d.metadata?.name ?? '';
      rolloutHistory(backend, ns, name).then((entries) => {
        const target = toRevision === undefined ? previousRevision(entries, name) : entries.find((e) => e.revision === toRevision);
        const current = entries.find((e) => e.current);
        const to = target?.revision ?? toRevision ?? 0;
        const lines = [
          current ? `from revision ${current.revision} (current): ${imagesOf(current)}` : 'from the current template',
          target ? `to revision ${target.revision}: ${imagesOf(target)}` : `to revision ${to}`,
          ...wrapWords('The deployment controller rolls the pods over and numbers the restored revision anew.', DIALOG_TEXT_WIDTH),
        ];
        confirm({
          target: { resource: 'deployments', namespace: ns, name },
          title: `Roll back ${targetLabel({ resource: 'deployments', namespace: ns, name })} to revision ${to}?`,
          lines, button: 'Roll back',
          run: () => {
            rolloutUndoAndRecord(backend, journal, ns, name, to).then((r) => {
              if (!r.message.endsWith(' rolled back')) return flash(r.message);
              report({ message: `${r.message} to revision ${to}`, rollback: { namespace: ns, name, fromRevision: r.fromRevision, toRevision: to } });
            }, fail);
          },
        });
      }, fail);
    },
  };
}

export const DashboardActionsContext = createContext<DashboardActions | undefined>(undefined);

/** The dashboard's undo actions and journal, for screens (custom screens record and undo through it). */
export function useDashboardActions(): DashboardActions {
  const a = useContext(DashboardActionsContext);
  if (!a) throw new Error('useDashboardActions: not inside the dashboard');
  return a;
}
