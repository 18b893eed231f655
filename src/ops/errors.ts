// Failures turned into the lines kubectl prints for them (kubectl pkg/cmd/util/helpers.go checkErr).
import { StatusError } from '../../backends/contract/errors.js';

/** A failure detected by the client itself (kubectl's plain `error: ...`), not by the API server. */
export class KubectlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/**
 * The text kubectl prints for an error, without a trailing newline:
 * `Error from server (NotFound): deployments.apps "web" not found`,
 * `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: ...`,
 * `error: no rollout history found for deployment "web"`.
 */
export function formatError(e: unknown): string {
  if (e instanceof StatusError) return formatStatusError(e);
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

function formatStatusError(e: StatusError): string {
  const s = e.status;
  if (s.reason === 'Invalid') {
    const d = s.details;
    if (!d) return `The request is invalid${e.message ? `: ${e.message}` : ''}`;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes = (d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
    if (causes.length === 0) return head;
    if (causes.length === 1) return `${head}: ${causes[0]}`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})`;
  if (s.reason) return `Error from server (${s.reason}): ${e.message}`;
  return `Error from server: ${e.message}`;
}
