// ValidateConfigMap, ValidateSecret (with the per-type required keys) and ValidateNamespace.
import type { ConfigMap, Namespace, Secret } from '../../contract/types.js';
import {
  forbiddenField, invalidEach, invalidValue, required, type ErrorList,
} from './fieldErrors.js';
import { validateObjectMeta } from './metaValidation.js';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameCheck } from './names.js';

const MAX_SIZE = 1024 * 1024;
const subdomain = nameCheck(isDNS1123Subdomain);

function validateKeys(keys: string[], path: string, other: Record<string, unknown> | undefined, otherName: string): ErrorList {
  const errs: ErrorList = [];
  for (const k of keys.sort()) {
    errs.push(...invalidEach(`${path}[${k}]`, k, isConfigMapKey(k)));
    if (other && k in other) errs.push(invalidValue(`${path}[${k}]`, k, `duplicate of key present in ${otherName}`));
  }
  return errs;
}

export function validateConfigMap(cm: ConfigMap, old?: ConfigMap): ErrorList {
  const errs = validateObjectMeta(cm.metadata, subdomain);
  errs.push(...validateKeys(Object.keys(cm.data ?? {}), 'data', cm.binaryData, 'binaryData'));
  errs.push(...validateKeys(Object.keys(cm.binaryData ?? {}), 'binaryData', cm.data, 'data'));
  const size = Object.values(cm.data ?? {}).reduce((n, v) => n + Buffer.byteLength(String(v)), 0)
    + Object.values(cm.binaryData ?? {}).reduce((n, v) => n + Buffer.from(String(v), 'base64').length, 0);
  if (size > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: '', detail: `Too long: may not be more than ${MAX_SIZE} bytes` });
  if (old?.immutable) {
    if (JSON.stringify(cm.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
    if (JSON.stringify(cm.binaryData ?? {}) !== JSON.stringify(old.binaryData ?? {})) errs.push(forbiddenField('binaryData', 'field is immutable when `immutable` is set'));
    if (!cm.immutable) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
  }
  return errs;
}

/** Deviation: the reason is JavaScript's JSON.parse message, not Go's encoding/json one. */
function decodedJsonError(b64: string): string | undefined {
  try {
    JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** ValidateSecret: the keys each type requires (`data[tls.crt]: Required value`). */
export function validateSecret(s: Secret, old?: Secret): ErrorList {
  const errs = validateObjectMeta(s.metadata, subdomain);
  const data = s.data ?? {};
  errs.push(...validateKeys(Object.keys(data), 'data', undefined, ''));
  const size = Object.values(data).reduce((n, v) => n + Buffer.from(String(v), 'base64').length, 0);
  if (size > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: 'data', detail: `Too long: may not be more than ${MAX_SIZE} bytes` });
  const has = (k: string) => k in data;
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) { errs.push(required(`data[${key}]`)); break; }
      const err = decodedJsonError(data[key]);
      if (err) errs.push(invalidValue(`data[${key}]`, '<secret contents redacted>', err));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
    default:
      break;
  }
  if (old) {
    if ((s.type ?? '') !== (old.type ?? '')) errs.push(invalidValue('type', s.type ?? '', 'field is immutable'));
    if (old.immutable) {
      if (JSON.stringify(s.data ?? {}) !== JSON.stringify(old.data ?? {})) errs.push(forbiddenField('data', 'field is immutable when `immutable` is set'));
      if (!s.immutable) errs.push(forbiddenField('immutable', 'field is immutable when `immutable` is set'));
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

export function validateNamespace(ns: Namespace): ErrorList {
  const errs = validateObjectMeta(ns.metadata, nameCheck(isDNS1123Label));
  (ns.spec?.finalizers ?? []).forEach((f, i) => {
    const path = `spec.finalizers[${i}]`;
    const msgs = isQualifiedName(f);
    if (msgs.length) errs.push(...invalidEach(path, f, msgs));
    else if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      errs.push(invalidValue(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}
