// A live cluster's failures in the contract's shape: an HTTP error becomes a StatusError carrying
// the server's own Status (so a 403 reads `pods is forbidden: User "x" cannot list resource
// "pods" ...`), and a failed connection becomes a message that says what went wrong and what to
// check, the way kubectl words it (`Unable to connect to the server: ...`).
import { STATUS_CODES } from 'node:http';
import { StatusError, type StatusReason } from '../contract/errors.js';
import type { Status } from '../contract/types.js';

const REASONS: Record<number, StatusReason> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  409: 'Conflict', 410: 'Expired', 422: 'Invalid', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout',
};

function isStatus(v: unknown): v is Status {
  return !!v && typeof v === 'object' && (v as { kind?: unknown }).kind === 'Status';
}

/** The StatusError for an HTTP error response: the server's Status when it sent one. */
export function statusErrorFrom(code: number, body: string, what: string): StatusError {
  let parsed: unknown;
  try { parsed = JSON.parse(body); } catch { /* not JSON: a proxy's or a plain-text error */ }
  if (isStatus(parsed)) return new StatusError({ ...parsed, code: parsed.code ?? code });
  const text = body.trim().split('\n')[0] || STATUS_CODES[code] || `HTTP ${code}`;
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, reason: REASONS[code],
    message: `the server answered ${code} ${STATUS_CODES[code] ?? ''} to ${what}: ${text}`.replace(/\s+:/, ':'),
  });
}

/** An error that never reached the API server (refused, unresolvable, TLS). */
export class ConnectionError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

// A chain ending in a CA the client does not trust (sent along or not) is an unknown authority;
// a lone certificate that signs itself is self-signed.
const TLS_UNTRUSTED = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'SELF_SIGNED_CERT_IN_CHAIN']);
const TLS_SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']);

function codeOf(e: unknown): string {
  const err = e as { code?: unknown; cause?: { code?: unknown }; errno?: unknown };
  if (typeof err?.code === 'string') return err.code;
  if (typeof err?.cause?.code === 'string') return err.cause.code;
  return '';
}

/**
 * Explains a failed connection to `server` (of kubeconfig cluster `cluster`). Anything that is
 * not a connection failure is returned unchanged.
 */
export function explainConnectionError(e: unknown, server: string, cluster: string): unknown {
  if (e instanceof StatusError || e instanceof ConnectionError) return e;
  const code = codeOf(e);
  const detail = e instanceof Error ? e.message : String(e);
  const host = (() => { try { return new URL(server).host; } catch { return server; } })();
  const say = (what: string) => new ConnectionError(`Unable to connect to the server: ${what}`, code);
  if (code === 'ECONNREFUSED') return say(`dial tcp ${host}: connect: connection refused (is the cluster running? the kubeconfig's server for cluster "${cluster}" is ${server})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return say(`dial tcp: lookup ${new URL(server).hostname}: no such host (check the server of cluster "${cluster}" in the kubeconfig)`);
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EPIPE') {
    return say(`${code === 'ECONNRESET' ? 'connection reset by peer' : code === 'ETIMEDOUT' ? 'i/o timeout' : 'no route to host'} (${server})`);
  }
  if (TLS_SELF_SIGNED.has(code)) {
    return say(`tls: failed to verify certificate: x509: the certificate of ${host} is self-signed and not trusted; give cluster "${cluster}" its certificate-authority (or certificate-authority-data) in the kubeconfig`);
  }
  if (TLS_UNTRUSTED.has(code)) {
    return say(`tls: failed to verify certificate: x509: certificate signed by unknown authority (${host}); check certificate-authority(-data) of cluster "${cluster}" in the kubeconfig`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const alt = (e as { cert?: { subjectaltname?: string } }).cert?.subjectaltname ?? '';
    const names = alt.split(',').map((n) => n.trim().replace(/^(DNS|IP Address):/, '')).filter(Boolean);
    const valid = names.length ? `certificate is valid for ${names.join(', ')}, not ${new URL(server).hostname}` : `certificate is not valid for ${new URL(server).hostname}`;
    return say(`tls: failed to verify certificate: x509: ${valid}; use a name the certificate was issued for, or set tls-server-name for cluster "${cluster}"`);
  }
  if (code === 'CERT_HAS_EXPIRED') return say(`tls: failed to verify certificate: x509: certificate has expired (${host})`);
  if (code === 'EPROTO' || /wrong version number|packet length too long/i.test(detail)) {
    return say(`tls handshake with ${host} failed (${detail}); is the server http:// rather than https://?`);
  }
  return e;
}
