// The admission chain a write goes through before it is stored, in the apiserver's order:
// decoding (wrong types, and unknown fields as with fieldValidation=Strict: 400 BadRequest),
// defaulting (plus the registry's create/update preparation and the mutating pod plugins),
// then validation (422 Invalid). Writes to the status subresource skip it: only .status changes.
import type { AdmissionPlugin } from '../apiserver/apiServer.js';
import type { Component } from '../context.js';
import type { Random } from '../random.js';
import type { Pod } from '../../contract/types.js';
import { applyDefaults } from './defaults.js';
import { invalidObject } from './fieldErrors.js';
import { admitNewPod } from './podAdmission.js';
import { decodeError, dropNulls } from './strictFields.js';
import { validateObject } from './validation.js';

export { unknownFields, decodeError } from './strictFields.js';

/**
 * Deviation: every client's main-resource write is decoded strictly, as if each client sent
 * fieldValidation=Strict (kubectl's default); a real server only warns clients that do not ask.
 * The simulator's own controllers, like client-go's, do not ask: their typed objects are not
 * checked. The decoding runs after NamespaceLifecycle, so a missing namespace is reported first.
 */
export const strictDecoding: AdmissionPlugin = {
  name: 'StrictDecoding',
  admit({ op, obj, subresource, inProcess }) {
    if (op === 'DELETE' || subresource) return;
    // The simulator's own components build their objects without null or undefined members.
    if (inProcess) return;
    const err = decodeError(obj);
    if (err) throw err;
    dropNulls(obj);
  },
};

export function defaulting(random: Random): AdmissionPlugin {
  return {
    name: 'Defaulting',
    admit({ op, resource, obj, old, subresource }) {
      if (op === 'DELETE' || subresource) return;
      // BeforeCreate/BeforeUpdate: a cluster-scoped object has no namespace, whatever the body says.
      if (!resource.namespaced && obj.metadata) delete obj.metadata.namespace;
      applyDefaults(resource.name, obj, op === 'UPDATE' ? old : undefined);
      if (op === 'CREATE' && resource.name === 'pods') admitNewPod(obj as Pod, random);
    },
  };
}

export const validation: AdmissionPlugin = {
  name: 'Validation',
  admit({ op, resource, obj, old, subresource }) {
    if (op === 'DELETE' || subresource) return;
    const errs = validateObject(resource.name, obj, op === 'UPDATE' ? old : undefined);
    if (errs.length) throw invalidObject(resource, obj.metadata?.name ?? '', errs);
  },
};

export const admission: Component = ({ api, random }) => {
  api.use(strictDecoding);
  api.use(defaulting(random));
  api.use(validation);
};
