// The three patch formats the API accepts: JSON patch (RFC 6902), JSON merge patch (RFC 7386)
// and Kubernetes strategic merge patch (lists of known kinds merge by key).
import { badRequest } from '../../contract/errors.js';
import { cloneJson } from './jsonValue.js';
import type { JsonPatchOp, PatchType } from '../../contract/backend.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applyPatch(target: JsonObject, type: PatchType, patch: JsonPatchOp[] | JsonObject): JsonObject {
  switch (type) {
    case 'json':
      if (!Array.isArray(patch)) throw badRequest('json patch must be a list of operations');
      return applyJsonPatch(target, patch);
    case 'merge':
      if (!isObject(patch)) throw badRequest('merge patch must be an object');
      return mergePatch(target, patch) as JsonObject;
    case 'strategic':
      if (!isObject(patch)) throw badRequest('strategic merge patch must be an object');
      return strategicMerge(target, patch, '') as JsonObject;
  }
}

// ---- RFC 7386 ----
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// ---- RFC 6902 ----
function unescape(seg: string): string { return seg.replace(/~1/g, '/').replace(/~0/g, '~'); }

function splitPointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`invalid JSON pointer: "${path}"`);
  return path.slice(1).split('/').map(unescape);
}

function getAt(doc: Json, segs: string[], path: string): Json {
  let cur = doc;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObject(cur)) cur = cur[s];
    else cur = undefined;
    if (cur === undefined) throw badRequest(`jsonpatch: path "${path}" does not exist`);
  }
  return cur;
}

function parentOf(doc: Json, segs: string[], path: string): [Json, string] {
  const parent = getAt(doc, segs.slice(0, -1), path);
  return [parent, segs[segs.length - 1]];
}

export function applyJsonPatch(target: JsonObject, ops: JsonPatchOp[]): JsonObject {
  let doc: Json = cloneJson(target);
  for (const op of ops) {
    const segs = splitPointer(op.path);
    if (segs.length === 0) {
      if (op.op === 'replace' || op.op === 'add') { doc = cloneJson(op.value); continue; }
      throw badRequest(`jsonpatch ${op.op} on the root is not supported`);
    }
    const [parent, key] = parentOf(doc, segs, op.path);
    const value = op.op === 'copy' || op.op === 'move' ? cloneJson(getAt(doc, splitPointer(op.from ?? ''), op.from ?? '')) : cloneJson(op.value);
    if (op.op === 'move') {
      const fromSegs = splitPointer(op.from ?? '');
      const [fp, fk] = parentOf(doc, fromSegs, op.from ?? '');
      if (Array.isArray(fp)) fp.splice(Number(fk), 1); else delete (fp as JsonObject)[fk];
    }
    switch (op.op) {
      case 'test':
        if (JSON.stringify(getAt(doc, segs, op.path)) !== JSON.stringify(op.value)) throw badRequest(`jsonpatch: test operation failed at "${op.path}"`);
        break;
      case 'remove':
        getAt(doc, segs, op.path);
        if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete (parent as JsonObject)[key];
        break;
      case 'replace':
        getAt(doc, segs, op.path);
        if (Array.isArray(parent)) parent[Number(key)] = value; else (parent as JsonObject)[key] = value;
        break;
      case 'add': case 'copy': case 'move':
        if (Array.isArray(parent)) {
          if (key === '-') parent.push(value); else parent.splice(Number(key), 0, value);
        } else if (isObject(parent)) parent[key] = value;
        else throw badRequest(`jsonpatch: cannot add at "${op.path}"`);
        break;
      default:
        throw badRequest(`jsonpatch: unknown operation "${(op as { op: string }).op}"`);
    }
  }
  if (!isObject(doc)) throw badRequest('jsonpatch: the result is not an object');
  return doc;
}

// ---- strategic merge patch ----
// Merge keys of the list fields kdash's resource types use (from the Go struct tags).
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name',
  volumeMounts: 'mountPath', volumeDevices: 'devicePath', imagePullSecrets: 'name', hostAliases: 'ip',
  tolerations: '', ownerReferences: 'uid', conditions: 'type', ports: 'containerPort', topologySpreadConstraints: 'topologyKey',
  secrets: 'name',
};

function mergeKeyFor(field: string, path: string, sample: Json[]): string | undefined {
  // Service ports merge by port, container ports by containerPort.
  if (field === 'ports') {
    const first = sample.find(isObject);
    if (first && 'port' in first && !('containerPort' in first)) return 'port';
    return path.includes('containers') ? 'containerPort' : 'port';
  }
  const key = MERGE_KEYS[field];
  return key ? key : undefined;
}

export function strategicMerge(target: Json, patch: Json, path: string): Json {
  if (!isObject(patch)) return cloneJson(patch);
  if (patch['$patch'] === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return cloneJson(rest);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (k.startsWith('$setElementOrder/')) continue;
    if (v === null) { delete out[k]; continue; }
    const cur = out[k];
    if (Array.isArray(v) && Array.isArray(cur)) {
      const key = mergeKeyFor(k, path, [...v, ...cur]);
      out[k] = key ? mergeList(cur, v, key, `${path}.${k}`) : cloneJson(v);
    } else if (isObject(v)) {
      out[k] = strategicMerge(cur, v, `${path}.${k}`);
    } else {
      out[k] = cloneJson(v);
    }
  }
  return out;
}

function mergeList(cur: Json[], patch: Json[], key: string, path: string): Json[] {
  const out = cur.map((x) => x);
  for (const item of patch) {
    if (!isObject(item)) { out.push(cloneJson(item)); continue; }
    const idx = out.findIndex((x) => isObject(x) && x[key] === item[key]);
    if (item['$patch'] === 'delete') { if (idx >= 0) out.splice(idx, 1); continue; }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], item, path);
    else out.push(cloneJson(item));
  }
  return out;
}
