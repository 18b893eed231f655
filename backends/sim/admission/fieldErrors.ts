// apimachinery's field.Error constructors (Required, Invalid, NotSupported, Duplicate,
// Forbidden, NotFound) and the 422 Invalid StatusError they add up to.
import { invalid, StatusError, type FieldError } from '../../contract/errors.js';
import type { ResourceInfo } from '../../contract/resources.js';
import { goQuote, goValue } from './goSyntax.js';

export type FieldErrorType = FieldError['type'] | 'FieldValueNotFound';

export interface FieldErr {
  type: FieldErrorType;
  field: string;
  /** ErrorBody: `Required value`, `Invalid value: "x": must be ...`. */
  detail: string;
}

export type ErrorList = FieldErr[];

function withDetail(head: string, detail?: string): string {
  return detail ? `${head}: ${detail}` : head;
}

export function required(field: string, detail = ''): FieldErr {
  return { type: 'FieldValueRequired', field, detail: withDetail('Required value', detail) };
}

export function invalidValue(field: string, value: unknown, detail = ''): FieldErr {
  return { type: 'FieldValueInvalid', field, detail: withDetail(`Invalid value: ${goValue(value)}`, detail) };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldErr {
  const list = supported.length ? `supported values: ${supported.map((s) => goQuote(s)).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, detail: withDetail(`Unsupported value: ${goValue(value)}`, list) };
}

export function duplicate(field: string, value: unknown): FieldErr {
  return { type: 'FieldValueDuplicate', field, detail: `Duplicate value: ${goValue(value)}` };
}

export function forbiddenField(field: string, detail: string): FieldErr {
  return { type: 'FieldValueForbidden', field, detail: withDetail('Forbidden', detail) };
}

export function notFoundField(field: string, value: unknown): FieldErr {
  return { type: 'FieldValueNotFound', field, detail: `Not found: ${goValue(value)}` };
}

/** One `field.Invalid` per message, as the name and label validators report them. */
export function invalidEach(field: string, value: unknown, messages: string[]): ErrorList {
  return messages.map((m) => invalidValue(field, value, m));
}

/**
 * errors.NewInvalid: HTTP 422 with one cause per field error. The message names the
 * group-qualified kind (`Deployment.apps "web" is invalid: ...`) and aggregates the causes like
 * utilerrors.NewAggregate: one as is, several in brackets, duplicates once.
 */
export function invalidObject(resource: ResourceInfo, name: string, errs: ErrorList): StatusError {
  const base = invalid(resource.kind, resource.group, name, errs as FieldError[]);
  const seen = new Set<string>();
  for (const e of errs) seen.add(`${e.field}: ${e.detail}`);
  const msgs = [...seen];
  const aggregate = msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  const qualifiedKind = resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
  return new StatusError({ ...base.status, message: `${qualifiedKind} ${goQuote(name)} is invalid: ${aggregate}` });
}
