// Requests to a live API server over node's http/https, authenticated the way the kubeconfig says
// (client-node's KubeConfig computes the TLS material and the Authorization header: token, client
// certificate, exec plugin, ...). One keep-alive agent per cluster; credentials are asked for again
// after a minute (client-node caches exec credentials until they expire) or after a 401.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { explainConnectionError, statusErrorFrom } from './liveErrors.js';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** What the request does, for errors that come without a Status (`list pods`). */
  what: string;
  timeoutMs?: number;
}

interface Credentials {
  at: number;
  headers: Record<string, string>;
  auth?: string;
  agent: http.Agent;
}

// Deviation: client-go keeps exec credentials that carry no expirationTimestamp until the server
// answers 401; kdash asks client-node again after a minute (which runs such a plugin again).
const CREDENTIALS_TTL_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

function headersOf(o: https.RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

export class KubeHttp {
  private credentials: Credentials | undefined;
  private agent: http.Agent | undefined;
  private agentKey = '';

  /** `config` may still be loading (client-node is imported in the background): requests wait for it. */
  constructor(private readonly config: Promise<KubeConfig>, readonly server: string, readonly clusterName: string) {
    config.catch(() => { /* reported by the first request */ });
  }

  /** The body of a 2xx answer; a StatusError for any other, a ConnectionError when none came. */
  async request(r: KubeRequest): Promise<string> {
    let res = await this.send(r, await this.credentialsFor(false));
    // Expired exec or file-token credentials: ask for fresh ones once.
    if (res.status === 401) res = await this.send(r, await this.credentialsFor(true));
    if (res.status < 200 || res.status >= 300) throw statusErrorFrom(res.status, res.text, r.what);
    return res.text;
  }

  async json<T>(r: KubeRequest): Promise<T> {
    const text = await this.request({ accept: 'application/json', ...r });
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`the server ${this.server} answered ${r.what} with something other than JSON (is it a Kubernetes API server?): ${text.slice(0, 80).replace(/\s+/g, ' ')}`);
    }
  }

  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
    this.credentials = undefined;
  }

  private async credentialsFor(refresh: boolean): Promise<Credentials> {
    const c = this.credentials;
    if (c && !refresh && Date.now() - c.at < CREDENTIALS_TTL_MS) return c;
    const kc = await this.config;
    const o: https.RequestOptions = { headers: {} };
    try {
      await kc.applyToHTTPSOptions(o);
    } catch (e) {
      throw new Error(`getting credentials for user "${kc.getCurrentUser()?.name ?? ''}": ${(e as Error).message || String(e)}`.trim());
    }
    this.credentials = { at: Date.now(), headers: headersOf(o), auth: o.auth ?? undefined, agent: this.agentFor(kc, o) };
    return this.credentials;
  }

  /** A keep-alive agent with the TLS material; a proxy agent (proxy-url) as client-node made it. */
  private agentFor(kc: KubeConfig, o: https.RequestOptions): http.Agent {
    if (kc.getCurrentCluster()?.proxyUrl && o.agent) return o.agent as http.Agent;
    const key = [o.ca, o.cert, o.key, o.rejectUnauthorized, o.servername].map((v) => String(v ?? '')).join('\0');
    if (this.agent && key === this.agentKey) return this.agent;
    this.agent?.destroy();
    this.agentKey = key;
    this.agent = this.server.startsWith('https:')
      ? new https.Agent({ keepAlive: true, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.rejectUnauthorized, servername: o.servername })
      : new http.Agent({ keepAlive: true });
    return this.agent;
  }

  private send(r: KubeRequest, c: Credentials): Promise<{ status: number; text: string }> {
    const url = new URL(this.server + r.path);
    for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    const body = r.body === undefined ? undefined : JSON.stringify(r.body);
    const headers: Record<string, string> = { ...c.headers, Accept: r.accept ?? 'application/json', 'User-Agent': 'kdash' };
    if (body !== undefined) {
      headers['Content-Type'] = r.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method: r.method, headers, agent: c.agent, auth: c.auth }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(explainConnectionError(e, this.server, this.clusterName)));
      });
      req.setTimeout(r.timeoutMs ?? REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(explainConnectionError(e, this.server, this.clusterName)));
      req.end(body);
    });
  }
}
