// `kubectl apply -f` over the Backend contract, all or nothing: every document is parsed and
// mapped to a resource, then dry-run on the server (create, or the apply patch), and only when
// all of them pass are they applied for real, in file order. Each object reports kubectl's line
// (`deployment.apps/petclinic created|configured|unchanged`).
//
// Updates are kubectl's client-side apply: the object records the applied manifest in the
// `kubectl.kubernetes.io/last-applied-configuration` annotation, and the next apply sends a
// three-way strategic merge patch (last applied → file → live): fields removed from the file
// since the last apply are removed, fields the cluster set are kept, and an empty patch is
// `unchanged`.
import type { Backend, JsonPatchOp } from '../../backends/contract/backend.js';
import { LAST_APPLIED_ANNOTATION } from '../../backends/contract/deploymentUtil.js';
import { StatusError, isStatusError } from '../../backends/contract/errors.js';
import {
  RESOURCES, apiVersionOf, resourceForKind, type ResourceInfo, type ResourceName,
} from '../../backends/contract/resources.js';
import type { KubeObject, Status } from '../../backends/contract/types.js';
import { KubectlError, formatError } from './errors.js';
import { ManifestError, parseManifests, type ManifestDocument, type ManifestSource } from './manifests.js';

export { loadManifestSources, parseManifests, type ManifestSource, type ManifestDocument } from './manifests.js';

export interface ApplyOptions {
  /** Namespace for namespaced objects that name none (kubectl: the context's, or -n). Default `default`. */
  namespace?: string;
  /** As with an explicit `-n`: an object naming another namespace is refused. */
  enforceNamespace?: boolean;
  /** Validate everything on the server and stop there (`--dry-run=server`). */
  dryRun?: boolean;
}

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface AppliedObject {
  source: string;
  document: number;
  resource: ResourceName;
  kind: string;
  namespace?: string;
  name: string;
  action: ApplyAction;
  /** kubectl's output line, e.g. `service/petclinic configured`. */
  line: string;
  /** The object as the server returned it (absent when unchanged). */
  object?: KubeObject;
}

export interface ApplyResult {
  /** kubectl's stdout: one line per object, in file order. */
  lines: string[];
  objects: AppliedObject[];
  /** kubectl's stderr warnings (`Warning: ...`). */
  warnings: string[];
}

/** Where an apply failed. */
export interface ApplyFailure {
  source: string;
  document: number;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The field the error names, when it names one (`spec.seletor`). */
  field?: string;
  /** Objects applied before the failure: empty unless the cluster changed between validation and apply. */
  applied: AppliedObject[];
}

/** A failure the server reported (its Status, with kubectl's `error when creating "<file>"` source). */
export class ApplyStatusError extends StatusError {
  constructor(status: Status, readonly failure: ApplyFailure) {
    super(status);
    this.name = 'ApplyStatusError';
  }
}

/** A failure kubectl detects itself (unreadable file, unknown kind...). */
export class ApplyClientError extends KubectlError {
  constructor(message: string, readonly failure: ApplyFailure) {
    super(message);
    this.name = 'ApplyClientError';
  }
}

export type ApplyError = ApplyStatusError | ApplyClientError;

export function isApplyError(e: unknown): e is ApplyError {
  return e instanceof ApplyStatusError || e instanceof ApplyClientError;
}

/** kubectl's text for the error, then where it happened: `in svc.yaml, document 2 (Service petclinic), field spec.seletor`. */
export function formatApplyError(e: unknown): string {
  const text = formatError(e);
  if (!isApplyError(e)) return text;
  const f = e.failure;
  const what = f.kind ? ` (${f.kind}${f.name ? ` ${f.name}` : ''})` : '';
  const field = f.field ? `, field ${f.field}` : '';
  const outcome = f.applied.length
    ? `; applied before the failure: ${f.applied.map((a) => a.line).join(', ')}`
    : '; nothing was applied';
  return `${text}\nin ${f.source}, document ${f.document}${what}${field}${outcome}`;
}

// ---------------------------------------------------------------- mapping

interface Planned {
  doc: ManifestDocument;
  info: ResourceInfo;
  namespace?: string;
  name: string;
  /** The object kubectl sends: the manifest with its namespace and the last-applied annotation. */
  modified: KubeObject;
}

const OLD_WORKLOAD_GROUPS = ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'];
const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

/** What to do about a kind/version discovery does not know: the removed beta workloads, a miscased version. */
function mappingHint(apiVersion: string, kind: string): string {
  if (OLD_WORKLOAD_GROUPS.includes(apiVersion) && WORKLOAD_KINDS.includes(kind)) {
    return `hint: ${kind} in ${apiVersion} was removed in Kubernetes v1.16; use apiVersion: apps/v1, which also requires spec.selector (matching spec.template.metadata.labels)`;
  }
  const known = Object.values(RESOURCES).find((r) => r.kind.toLowerCase() === kind.toLowerCase()
    && apiVersionOf(r).toLowerCase() === apiVersion.toLowerCase());
  if (known) return `hint: apiVersion and kind are case-sensitive: use apiVersion: ${apiVersionOf(known)} and kind: ${known.kind}`;
  const byKind = Object.values(RESOURCES).find((r) => r.kind === kind);
  if (byKind) return `hint: ${kind} is served as apiVersion: ${apiVersionOf(byKind)}`;
  return '';
}

function clientError(doc: ManifestDocument, message: string, extra: Partial<ApplyFailure> = {}): ApplyClientError {
  const meta = doc.object.metadata;
  return new ApplyClientError(message, {
    source: doc.source, document: doc.document, kind: doc.object.kind, name: meta?.name, namespace: meta?.namespace, applied: [], ...extra,
  });
}

function planDocument(doc: ManifestDocument, opts: ApplyOptions): Planned {
  const obj = structuredClone(doc.object);
  const json = JSON.stringify(obj);
  if (!obj.apiVersion) throw clientError(doc, `error: unable to decode "${doc.source}": Object 'apiVersion' is missing in '${json}'`, { field: 'apiVersion' });
  if (!obj.kind) throw clientError(doc, `error: unable to decode "${doc.source}": Object 'Kind' is missing in '${json}'`, { field: 'kind' });
  const meta = (obj.metadata ??= {});
  const info = resourceForKind(obj.apiVersion, obj.kind);
  if (!info) {
    const hint = mappingHint(obj.apiVersion, obj.kind);
    throw clientError(doc,
      `error: resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${doc.source}": `
      + `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first${hint ? `\n${hint}` : ''}`,
      { field: 'apiVersion' });
  }
  const defaultNs = opts.namespace || 'default';
  if (info.namespaced) {
    if (opts.enforceNamespace && meta.namespace && meta.namespace !== defaultNs) {
      throw clientError(doc, `error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${defaultNs}". You must pass '--namespace=${meta.namespace}' to perform this operation.`, { field: 'metadata.namespace' });
    }
    meta.namespace ||= defaultNs;
  }
  if (!meta.name) {
    if (meta.generateName) throw clientError(doc, `error: from ${doc.source}: cannot use generate name with apply`, { field: 'metadata.generateName' });
    throw clientError(doc,
      `error: error when retrieving current configuration of:\nResource: "${gvr(info)}", GroupVersionKind: "${gvk(info)}"\n`
      + `Name: "", Namespace: "${info.namespaced ? meta.namespace : ''}"\nfrom server for: "${doc.source}": resource name may not be empty`,
      { field: 'metadata.name' });
  }
  return { doc, info, namespace: info.namespaced ? meta.namespace : undefined, name: meta.name, modified: withLastApplied(obj) };
}

const gvr = (r: ResourceInfo) => `${r.group}/${r.version}, Resource=${r.name}`;
const gvk = (r: ResourceInfo) => `${r.group}/${r.version}, Kind=${r.kind}`;

// ---------------------------------------------------------------- last-applied configuration

/** encoding/json of an unstructured object: keys sorted, `<`, `>` and `&` escaped. */
export function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x === undefined ? null : x)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${goJson(k)}:${goJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return JSON.stringify(v ?? null);
}

/** GetModifiedConfiguration: the manifest without the annotation, encoded, becomes the annotation. */
function withLastApplied(obj: KubeObject): KubeObject {
  const out = structuredClone(obj);
  const meta = (out.metadata ??= {});
  const annotations = { ...meta.annotations };
  delete annotations[LAST_APPLIED_ANNOTATION];
  meta.annotations = annotations;
  const encoded = `${goJson(out)}\n`;
  meta.annotations = { ...annotations, [LAST_APPLIED_ANNOTATION]: encoded };
  return out;
}

// ---------------------------------------------------------------- three-way strategic merge patch

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

const same = (a: Json, b: Json) => canonical(a) === canonical(b);

// patchMergeKey of the list fields of kdash's types (Go struct tags); other lists are atomic.
// Deviation: lists of strings with patchStrategy merge (metadata.finalizers) are sent whole, without
// `$deleteFromPrimitiveList`, so a real server adds to them rather than replacing them.
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', imagePullSecrets: 'name',
  env: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip', resourceClaims: 'name',
  schedulingGates: 'name', topologySpreadConstraints: 'topologyKey', ownerReferences: 'uid', conditions: 'type', secrets: 'name',
};

/** `path` is the dotted field path with `[]` for list items: `spec.template.spec.containers[].ports`. */
function mergeKeyFor(path: string, field: string): string | undefined {
  if (field === 'ports') return /(containers|initContainers|ephemeralContainers)\[\]$/.test(path) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

/** Fields with patchStrategy retainKeys: Deployment spec.strategy and each pod volume. */
function retainsKeys(path: string): boolean {
  return path === 'spec.strategy' || /volumes\[\]$/.test(path);
}

const join = (path: string, k: string) => (path ? `${path}.${k}` : k);

function isMergeList(key: string | undefined, ...lists: Json[][]): key is string {
  return !!key && lists.every((l) => l.every(isObject));
}

/** What `modified` adds or changes relative to `current` (deletions are left to `deletions`). */
function additions(current: JsonObject, modified: JsonObject, path: string): JsonObject {
  const patch: JsonObject = {};
  for (const [k, mv] of Object.entries(modified)) {
    const cv = current[k];
    const p = join(path, k);
    if (mv === null) {
      if (cv !== undefined) patch[k] = null;
    } else if (cv === undefined || cv === null) {
      patch[k] = structuredClone(mv);
    } else if (isObject(mv) && isObject(cv)) {
      const sub = additions(cv, mv, p);
      if (Object.keys(sub).length) patch[k] = retainsKeys(p) ? retainKeys(sub, cv, mv) : sub;
    } else if (Array.isArray(mv) && Array.isArray(cv) && isMergeList(mergeKeyFor(path, k), mv, cv)) {
      const key = mergeKeyFor(path, k)!;
      const items: JsonObject[] = [];
      for (const m of mv as JsonObject[]) {
        const c = (cv as JsonObject[]).find((x) => same(x[key], m[key]));
        if (!c) { items.push(structuredClone(m)); continue; }
        const sub = additions(c, m, `${p}[]`);
        if (Object.keys(sub).length) items.push({ [key]: m[key], ...(retainsKeys(`${p}[]`) ? retainKeys(sub, c, m) : sub) });
      }
      const order = (mv as JsonObject[]).map((m) => m[key]);
      const currentOrder = (cv as JsonObject[]).map((c) => c[key]).filter((x) => order.some((o) => same(o, x)));
      if (items.length || !same(order, currentOrder)) {
        patch[`$setElementOrder/${k}`] = order.map((o) => ({ [key]: o }));
        if (items.length) patch[k] = items;
      }
    } else if (!same(mv, cv)) {
      patch[k] = structuredClone(mv);
    }
  }
  return patch;
}

/**
 * The `$retainKeys` directive kubectl adds for retainKeys fields. The explicit nulls for the keys
 * it drops give the same result on a server that does not know the directive.
 */
function retainKeys(sub: JsonObject, current: JsonObject, modified: JsonObject): JsonObject {
  const keep = Object.keys(modified).filter((k) => !k.startsWith('$')).sort();
  const out: JsonObject = { $retainKeys: keep, ...sub };
  for (const k of Object.keys(current)) if (!keep.includes(k) && !(k in out)) out[k] = null;
  return out;
}

/** What was in the last applied configuration and is no longer in the file: null, or `$patch: delete` in merge lists. */
function deletions(original: JsonObject, modified: JsonObject, path: string): JsonObject {
  const patch: JsonObject = {};
  for (const [k, ov] of Object.entries(original)) {
    const p = join(path, k);
    if (!(k in modified)) { patch[k] = null; continue; }
    const mv = modified[k];
    if (isObject(ov) && isObject(mv)) {
      const sub = deletions(ov, mv, p);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (Array.isArray(ov) && Array.isArray(mv) && isMergeList(mergeKeyFor(path, k), ov, mv)) {
      const key = mergeKeyFor(path, k)!;
      const items: JsonObject[] = [];
      for (const o of ov as JsonObject[]) {
        const m = (mv as JsonObject[]).find((x) => same(x[key], o[key]));
        if (!m) { items.push({ $patch: 'delete', [key]: o[key] }); continue; }
        const sub = deletions(o, m, `${p}[]`);
        if (Object.keys(sub).length) items.push({ [key]: o[key], ...sub });
      }
      if (items.length) patch[k] = items;
    }
  }
  return patch;
}

function mergePatches(a: JsonObject, b: JsonObject, path: string): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, bv] of Object.entries(b)) {
    const av = out[k];
    if (isObject(av) && isObject(bv)) out[k] = mergePatches(av, bv, join(path, k));
    else if (Array.isArray(av) && Array.isArray(bv) && mergeKeyFor(path, k)) {
      const key = mergeKeyFor(path, k)!;
      const items = (av as JsonObject[]).map((x) => x);
      for (const item of bv as JsonObject[]) {
        const i = items.findIndex((x) => same(x[key], item[key]));
        if (i < 0) items.push(item);
        else items[i] = mergePatches(items[i], item, `${join(path, k)}[]`);
      }
      out[k] = items;
    } else if (!(k in out)) out[k] = bv;
  }
  return out;
}

/** strategicpatch.CreateThreeWayMergePatch(original, modified, current) with overwrite. */
export function threeWayMergePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject): JsonObject {
  const delta = additions(current, modified, '');
  if (!original) return delta;
  return mergePatches(deletions(original, modified, ''), delta, '');
}

function lastApplied(live: KubeObject): JsonObject | undefined {
  const text = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- running

function objectLine(info: ResourceInfo, name: string, action: ApplyAction): string {
  return `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name} ${action}`;
}

function fieldOf(e: StatusError): string | undefined {
  const cause = e.status.details?.causes?.find((c) => c.field);
  if (cause) return cause.field;
  const msg = e.status.message ?? '';
  return /unknown field "([^"]+)"/.exec(msg)?.[1] ?? /Go struct field \w+\.(\S+) of type/.exec(msg)?.[1];
}

/** kubectl's AddSourceToErr: `error when <verb> "<file>": <server message>`. */
function serverError(e: unknown, p: Planned, verb: string, applied: AppliedObject[]): unknown {
  if (!isStatusError(e)) return e;
  const failure: ApplyFailure = {
    source: p.doc.source, document: p.doc.document, kind: p.info.kind, name: p.name, namespace: p.namespace, field: fieldOf(e), applied,
  };
  return new ApplyStatusError({ ...e.status, message: `error when ${verb} "${p.doc.source}": ${e.status.message ?? ''}` }, failure);
}

function patchVerb(p: Planned, patch: JsonObject): string {
  return `applying patch:\n${goJson(patch)}\nto:\nResource: "${gvr(p.info)}", GroupVersionKind: "${gvk(p.info)}"\n`
    + `Name: "${p.name}", Namespace: "${p.namespace ?? ''}"\nfor: "${p.doc.source}": error when patching`;
}

async function getLive(b: Backend, p: Planned): Promise<KubeObject | undefined> {
  try {
    return await b.get(p.info.name, p.namespace, p.name);
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return undefined;
    throw e;
  }
}

/**
 * The warnings the server sends with a write of this object.
 * Deviation: computed here, because the Backend contract carries no response warnings; only the
 * pod-name warning of §16 item 13 is known.
 */
function serverWarnings(p: Planned): string[] {
  if (p.info.name === 'pods' && p.name.includes('.')) {
    return ["Warning: metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"];
  }
  return [];
}

function missingAnnotationWarning(p: Planned): string {
  return `Warning: resource ${p.info.name}/${p.name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. `
    + 'kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. '
    + 'The missing annotation will be patched automatically.';
}

interface Step { action: ApplyAction; object?: KubeObject; warnings: string[] }

/** One object, dry-run or for real. */
async function applyOne(b: Backend, p: Planned, dryRun: boolean, namespaceSoon: boolean, applied: AppliedObject[]): Promise<Step> {
  const live = namespaceSoon ? undefined : await getLive(b, p);
  if (!live) {
    let body = p.modified;
    if (namespaceSoon) {
      // The namespace is created by an earlier document of this apply: validate in one that exists.
      body = structuredClone(p.modified);
      body.metadata!.namespace = 'default';
    }
    try {
      const object = await b.create(p.info.name, body, { dryRun, fieldManager: 'kubectl-client-side-apply' });
      return { action: 'created', object, warnings: serverWarnings(p) };
    } catch (e) {
      if (namespaceSoon && (isStatusError(e, 'AlreadyExists') || isStatusError(e, 'NotFound') || isStatusError(e, 'Forbidden'))) {
        return { action: 'created', warnings: [] };
      }
      throw serverError(e, p, 'creating', applied);
    }
  }
  const original = lastApplied(live);
  const patch = threeWayMergePatch(original, p.modified as JsonObject, live as JsonObject);
  if (Object.keys(patch).length === 0) return { action: 'unchanged', warnings: [] };
  try {
    const object = await b.patch(p.info.name, p.namespace, p.name, 'strategic', patch as Record<string, unknown> | JsonPatchOp[], {
      dryRun, fieldManager: 'kubectl-client-side-apply',
    });
    const warnings = original ? [] : [missingAnnotationWarning(p)];
    if (live.metadata?.deletionTimestamp) warnings.push(`Warning: Detected changes to resource ${p.name} which is currently being deleted.`);
    return { action: 'configured', object, warnings: [...warnings, ...serverWarnings(p)] };
  } catch (e) {
    throw serverError(e, p, patchVerb(p, patch), applied);
  }
}

/**
 * Applies manifests in order, all or nothing. Throws an ApplyError (kubectl's text through
 * formatError, the place through formatApplyError) and then nothing has been applied.
 * On a live cluster the objects are validated by server dry-run first; a change made by
 * someone else between that and the real writes can still fail a later object.
 */
export async function applyManifests(b: Backend, sources: ManifestSource[], opts: ApplyOptions = {}): Promise<ApplyResult> {
  if (sources.length === 0) throw new KubectlError('error: no objects passed to apply');
  let docs: ManifestDocument[];
  try {
    docs = parseManifests(sources);
  } catch (e) {
    if (e instanceof ManifestError) throw new ApplyClientError(e.message, { source: e.source, document: e.document, applied: [] });
    throw e;
  }
  if (docs.length === 0) throw new KubectlError('error: no objects passed to apply');
  const plans = docs.map((d) => planDocument(d, opts));
  const validated = await run(b, plans, true);
  return opts.dryRun ? validated : run(b, plans, false);
}

/**
 * Every object in order. A dry run cannot create namespaces, so an object in a namespace that an
 * earlier document creates is validated in `default` instead.
 */
async function run(b: Backend, plans: Planned[], dryRun: boolean): Promise<ApplyResult> {
  const objects: AppliedObject[] = [];
  const warnings: string[] = [];
  const namespacesToCreate = new Set<string>();
  for (const p of plans) {
    const namespaceSoon = dryRun && p.namespace !== undefined && namespacesToCreate.has(p.namespace);
    const step = await applyOne(b, p, dryRun, namespaceSoon, dryRun ? [] : objects);
    if (p.info.name === 'namespaces' && step.action === 'created') namespacesToCreate.add(p.name);
    warnings.push(...step.warnings);
    const line = objectLine(p.info, p.name, step.action) + (dryRun ? ' (server dry run)' : '');
    objects.push({
      source: p.doc.source, document: p.doc.document, resource: p.info.name, kind: p.info.kind,
      namespace: p.namespace, name: p.name, action: step.action, line, object: step.object,
    });
  }
  return { lines: objects.map((o) => o.line), objects, warnings };
}
