// Writes backends/sim/admission/fieldSchema.json: for every object type kdash serves, the
// field names and types the API knows, walked from @kubernetes/client-node's generated models
// (their attributeTypeMap). The admission chain reads this file to reject unknown fields and
// wrongly typed values the way the apiserver's strict decoder does, without loading client-node.
//
// Field types: string | int32 | int64 | double | boolean | time | intstr | quantity | bytes | any,
// a model name (V1PodSpec), `[]<type>` for arrays and `{}<type>` for string-keyed maps.
//
// Run: node scripts/gen-schema.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';

const ROOTS = {
  Pod: 'V1Pod', Deployment: 'V1Deployment', ReplicaSet: 'V1ReplicaSet', Service: 'V1Service',
  Endpoints: 'V1Endpoints', EndpointSlice: 'V1EndpointSlice', ConfigMap: 'V1ConfigMap', Secret: 'V1Secret',
  Namespace: 'V1Namespace', Node: 'V1Node', Event: 'CoreV1Event', ServiceAccount: 'V1ServiceAccount',
};

// resource.Quantity is a string in the models but accepts JSON numbers (`cpu: 1`).
const QUANTITY_MAPS = new Set(['limits', 'requests', 'capacity', 'allocatable', 'allocatedResources', 'hard', 'used', 'overhead']);
const QUANTITY_STRINGS = new Set(['sizeLimit']);

const types = {};

function scalar(type, format, field) {
  switch (type) {
    case 'string':
      if (format === 'byte') return 'bytes';
      if (QUANTITY_STRINGS.has(field)) return 'quantity';
      return 'string';
    case 'number':
      if (format === 'int32' || format === 'int64' || format === 'double') return format;
      return 'double';
    case 'boolean': return 'boolean';
    case 'Date': case 'V1MicroTime': return 'time';
    case 'any': return 'any';
    case 'IntOrString': return 'intstr';
    default: return undefined;
  }
}

function encode(type, format, field) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return `[]${encode(array[1], format, field)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (map[1] === 'string' && QUANTITY_MAPS.has(field)) return '{}quantity';
    return `{}${encode(map[1], format, field)}`;
  }
  const s = scalar(type, format, field);
  if (s) return s;
  visit(type);
  return type;
}

function visit(model) {
  if (types[model]) return;
  const cls = k8s[model];
  if (!cls || typeof cls.getAttributeTypeMap !== 'function') throw new Error(`no model ${model}`);
  const fields = {};
  types[model] = fields;
  for (const a of cls.getAttributeTypeMap()) fields[a.baseName] = encode(a.type, a.format, a.baseName);
}

for (const model of Object.values(ROOTS)) visit(model);

const sorted = Object.fromEntries(Object.keys(types).sort().map((k) => [k, types[k]]));
const out = fileURLToPath(new URL('../backends/sim/admission/fieldSchema.json', import.meta.url));
writeFileSync(out, JSON.stringify({ kinds: ROOTS, types: sorted }) + '\n');
console.log(`wrote ${out}: ${Object.keys(sorted).length} types`);
