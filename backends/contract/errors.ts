// Failures as the API server reports them: a Status object with a reason and a code.
// Both backends throw StatusError, so callers handle one shape.
import type { Status } from './types.js';
import { qualifiedName, type ResourceInfo } from './resources.js';

export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Forbidden' | 'BadRequest'
  | 'MethodNotAllowed' | 'Expired' | 'Gone' | 'Timeout' | 'InternalError' | 'Unauthorized'
  | 'ServiceUnavailable';

export interface StatusCause { reason?: string; message?: string; field?: string }

export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
    this.status = status;
  }
  get code(): number { return this.status.code ?? 500; }
  get reason(): string { return this.status.reason ?? ''; }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}

function failure(code: number, reason: StatusReason, message: string, details?: Status['details']): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** A resource, or a subresource such as `pods/binding`, with its API group. */
export interface GroupResource { name: string; group: string }

function groupResource(r: GroupResource): string {
  return r.group ? `${r.name}.${r.group}` : r.name;
}

function detailsFor(r: GroupResource, name: string): Status['details'] {
  return r.group ? { name, group: r.group, kind: r.name } : { name, kind: r.name };
}

export function notFound(r: ResourceInfo, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedName(r)} "${name}" not found`, detailsFor(r, name));
}

export function alreadyExists(r: ResourceInfo, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedName(r)} "${name}" already exists`, detailsFor(r, name));
}

export function conflict(r: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource(r)} "${name}": ${why}`, detailsFor(r, name));
}

export function forbidden(r: ResourceInfo, name: string, why: string): StatusError {
  const what = name ? `${qualifiedName(r)} "${name}"` : qualifiedName(r);
  return failure(403, 'Forbidden', `${what} is forbidden: ${why}`, detailsFor(r, name));
}

export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

export function methodNotAllowed(verb: string, r: ResourceInfo): StatusError {
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${r.name}"`);
}

export function expired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function internalError(message: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** One field problem, formatted the way apimachinery's field.Error prints it. */
export interface FieldError {
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong';
  field: string;
  /** Full message without the field prefix, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  detail: string;
}

/**
 * errors.NewInvalid: the message names the group-qualified kind (GroupKind.String():
 * `Deployment.apps "web" is invalid: ...`; core kinds have no suffix: `Service "web" ...`).
 */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): StatusError {
  const causes = errors.map((e) => `${e.field}: ${e.detail}`);
  const joined = causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid${causes.length ? `: ${joined}` : ''}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.detail, field: e.field })),
  });
}
