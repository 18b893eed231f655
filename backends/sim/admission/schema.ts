// The field names and types of every object kdash serves, generated from @kubernetes/client-node's
// models by scripts/gen-schema.mjs (see there for the type notation).
import schemaJson from './fieldSchema.json' with { type: 'json' };

export interface FieldSchema {
  /** Kind → root model name (`Deployment` → `V1Deployment`). */
  kinds: Record<string, string>;
  /** Model name → field name → field type. */
  types: Record<string, Record<string, string>>;
}

export const FIELD_SCHEMA: FieldSchema = schemaJson;

export function rootModel(kind: string | undefined): string | undefined {
  return kind ? FIELD_SCHEMA.kinds[kind] : undefined;
}

export function fieldsOf(model: string): Record<string, string> | undefined {
  return FIELD_SCHEMA.types[model];
}

/** The Go struct name of a model: `V1DeploymentSpec` → `DeploymentSpec`, `CoreV1Event` → `Event`. */
export function goStructName(model: string): string {
  let name = structNames.get(model);
  if (name === undefined) {
    name = model.replace(/^(Core|Discovery|Events)?V\d+((alpha|beta)\d+)?/, '');
    structNames.set(model, name);
  }
  return name;
}

const structNames = new Map<string, string>();

const GO_SCALARS: Record<string, string> = {
  string: 'string', int32: 'int32', int64: 'int64', double: 'float64', boolean: 'bool', time: 'v1.Time',
  intstr: 'intstr.IntOrString', quantity: 'resource.Quantity', bytes: '[]uint8', any: 'interface {}',
};

/** The Go type as reflect prints it in decoding errors (`int32`, `[]v1.Container`, `map[string]string`). */
export function goTypeName(type: string): string {
  if (type.startsWith('[]')) return `[]${goTypeName(type.slice(2))}`;
  if (type.startsWith('{}')) return `map[string]${goTypeName(type.slice(2))}`;
  return GO_SCALARS[type] ?? `v1.${goStructName(type)}`;
}
