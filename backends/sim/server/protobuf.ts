// Reads the Kubernetes protobuf encoding (`application/vnd.kubernetes.protobuf`) that kubectl's
// typed clients send for `kubectl create namespace|configmap|secret|deployment|service|...`:
// the `k8s\0` magic, a runtime.Unknown envelope with apiVersion and kind, and the object as the
// kind's generated.proto message, turned into the object's JSON form.
import { StatusError, badRequest } from '../../contract/errors.js';
import type { KubeObject } from '../../contract/types.js';
import { KIND_MESSAGES, MESSAGES, type FieldSpec } from './protobufSchemas.js';

export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from('k8s\0', 'latin1');

interface RawField { num: number; wire: number; varint?: bigint; bytes?: Buffer }

function readVarint(buf: Buffer, at: { pos: number }): bigint {
  let out = 0n;
  let shift = 0n;
  for (;;) {
    if (at.pos >= buf.length) throw new Error('truncated varint');
    const b = buf[at.pos++];
    out |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) return out;
    shift += 7n;
  }
}

function readFields(buf: Buffer): RawField[] {
  const out: RawField[] = [];
  const at = { pos: 0 };
  while (at.pos < buf.length) {
    const key = Number(readVarint(buf, at));
    const num = key >>> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ num, wire, varint: readVarint(buf, at) });
    else if (wire === 2) {
      const len = Number(readVarint(buf, at));
      if (at.pos + len > buf.length) throw new Error('truncated field');
      out.push({ num, wire, bytes: buf.subarray(at.pos, at.pos + len) });
      at.pos += len;
    } else if (wire === 1) at.pos += 8;
    else if (wire === 5) at.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

/** Go encodes every non-pointer field, zero or not: an unknown field holding only zeros is harmless. */
function isZero(f: RawField): boolean {
  if (f.wire === 0) return f.varint === 0n;
  if (f.wire !== 2 || !f.bytes) return false;
  if (f.bytes.length === 0) return true;
  try { return readFields(f.bytes).every(isZero); } catch { return false; }
}

function signed(v: bigint): number {
  return Number(v >= 1n << 63n ? v - (1n << 64n) : v);
}

function cannotDecode(where: string): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: `kdash cannot decode ${where} sent as protobuf; send the object as JSON instead (kubectl apply -f or kubectl create -f)`,
  });
}

function scalar(f: RawField, spec: FieldSpec, where: string): unknown {
  const { kind } = spec;
  if (kind === 'string') return f.bytes?.toString('utf8') ?? '';
  if (kind === 'bytes') return f.bytes?.toString('base64') ?? '';
  if (kind === 'int') return signed(f.varint ?? 0n);
  if (kind === 'bool') return (f.varint ?? 0n) !== 0n;
  const inner = readFields(f.bytes ?? Buffer.alloc(0));
  const field = (n: number) => inner.find((x) => x.num === n);
  if (kind === 'time') {
    const seconds = signed(field(1)?.varint ?? 0n);
    return seconds ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : undefined;
  }
  if (kind === 'intOrString') {
    return field(1)?.varint === 1n ? field(3)?.bytes?.toString('utf8') ?? '' : signed(field(2)?.varint ?? 0n) | 0;
  }
  if (kind === 'quantity') return field(1)?.bytes?.toString('utf8') ?? '';
  throw cannotDecode(where);
}

function isEmptyScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function decodeMessage(buf: Buffer, type: string, where: string): Record<string, unknown> {
  const specs = MESSAGES[type];
  const out: Record<string, unknown> = {};
  for (const f of readFields(buf)) {
    const spec = specs[f.num];
    if (!spec) {
      if (isZero(f)) continue;
      throw cannotDecode(`field ${f.num} of ${where}`);
    }
    const path = `${where}.${spec.json}`;
    const { kind } = spec;
    if (typeof kind === 'object' && 'map' in kind) {
      const entry = readFields(f.bytes ?? Buffer.alloc(0));
      const key = entry.find((x) => x.num === 1)?.bytes?.toString('utf8') ?? '';
      const raw = entry.find((x) => x.num === 2) ?? { num: 2, wire: 2, bytes: Buffer.alloc(0) };
      const map = (out[spec.json] ??= {}) as Record<string, unknown>;
      map[key] = scalar(raw, { json: key, kind: kind.map }, `${path}[${key}]`);
      continue;
    }
    let value: unknown;
    if (typeof kind === 'object') {
      value = decodeMessage(f.bytes ?? Buffer.alloc(0), kind.message, spec.repeated ? `${path}[${((out[spec.json] as unknown[] | undefined) ?? []).length}]` : path);
    } else {
      value = scalar(f, spec, path);
      // Go's JSON leaves out zero values of non-pointer fields (omitempty); a pointer's zero was meant.
      if (value === undefined || (!spec.pointer && !spec.repeated && isEmptyScalar(value))) continue;
    }
    if (spec.repeated) ((out[spec.json] ??= []) as unknown[]).push(value);
    else out[spec.json] = value;
  }
  return out;
}

/** The object a protobuf request body carries, in its JSON form. */
export function decodeKubeProtobuf(body: Buffer): KubeObject {
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw badRequest('the body of the request was in an unknown format: it does not start with the Kubernetes protobuf prefix');
  }
  let envelope: RawField[];
  try { envelope = readFields(body.subarray(MAGIC.length)); } catch (e) {
    throw badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`);
  }
  const typeMeta = readFields(envelope.find((x) => x.num === 1)?.bytes ?? Buffer.alloc(0));
  const apiVersion = typeMeta.find((x) => x.num === 1)?.bytes?.toString('utf8') ?? '';
  const kind = typeMeta.find((x) => x.num === 2)?.bytes?.toString('utf8') ?? '';
  const message = KIND_MESSAGES[kind];
  if (!message) throw cannotDecode(`a ${kind || 'object without a kind'}`);
  try {
    return { apiVersion, kind, ...decodeMessage(envelope.find((x) => x.num === 2)?.bytes ?? Buffer.alloc(0), message, kind) } as KubeObject;
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`);
  }
}
