// What the apiserver's JSON decoder reports before anything else looks at an object: values
// of the wrong type (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas
// of type int32`) and, with fieldValidation=Strict, unknown fields
// (`strict decoding error: unknown field "spec.seletor"`). Both are HTTP 400 BadRequest.
import { badRequest, type StatusError } from '../../contract/errors.js';
import type { KubeObject } from '../../contract/types.js';
import { fieldsOf, goStructName, goTypeName, rootModel } from './schema.js';

type Json = unknown;

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonKind(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number, object
}

const INT_RANGE: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_SUFFIX = /^(|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)$/;

/** resource.ParseQuantity's two format errors. */
function quantityError(s: string): string | undefined {
  const m = QUANTITY_FORMAT.exec(s.trim());
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1])) {
    return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  }
  if (!QUANTITY_SUFFIX.test(m[2])) return "unable to parse quantity's suffix";
  return undefined;
}

const BASE64_CHAR = /[A-Za-z0-9+/]/;
const isNewline = (ch: string | undefined) => ch === '\n' || ch === '\r';

/** encoding/base64 StdEncoding.Decode (decodeQuantum): the offset of its CorruptInputError, or -1. */
export function base64ErrorOffset(src: string): number {
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) return j === 0 ? -1 : si - j;
      const ch = src[si++];
      if (BASE64_CHAR.test(ch)) continue;
      if (isNewline(ch)) { j--; continue; }
      if (ch !== '=' || j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? si : -1;
    }
  }
}

const FIELD = 0;
const INDEX = 1;
const KEY = 2;

/** The walk's state: the path as a stack of segments, joined only when an error needs it. */
interface Walk {
  segs: Array<string | number>;
  kinds: number[];
  unknown: string[];
  typeError?: string;
}

/** The strict decoder's path, with list indexes: `spec.containers[0].imagee`. */
function strictPath(w: Walk): string {
  let out = '';
  w.segs.forEach((s, i) => {
    if (w.kinds[i] === FIELD) out += out ? `.${s}` : String(s);
    else out += `[${s}]`;
  });
  return out;
}

/** encoding/json's path, field names only: `spec.containers.image`. */
function goPath(w: Walk): string {
  return w.segs.filter((_, i) => w.kinds[i] === FIELD).join('.');
}

function push(w: Walk, seg: string | number, kind: number): void {
  w.segs.push(seg);
  w.kinds.push(kind);
}

function pop(w: Walk): void {
  w.segs.pop();
  w.kinds.pop();
}

function typeError(w: Walk, value: Json, type: string, struct: string, number = false): void {
  if (w.typeError) return;
  const what = number ? `number ${String(value)}` : jsonKind(value);
  const target = struct ? `Go struct field ${struct}.${goPath(w)}` : 'Go value';
  w.typeError = `json: cannot unmarshal ${what} into ${target} of type ${goTypeName(type)}`;
}

const elementTypes = new Map<string, string>();

/** `[]V1Container` → `V1Container`, `{}string` → `string`: kept, as every write walks the same few types. */
function elementType(type: string): string {
  let elem = elementTypes.get(type);
  if (elem === undefined) elementTypes.set(type, (elem = type.slice(2)));
  return elem;
}

/** Walks a value against its schema type; `struct` is the Go struct that holds the current field. */
function walk(w: Walk, value: Json, type: string, struct: string): void {
  if (value === null || value === undefined) return;
  if (type.startsWith('[]')) {
    if (!Array.isArray(value)) return typeError(w, value, type, struct);
    const elem = elementType(type);
    for (let i = 0; i < value.length; i++) {
      push(w, i, INDEX);
      walk(w, value[i], elem, struct);
      pop(w);
    }
    return;
  }
  if (type.startsWith('{}')) {
    if (!isPlainObject(value)) return typeError(w, value, type, struct);
    const elem = elementType(type);
    for (const k in value) {
      push(w, k, KEY);
      walk(w, value[k], elem, struct);
      pop(w);
    }
    return;
  }
  switch (type) {
    case 'any': return;
    case 'string': case 'time':
      if (typeof value !== 'string') typeError(w, value, type, struct);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') typeError(w, value, type, struct);
      return;
    case 'double':
      if (typeof value !== 'number') typeError(w, value, type, struct);
      return;
    case 'int32': case 'int64': {
      if (typeof value !== 'number') return typeError(w, value, type, struct);
      const [lo, hi] = INT_RANGE[type];
      if (!Number.isInteger(value) || value < lo || value > hi) typeError(w, value, type, struct, true);
      return;
    }
    case 'intstr':
      if (typeof value === 'string') return;
      if (typeof value !== 'number') return typeError(w, value, 'int32', struct);
      if (!Number.isInteger(value) || Math.abs(value) > 2147483647) typeError(w, value, 'int32', struct, true);
      return;
    case 'quantity': {
      if (typeof value !== 'string' && typeof value !== 'number') {
        w.typeError ??= "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        return;
      }
      const err = quantityError(String(value));
      if (err) w.typeError ??= err;
      return;
    }
    case 'bytes': {
      if (typeof value !== 'string') return typeError(w, value, type, struct);
      const at = base64ErrorOffset(value);
      if (at >= 0) w.typeError ??= `illegal base64 data at input byte ${at}`;
      return;
    }
  }
  const fields = fieldsOf(type);
  if (!fields) return;
  if (!isPlainObject(value)) return typeError(w, value, type, struct);
  const name = goStructName(type);
  for (const k in value) {
    push(w, k, FIELD);
    const fieldType = fields[k];
    if (fieldType === undefined) w.unknown.push(strictPath(w));
    else walk(w, value[k], fieldType, name);
    pop(w);
  }
}

function walkObject(obj: KubeObject): Walk | undefined {
  const model = rootModel(obj.kind);
  if (!model) return undefined;
  const w: Walk = { segs: [], kinds: [], unknown: [] };
  walk(w, obj, model, '');
  return w;
}

/** The paths of fields the object's type does not have (`spec.seletor`, `spec.template.spec.containers[0].imagee`). */
export function unknownFields(obj: KubeObject): string[] {
  return walkObject(obj)?.unknown ?? [];
}

/**
 * The BadRequest a strict decode of `obj` gives, or undefined when it decodes cleanly:
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: <reason>`.
 */
export function decodeError(obj: KubeObject, strict = true): StatusError | undefined {
  const w = walkObject(obj);
  if (!w || (!w.typeError && !(strict && w.unknown.length))) return undefined;
  const version = (obj.apiVersion ?? '').split('/').pop();
  const prefix = `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: `;
  if (w.typeError) return badRequest(prefix + w.typeError);
  return badRequest(`${prefix}strict decoding error: ${w.unknown.map((p) => `unknown field "${p}"`).join(', ')}`);
}

/** Drops null members of objects, as decoding into Go structs and encoding back does. */
export function dropNulls(v: Json): void {
  if (Array.isArray(v)) { for (const x of v) dropNulls(x); return; }
  if (!isPlainObject(v)) return;
  // for...in rather than Object.entries: no array of pairs per object on every write.
  for (const k in v) {
    const x = v[k];
    if (x === null || x === undefined) delete v[k];
    else dropNulls(x);
  }
}
