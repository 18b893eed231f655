// Undoing a journal entry over the Backend contract: a create, a scale, a rollout undo, an update
// or a delete, each checking first that the object is still the one the entry changed.
import type { Backend } from '../../backends/contract/backend.js';
import { findNewReplicaSet, revisionOf } from '../../backends/contract/deploymentUtil.js';
import { isStatusError } from '../../backends/contract/errors.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { Deployment, KubeObject, Service } from '../../backends/contract/types.js';
import { KubectlError } from './errors.js';
import { entryLabel, targetLabel, type Journal, type JournalEntry, type JournalTarget, type UndoPlan } from './journal.js';
import { kindGroup, nameLine } from './names.js';
import { replicaSetsOf } from './replicaSets.js';
import { rolloutUndo } from './rolloutUndo.js';
import { scale } from './scale.js';

export interface UndoOutcome {
  /** The flash line: kubectl's line for what was done, with what was kept or reached. */
  message: string;
  /** A rollback was started: the Deployment's revision before it, to follow the new number. */
  rollback?: { namespace: string; name: string; fromRevision: number; toRevision: number };
}

function ns(t: JournalTarget): string | undefined {
  return RESOURCES[t.resource].namespaced ? t.namespace : undefined;
}

async function tryGet(b: Backend, t: JournalTarget): Promise<KubeObject | undefined> {
  try {
    return await b.get(t.resource, ns(t), t.name);
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return undefined;
    throw e;
  }
}

/** The object as it is now, when it is still the one the entry changed. */
async function sameObject(b: Backend, t: JournalTarget): Promise<KubeObject> {
  const cur = await tryGet(b, t);
  if (!cur) throw new KubectlError(`${targetLabel(t)} no longer exists`);
  if (t.uid && cur.metadata?.uid !== t.uid) throw new KubectlError(`${targetLabel(t)} was deleted and created again since: it is not the object that was changed`);
  return cur;
}

function alreadyAllocated(e: unknown): boolean {
  return isStatusError(e, 'Invalid') && /already allocated/.test(e.message + JSON.stringify(e.status.details ?? {}));
}

/** The Service's fixed addresses that another Service took meanwhile are left for the server to allocate. */
async function freeAddresses(b: Backend, svc: Service): Promise<{ manifest: Service; notes: string[] }> {
  const manifest = structuredClone(svc);
  const spec = manifest.spec ?? {};
  let items: Service[];
  try {
    ({ items } = await b.list('services'));
  } catch {
    // Not allowed to list every namespace: try the old addresses; the create falls back if taken.
    return { manifest, notes: [] };
  }
  const ips = new Set(items.flatMap((s) => s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])));
  const ports = new Set(items.flatMap((s) => (s.spec?.ports ?? []).map((p) => p.nodePort).filter((p) => p !== undefined)));
  const notes: string[] = [];
  const ip = spec.clusterIP;
  if (ip && ip !== 'None') {
    if (ips.has(ip)) {
      delete spec.clusterIP; delete spec.clusterIPs;
      notes.push(`clusterIP ${ip} is taken: a new one is allocated`);
    } else notes.push(`clusterIP ${ip} kept`);
  }
  for (const p of spec.ports ?? []) {
    if (p.nodePort === undefined) continue;
    if (ports.has(p.nodePort)) { notes.push(`nodePort ${p.nodePort} is taken: a new one is allocated`); delete p.nodePort; }
    else notes.push(`nodePort ${p.nodePort} kept`);
  }
  return { manifest, notes };
}

function withoutFixedAddresses(svc: Service): Service {
  const m = structuredClone(svc);
  if (m.spec && m.spec.clusterIP !== 'None') { delete m.spec.clusterIP; delete m.spec.clusterIPs; }
  for (const p of m.spec?.ports ?? []) delete p.nodePort;
  return m;
}

async function recreate(b: Backend, t: JournalTarget, manifest: KubeObject): Promise<UndoOutcome> {
  const existing = await tryGet(b, t);
  if (existing?.metadata?.deletionTimestamp) throw new KubectlError(`${targetLabel(t)} is still being deleted: undo again once it is gone`);
  let obj = manifest;
  let notes: string[] = [];
  if (t.resource === 'services' && !existing) ({ manifest: obj, notes } = await freeAddresses(b, manifest as Service));
  let created: KubeObject;
  try {
    created = await b.create(t.resource, obj);
  } catch (e) {
    // Taken between the check and the create: let the server choose.
    if (t.resource !== 'services' || !alreadyAllocated(e)) throw e;
    created = await b.create(t.resource, withoutFixedAddresses(obj as Service));
    const s = (created as Service).spec;
    notes = [`addresses taken meanwhile: clusterIP ${s?.clusterIP ?? ''} allocated`];
  }
  const line = nameLine(t.resource, created.metadata?.name ?? t.name, 'created');
  return { message: notes.length ? `${line} (${notes.join(', ')})` : line };
}

async function rollback(b: Backend, t: JournalTarget, u: Extract<UndoPlan, { kind: 'rollback' }>): Promise<UndoOutcome> {
  const d = await sameObject(b, t) as Deployment;
  const { all } = await replicaSetsOf(b, d);
  const rs = findNewReplicaSet({ ...d, spec: { ...d.spec!, template: u.template } }, all);
  if (!rs) {
    throw new KubectlError(`the template of revision ${u.revision} is no longer in the history of deployment "${t.name}" (its ReplicaSet was deleted)`);
  }
  const to = revisionOf(rs);
  const r = await rolloutUndo(b, t.namespace ?? '', t.name, to);
  if (!r.message.endsWith(' rolled back')) return { message: r.message };
  return { message: `${r.message} to revision ${to}`, rollback: { namespace: t.namespace ?? '', name: t.name, fromRevision: r.fromRevision, toRevision: to } };
}

/** The object now, with the spec (and every other top-level field), labels and annotations of `before`. */
export function restoredObject(cur: KubeObject, before: KubeObject): KubeObject {
  const out = structuredClone(cur) as KubeObject & Record<string, unknown>;
  const prev = before as KubeObject & Record<string, unknown>;
  const fixed = new Set(['apiVersion', 'kind', 'metadata', 'status']);
  for (const k of Object.keys(out)) if (!fixed.has(k) && !(k in prev)) delete out[k];
  for (const [k, v] of Object.entries(prev)) if (!fixed.has(k)) out[k] = structuredClone(v);
  const meta = out.metadata ?? {};
  meta.labels = structuredClone(before.metadata?.labels);
  // The controllers' own annotations (revision, desired replicas) stay as they are now.
  const controllerSet = Object.entries(cur.metadata?.annotations ?? {}).filter(([k]) => k.startsWith('deployment.kubernetes.io/'));
  const userSet = Object.entries(before.metadata?.annotations ?? {}).filter(([k]) => !k.startsWith('deployment.kubernetes.io/'));
  meta.annotations = Object.fromEntries([...userSet, ...controllerSet]);
  if (Object.keys(meta.annotations).length === 0) delete meta.annotations;
  if (!meta.labels) delete meta.labels;
  out.metadata = meta;
  return out;
}

async function restore(b: Backend, t: JournalTarget, before: KubeObject): Promise<UndoOutcome> {
  // An update with the current resourceVersion; one more try if someone wrote in between.
  for (let attempt = 0; ; attempt++) {
    const cur = await sameObject(b, t);
    try {
      await b.update(t.resource, restoredObject(cur, before));
      return { message: nameLine(t.resource, t.name, 'restored') };
    } catch (e) {
      if (attempt > 0 || !isStatusError(e, 'Conflict')) throw e;
    }
  }
}

/** Undoes one entry; throws (a KubectlError or the API's StatusError) when it cannot. */
export async function undoEntry(b: Backend, e: JournalEntry): Promise<UndoOutcome> {
  const t = e.target, u = e.undo;
  switch (u.kind) {
    case 'impossible': throw new KubectlError(`cannot undo the ${e.action}: ${u.reason}`);
    case 'recreate': return recreate(b, t, u.manifest);
    case 'scale': {
      await sameObject(b, t);
      const line = await scale(b, t.resource as 'deployments' | 'replicasets', t.namespace ?? '', t.name, u.replicas);
      return { message: `${line} (back to ${u.replicas} replicas)` };
    }
    case 'rollback': return rollback(b, t, u);
    case 'restore': return restore(b, t, u.before);
    case 'delete': {
      await sameObject(b, t);
      await b.delete(t.resource, ns(t), t.name, { propagationPolicy: 'Background', ...(t.uid ? { preconditions: { uid: t.uid } } : {}) });
      return { message: `${kindGroup(t.resource)} "${t.name}" deleted` };
    }
  }
}

/** Undoes the entry and marks it undone in the journal. */
export async function undoJournalEntry(b: Backend, journal: Journal, id: number): Promise<UndoOutcome> {
  const e = journal.get(id);
  if (!e) throw new KubectlError(`no journal entry ${id}`);
  if (e.state === 'undone') throw new KubectlError(`${entryLabel(e)} was already undone`);
  const outcome = await undoEntry(b, e);
  journal.markUndone(id, outcome.message);
  return outcome;
}
