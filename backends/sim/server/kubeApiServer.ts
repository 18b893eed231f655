// The simulator's store served as a Kubernetes API on 127.0.0.1, so real kubectl and
// client libraries can drive it. Plain HTTP without authentication: it listens on loopback only.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StatusError, badRequest, internalError, isStatusError, methodNotAllowed } from '../../contract/errors.js';
import { apiVersionOf, type ResourceInfo } from '../../contract/resources.js';
import type { DeleteOptions, PatchType } from '../../contract/backend.js';
import type { KubeObject } from '../../contract/types.js';
import type { Simulator } from '../simulator.js';
import { apiGroupDoc, apiGroupListDoc, apiVersionsDoc, resourceListDoc, versionDoc } from './discovery.js';
import { OPENAPI_V2_PROTOBUF, openApiIndex, openApiGroupVersion, openApiV2Protobuf } from './openapi.js';
import { parseResourcePath, type ResourceRoute } from './routes.js';
import { TABLE_CONTENT_TYPE, toTable, wantsTable } from './table.js';
import { streamWatch } from './watchStream.js';
import { relaxFieldValidation, warningHeader } from './fieldValidation.js';
import { PROTOBUF_TYPE, decodeKubeProtobuf } from './protobuf.js';
import { emptyResourceResponse, parseEmptyResourcePath } from './emptyResources.js';
import { listJson, objectJson } from './objectJson.js';
import { followPodLogs } from './podLogs.js';
import { ACCESS_REVIEW_PATH, accessReview } from './accessReview.js';
import { APPLY_PATCH_TYPE, serverSideApply } from './serverSideApply.js';
import type { PodBinding } from '../apiserver/podBinding.js';

export interface ServeOptions { port?: number }

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';
const MAX_BODY = 16 * 2 ** 20;

function send(res: ServerResponse, code: number, body: unknown, contentType = JSON_TYPE): void {
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, e: unknown): void {
  const err = e instanceof StatusError ? e : internalError(e instanceof Error ? e.message : String(e));
  send(res, err.code, err.status);
}

async function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw badRequest('request body too large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch (e) { throw badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`); }
}

function patchTypeOf(contentType: string | undefined): PatchType {
  const ct = (contentType ?? '').split(';')[0].trim();
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  throw new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'UnsupportedMediaType', code: 415,
    message: `the server does not support the patch type ${ct || '(none)'}: use json, merge, strategic merge or apply patches`,
  });
}

/** Since v1.33 every request for core/v1 Endpoints carries this warning; kubectl prints it on stderr. */
const ENDPOINTS_DEPRECATED = warningHeader('v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');

/**
 * A JSON patch that does not apply (a missing path, a failed test): the apiserver answers with
 * NewGenericServerResponse(422), which keeps only this generic message, and kubectl prints
 * `The request is invalid: the server rejected our request due to an error in our request`.
 */
const JSON_PATCH_NOT_APPLIED = new StatusError({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422, details: {},
  message: 'the server rejected our request due to an error in our request',
});

/** The apiserver's 404 for a path it does not serve (an unknown resource or subresource). */
const NO_SUCH_RESOURCE = new StatusError({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404, details: {},
  message: 'the server could not find the requested resource',
});

/** Subresources that need a container runtime: a real one streams a process or a port. */
const STREAMING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward']);

function streamingUnavailable(sub: string, pod: string): StatusError {
  const what = sub === 'portforward' ? 'port-forward' : sub;
  const hint = sub === 'portforward' ? '; to reach a NodePort Service from this machine, run kdash with --expose' : '; kubectl logs works';
  return badRequest(`${what} is not available for pod ${pod}: kdash's simulated cluster runs no real containers${hint}`);
}

function listKind(r: ResourceInfo): string { return `${r.kind}List`; }

export class KubeApiHttpServer {
  private readonly server: http.Server;

  constructor(private readonly sim: Simulator) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => { if (!res.headersSent) sendError(res, e); else res.end(); });
    });
    this.server.keepAliveTimeout = 65_000;
  }

  listen(opts: ServeOptions = {}): Promise<RunningServer> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(opts.port ?? 0, '127.0.0.1', () => {
        const { port } = this.server.address() as AddressInfo;
        resolve({
          url: `http://127.0.0.1:${port}`, port,
          close: () => new Promise<void>((done) => {
            this.sim.api.closeWatches(new Error('server stopped'));
            this.server.closeAllConnections();
            this.server.close(() => done());
          }),
        });
      });
    });
  }

  private now(): number { return this.sim.clock.now(); }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (method === 'GET') {
      const doc = this.discovery(path);
      if (doc !== undefined) return send(res, 200, doc);
      if (path === '/healthz' || path === '/readyz' || path === '/livez') return send(res, 200, 'ok', 'text/plain');
      if (path === '/openapi/v2') return send(res, 200, openApiV2Protobuf(this.sim.ctx.layout.version), OPENAPI_V2_PROTOBUF);
    }
    if (path === ACCESS_REVIEW_PATH && method === 'POST') return send(res, 201, accessReview(await this.decodeBody(req)));
    const empty = parseEmptyResourcePath(path);
    if (empty) {
      const table = wantsTable(req.headers.accept);
      const out = emptyResourceResponse(empty, method, table, this.sim.api.resourceVersion);
      return send(res, out.code, out.body, table && out.code === 200 ? TABLE_CONTENT_TYPE : JSON_TYPE);
    }
    const route = parseResourcePath(path);
    if (!route) {
      if (path.startsWith('/api') || path.startsWith('/apis')) {
        return send(res, 404, NO_SUCH_RESOURCE.status);
      }
      return send(res, 404, '404 page not found', 'text/plain');
    }
    try {
      await this.resource(route, method, url.searchParams, req, res);
    } catch (e) {
      if (!res.headersSent) sendError(res, e); else res.end();
    }
  }

  private discovery(path: string): unknown {
    if (path === '/version') return versionDoc(this.sim.ctx.layout.version);
    if (path === '/api') return apiVersionsDoc('127.0.0.1:6443');
    if (path === '/apis') return apiGroupListDoc();
    if (path === '/openapi/v3') return openApiIndex();
    if (path.startsWith('/openapi/v3/')) return openApiGroupVersion(path.slice('/openapi/v3/'.length));
    let m = /^\/api\/(v1)$/.exec(path);
    if (m) return resourceListDoc(m[1]);
    m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (m) return resourceListDoc(`${m[1]}/${m[2]}`);
    m = /^\/apis\/([^/]+)$/.exec(path);
    if (m) return apiGroupDoc(m[1]);
    return undefined;
  }

  private async resource(route: ResourceRoute, method: string, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = this.sim.api;
    const r = route.resource;
    const ns = r.namespaced ? route.namespace : undefined;
    const dryRun = q.get('dryRun') === 'All';
    const table = wantsTable(req.headers.accept);
    const includeObject = q.get('includeObject') ?? 'Metadata';
    const one = (obj: KubeObject, code = 200) => {
      if (table && method === 'GET') return send(res, code, toTable(r, [obj], obj.metadata?.resourceVersion ?? '', this.now(), includeObject), TABLE_CONTENT_TYPE);
      return send(res, code, obj);
    };

    if (r.name === 'endpoints') res.setHeader('Warning', ENDPOINTS_DEPRECATED);
    if (route.subresource) return this.subresource(route, method, q, req, res);

    if (!route.name) {
      const selectors = { namespace: ns, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined };
      if (method === 'GET' && (q.get('watch') === 'true' || q.get('watch') === '1')) {
        return streamWatch(api, req, res, {
          resource: r, ...selectors,
          resourceVersion: q.get('resourceVersion') ?? undefined,
          sendInitialEvents: q.get('sendInitialEvents') === 'true',
          allowBookmarks: q.get('allowWatchBookmarks') === 'true',
          timeoutSeconds: q.get('timeoutSeconds') ? Number(q.get('timeoutSeconds')) : undefined,
          contentType: table ? TABLE_CONTENT_TYPE : JSON_TYPE,
          encode: (obj, first) => (table
            ? JSON.stringify(toTable(r, [obj], obj.metadata?.resourceVersion ?? '', this.now(), includeObject, first))
            : objectJson(obj, apiVersionOf(r), r.kind)),
        });
      }
      if (method === 'GET') {
        const { items, resourceVersion } = api.list(r.name, selectors);
        if (table) return send(res, 200, toTable(r, items, resourceVersion, this.now(), includeObject), TABLE_CONTENT_TYPE);
        return send(res, 200, listJson(apiVersionOf(r), r.kind, resourceVersion, items));
      }
      if (method === 'POST') {
        const obj = await this.objectBody(r, q, req, res);
        if (r.namespaced) {
          const bodyNs = obj.metadata?.namespace;
          if (bodyNs && bodyNs !== ns) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
          obj.metadata = { ...obj.metadata, namespace: ns };
        }
        return send(res, 201, api.create(r.name, obj, { dryRun }));
      }
      if (method === 'DELETE') {
        const opts = this.deleteOptions(q, await readBody(req));
        const { items } = api.list(r.name, selectors);
        const out: KubeObject[] = [];
        for (const o of items) {
          try { const d = api.delete(r.name, o.metadata?.namespace, o.metadata!.name!, opts); out.push(d.kind === 'Status' ? o : d as KubeObject); } catch { /* gone meanwhile */ }
        }
        return send(res, 200, { kind: listKind(r), apiVersion: apiVersionOf(r), metadata: { resourceVersion: api.resourceVersion }, items: out });
      }
      throw methodNotAllowed(method, r);
    }

    const name = route.name;
    switch (method) {
      case 'GET':
        return one(api.get(r.name, ns, name));
      case 'PUT': {
        const obj = await this.objectBody(r, q, req, res);
        if (obj.metadata?.name !== name) throw badRequest(`the name of the object (${obj.metadata?.name ?? ''}) does not match the name on the URL (${name})`);
        obj.metadata = { ...obj.metadata, ...(r.namespaced ? { namespace: ns } : {}) };
        return one(api.update(r.name, obj, { dryRun }));
      }
      case 'PATCH': {
        if ((req.headers['content-type'] ?? '').split(';')[0].trim() === APPLY_PATCH_TYPE) {
          const applied = serverSideApply(api, r, ns, name, await readBody(req), dryRun);
          return one(applied.obj, applied.created ? 201 : 200);
        }
        const type = patchTypeOf(req.headers['content-type']);
        const patch = parseJson(await readBody(req)) as Record<string, unknown>;
        try {
          return one(api.patch(r.name, ns, name, type, patch, { dryRun }));
        } catch (e) {
          throw type === 'json' && isStatusError(e, 'BadRequest') && e.message.startsWith('jsonpatch: ') ? JSON_PATCH_NOT_APPLIED : e;
        }
      }
      case 'DELETE': {
        const out = api.delete(r.name, ns, name, this.deleteOptions(q, await readBody(req)));
        return send(res, 200, out);
      }
      default:
        throw methodNotAllowed(method, r);
    }
  }

  /** A request body as JSON or as kubectl's typed clients send it, in protobuf. */
  private async decodeBody(req: IncomingMessage): Promise<KubeObject> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
    const body = await readBodyBytes(req);
    return contentType === PROTOBUF_TYPE ? decodeKubeProtobuf(body) : parseJson(body.toString('utf8')) as KubeObject;
  }

  /** The object a POST or PUT carries, after the request's fieldValidation; warnings go in headers. */
  private async objectBody(r: ResourceInfo, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<KubeObject> {
    const obj = await this.decodeBody(req);
    this.checkKind(r, obj);
    const warnings = relaxFieldValidation(obj, q.get('fieldValidation')).map(warningHeader);
    if (warnings.length) res.setHeader('Warning', [...[res.getHeader('Warning') ?? []].flat().map(String), ...warnings]);
    return obj;
  }

  private checkKind(r: ResourceInfo, obj: KubeObject): void {
    if (!obj || typeof obj !== 'object') throw badRequest('the body of the request must be an object');
    if (obj.kind && obj.kind !== r.kind) throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(r)})`);
  }

  private deleteOptions(q: URLSearchParams, body: string): DeleteOptions {
    const fromBody = body.trim() ? parseJson(body) as DeleteOptions & { orphanDependents?: boolean } : {};
    const policy = q.get('propagationPolicy') ?? fromBody.propagationPolicy ?? (fromBody.orphanDependents ? 'Orphan' : undefined);
    const grace = q.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
    if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
      throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
    }
    return {
      propagationPolicy: policy as DeleteOptions['propagationPolicy'],
      gracePeriodSeconds: grace === undefined || grace === null ? undefined : Number(grace),
      preconditions: fromBody.preconditions,
      dryRun: q.get('dryRun') === 'All' || (Array.isArray((fromBody as { dryRun?: string[] }).dryRun) && (fromBody as { dryRun?: string[] }).dryRun!.includes('All')),
    };
  }

  private async subresource(route: ResourceRoute, method: string, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = this.sim.api;
    const r = route.resource;
    const ns = r.namespaced ? route.namespace : undefined;
    const name = route.name!;
    const sub = route.subresource!;
    const dryRun = q.get('dryRun') === 'All';
    if (sub === 'status') {
      if (method === 'GET') return send(res, 200, api.get(r.name, ns, name));
      if (method === 'PUT') return send(res, 200, api.update(r.name, parseJson(await readBody(req)) as KubeObject, { subresource: 'status', dryRun }));
      if (method === 'PATCH') {
        return send(res, 200, api.patch(r.name, ns, name, patchTypeOf(req.headers['content-type']), parseJson(await readBody(req)) as Record<string, unknown>, { subresource: 'status', dryRun }));
      }
    }
    if (sub === 'scale' && (r.name === 'deployments' || r.name === 'replicasets')) {
      if (method === 'PUT' || method === 'PATCH') {
        const body = parseJson(await readBody(req)) as Record<string, unknown>;
        const current = this.scaleOf(r, api.get(r.name, ns, name));
        const next = method === 'PUT' ? body : (await import('../apiserver/patch.js')).applyPatch(current as Record<string, unknown>, patchTypeOf(req.headers['content-type']), body);
        const replicas = (next as { spec?: { replicas?: number } }).spec?.replicas;
        if (typeof replicas !== 'number') throw badRequest('spec.replicas is required in a Scale');
        api.patch(r.name, ns, name, 'merge', { spec: { replicas } }, { dryRun });
      }
      if (method === 'GET' || method === 'PUT' || method === 'PATCH') return send(res, 200, this.scaleOf(r, api.get(r.name, ns, name)));
    }
    if (sub === 'log' && r.name === 'pods' && method === 'GET' && q.get('follow') === 'true' && q.get('previous') !== 'true') {
      return followPodLogs(this.sim, req, res, { namespace: ns!, pod: name, container: q.get('container') ?? undefined, tailLines: q.get('tailLines') ? Number(q.get('tailLines')) : -1 });
    }
    if (sub === 'log' && r.name === 'pods' && method === 'GET') {
      // Without tailLines the whole log, as the kubelet sends it.
      const lines = await this.sim.backend.logs(ns!, name, q.get('container') ?? undefined, q.get('tailLines') ? Number(q.get('tailLines')) : -1, q.get('previous') === 'true');
      return send(res, 200, lines.map((l) => `${l}\n`).join(''), 'text/plain');
    }
    if (sub === 'binding' && r.name === 'pods' && method === 'POST') return send(res, 201, api.bindPod(ns, name, parseJson(await readBody(req)) as PodBinding, { dryRun }));
    if (r.name === 'pods' && STREAMING_SUBRESOURCES.has(sub)) throw streamingUnavailable(sub, name);
    if (sub === 'finalize' && r.name === 'namespaces' && method === 'PUT') {
      return send(res, 200, api.update('namespaces', parseJson(await readBody(req)) as KubeObject, { dryRun }));
    }
    // The object may exist; the subresource (or this verb on it) is not served.
    api.get(r.name, ns, name);
    throw NO_SUCH_RESOURCE;
  }

  private scaleOf(r: ResourceInfo, obj: KubeObject): unknown {
    const spec = obj.spec as { replicas?: number; selector?: { matchLabels?: Record<string, string> } } | undefined;
    const status = obj.status as { replicas?: number } | undefined;
    const selector = Object.entries(spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    return {
      kind: 'Scale', apiVersion: 'autoscaling/v1',
      metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace, uid: obj.metadata?.uid, resourceVersion: obj.metadata?.resourceVersion, creationTimestamp: obj.metadata?.creationTimestamp },
      spec: { replicas: spec?.replicas ?? 0 },
      status: { replicas: status?.replicas ?? 0, selector },
    };
    void r;
  }
}

export async function serveSimulator(sim: Simulator, opts: ServeOptions = {}): Promise<RunningServer> {
  return new KubeApiHttpServer(sim).listen(opts);
}
