// What `e` and `:apply -f` do from the dashboard: the edit and the apply over the contract, their
// outcome in the flash line (or a text view when it does not fit), each change in the journal.
import type { Backend } from '../../backends/contract/backend.js';
import { isStatusError } from '../../backends/contract/errors.js';
import { resourceForKind } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { applyManifests, loadManifestSources, parseManifests, type ApplyResult, type ManifestSource } from '../ops/apply.js';
import { formatError } from '../ops/errors.js';
import type { Journal } from '../ops/journal.js';
import { recordChange } from '../ops/journaledOps.js';
import { applyFailureReport, applyPath, applyReport, expandHome } from './applyCommand.js';
import { editObject, type EditFileFn, type EditTarget } from './edit/editObject.js';
import { wrapRows } from './wrapRows.js';

export interface PowerDeps {
  backend: Backend;
  readonly: boolean;
  /** Namespace for objects that name none. */
  namespace: string;
  /** Width of the flash line. */
  width: number;
  journal?: Journal;
  editFile: EditFileFn;
  flash(text: string, level?: 'info' | 'error'): void;
  /** Shows lines in a text view titled `title`. */
  showText(title: string, lines: string[]): void;
}

/** A text view of lines wrapped to the screen's width: an error is read whole. */
function showWrapped(d: PowerDeps, title: string, text: string | string[]): void {
  d.showText(title, wrapRows(typeof text === 'string' ? text.split('\n') : text, d.width));
}

/** `e`: edit the object in the editor; refused in read-only mode. */
export function editAction(d: PowerDeps, target: EditTarget): void {
  if (d.readonly) return d.flash('read-only mode: edit is disabled', 'error');
  editObject(d.backend, target, d.editFile).then((r) => {
    if (r.after && d.journal) recordChange(d.journal, 'edit', target.resource, r.before, r.after, 'edited');
    d.flash(r.message);
  }, (e: unknown) => {
    const text = formatError(e);
    // What does not fit the flash line is shown whole in a text view.
    if (text.length > d.width || text.includes('\n')) showWrapped(d, `edit ${target.name}`, text);
    d.flash(text, 'error');
  });
}

/** The live objects a set of manifests names, before they are applied (for the journal). */
async function liveBefore(b: Backend, sources: ManifestSource[], namespace: string): Promise<Map<string, KubeObject>> {
  const out = new Map<string, KubeObject>();
  let docs;
  try { docs = parseManifests(sources); } catch { return out; }
  for (const doc of docs) {
    const info = resourceForKind(doc.object.apiVersion, doc.object.kind);
    const name = doc.object.metadata?.name;
    if (!info || !name) continue;
    const ns = info.namespaced ? doc.object.metadata?.namespace || namespace : undefined;
    try {
      out.set(`${info.name}/${ns ?? ''}/${name}`, await b.get(info.name, ns, name) as KubeObject);
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
  }
  return out;
}

function record(journal: Journal, result: ApplyResult, before: Map<string, KubeObject>): void {
  for (const o of result.objects) {
    if (o.action === 'unchanged' || !o.object) continue;
    recordChange(journal, 'apply', o.resource, before.get(`${o.resource}/${o.namespace ?? ''}/${o.name}`), o.object, o.action);
  }
}

/** `:apply -f PATH`: all objects or none; kubectl's lines in the flash or a text view. */
export function applyAction(d: PowerDeps, args: readonly string[]): void {
  if (d.readonly) return d.flash('read-only mode: apply is disabled', 'error');
  const p = applyPath(args);
  if ('error' in p) return d.flash(p.error, 'error');
  (async () => {
    const sources = await loadManifestSources(expandHome(p.path));
    const before = d.journal ? await liveBefore(d.backend, sources, d.namespace) : new Map<string, KubeObject>();
    const result = await applyManifests(d.backend, sources, { namespace: d.namespace });
    if (d.journal) record(d.journal, result, before);
    return result;
  })().then((result) => {
    const r = applyReport(result, d.width);
    if (r.lines) showWrapped(d, `apply ${p.path}`, r.lines);
    d.flash(r.flash, r.level);
  }, (e: unknown) => {
    const r = applyFailureReport(e);
    if (r.lines) showWrapped(d, `apply ${p.path}`, r.lines);
    d.flash(r.flash, r.level);
  });
}
