// `kubectl edit` over the Backend contract: the object goes to the editor as YAML; what comes
// back is parsed and validated by a server dry-run before anything is written; a refused save
// opens the editor again with the reasons in the header; the write is an update carrying the
// resourceVersion that was read, so a change made meanwhile by someone else is a Conflict.
//
// Deviation: kubectl edit sends a two-way strategic merge patch of what the user changed, which
// lands on whatever the object is by then; kdash replaces the object (PUT) with the
// resourceVersion it read, so an edit never silently mixes with a concurrent change.
import type { Backend } from '../../../backends/contract/backend.js';
import { isStatusError } from '../../../backends/contract/errors.js';
import { RESOURCES, apiVersionOf, qualifiedName, type ResourceName } from '../../../backends/contract/resources.js';
import type { KubeObject } from '../../../backends/contract/types.js';
import { KubectlError } from '../../ops/errors.js';
import { ManifestError, parseManifests } from '../../ops/manifests.js';
import { nameLine } from '../../ops/names.js';
import { editHeader, editableYaml, hasContent, stripComments, type EditReason } from './editFile.js';
import type { EditorFile } from './editorProcess.js';

export interface EditTarget {
  resource: ResourceName;
  namespace?: string;
  name: string;
}

export interface EditResult {
  /** kubectl's line: `deployment.apps/web edited`, or why nothing was written. */
  message: string;
  /** The object before and after, when it was written. */
  before?: KubeObject;
  after?: KubeObject;
}

/** Shows the file to the user and returns what they saved. */
export type EditFileFn = (file: EditorFile) => Promise<string>;

/** A save that cannot be sent; the editor opens again with the reason. */
class Refused extends Error {
  constructor(readonly reason: EditReason) { super(reason.head); }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The one object of the saved file, checked against the one being edited. */
function parseEdited(text: string, live: KubeObject, target: EditTarget): KubeObject {
  let docs;
  try {
    docs = parseManifests([{ path: 'edited-file', text }]);
  } catch (e) {
    const why = e instanceof ManifestError ? e.message.replace(/^error: /, '') : String(e);
    throw new Refused({ head: `The edited file had a syntax error: ${why}`, causes: [] });
  }
  if (docs.length !== 1) throw new Refused({ head: `The edited file must hold exactly one object, not ${docs.length}`, causes: [] });
  const obj = docs[0].object;
  const meta = obj.metadata;
  if (obj.apiVersion !== live.apiVersion || obj.kind !== live.kind || meta?.name !== target.name) {
    throw new Refused({ head: 'At least one of apiVersion, kind and name was changed', causes: [] });
  }
  if (target.namespace !== undefined && (meta?.namespace ?? target.namespace) !== target.namespace) {
    throw new Refused({
      head: `the namespace from the provided object "${meta?.namespace}" does not match the namespace "${target.namespace}"`, causes: [],
    });
  }
  return obj;
}

/**
 * Why the server refuses the object, as a reason to edit again; other failures are thrown.
 * Deviation: kubectl opens the file again only for Invalid errors; a BadRequest (an unknown field
 * under strict validation) ends its edit with a copy of the file kept on disk. The dashboard opens
 * the editor again for both, so the user fixes the field in place.
 */
function refusal(e: unknown, target: EditTarget): EditReason {
  const object = `${qualifiedName(RESOURCES[target.resource])} "${target.name}"`;
  if (isStatusError(e, 'Invalid')) {
    const causes = (e.status.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
    return { head: `${object} was not valid`, causes: causes.length ? causes : [e.status.message ?? ''] };
  }
  if (isStatusError(e, 'BadRequest')) return { head: `${object} could not be patched: ${e.status.message ?? ''}`, causes: [] };
  if (isStatusError(e, 'NotFound')) throw new KubectlError(`error: ${object} could not be found on the server`);
  throw e;
}

/**
 * Edits one object. `editFile` shows the file and returns the text saved; it is called again with
 * the reasons in the header while a save is refused, until the user saves a valid object or
 * leaves the file as it was (cancelled). Throws kubectl's error for a failed write (Conflict...).
 */
export async function editObject(backend: Backend, target: EditTarget, editFile: EditFileFn): Promise<EditResult> {
  const info = RESOURCES[target.resource];
  const live = { ...(await backend.get(target.resource, target.namespace, target.name)) } as KubeObject;
  live.apiVersion ??= apiVersionOf(info);
  live.kind ??= info.kind;
  const body = editableYaml(live);
  const original = editHeader([]) + body;
  let reasons: EditReason[] = [];
  let previous: string | undefined;
  let text = original;
  for (;;) {
    const saved = await editFile({ name: `${info.singular}-${target.name}`, text });
    if (previous !== undefined && stripComments(saved) === stripComments(previous)) {
      throw new KubectlError('error: Edit cancelled, no valid changes were saved.');
    }
    if (stripComments(saved) === stripComments(original)) return { message: 'Edit cancelled, no changes made.' };
    if (!hasContent(saved)) return { message: 'Edit cancelled, saved file was empty.' };
    try {
      const edited = parseEdited(saved, live, target);
      if (sameJson(editableComparable(edited), editableComparable(live))) return { message: nameLine(target.resource, target.name, 'skipped') };
      const obj: KubeObject = { ...edited, ...(live.status !== undefined ? { status: live.status } : {}) };
      try {
        await backend.update(target.resource, obj, { dryRun: true, fieldManager: 'kubectl-edit' });
      } catch (e) {
        throw new Refused(refusal(e, target));
      }
      const after = await backend.update(target.resource, obj, { fieldManager: 'kubectl-edit' });
      return { message: nameLine(target.resource, target.name, 'edited'), before: live, after };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      reasons = [e.reason];
      previous = saved;
      text = editHeader(reasons) + stripComments(saved).replace(/^\n+/, '');
    }
  }
}

/** The object as the file shows it, for "nothing changed" after parsing. */
function editableComparable(obj: KubeObject): unknown {
  const o = structuredClone(obj);
  delete o.status;
  if (o.metadata) delete o.metadata.managedFields;
  return JSON.parse(JSON.stringify(o, Object.keys(flatKeys(o)).sort()));
}

function flatKeys(v: unknown, acc: Record<string, true> = {}): Record<string, true> {
  if (Array.isArray(v)) v.forEach((x) => flatKeys(x, acc));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { acc[k] = true; flatKeys(x, acc); }
  return acc;
}
