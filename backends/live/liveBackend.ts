// A live cluster behind the backend contract: one code path for every resource in RESOURCES,
// addressed by its group, version and plural name as the kube API lays out its URLs.
import type { Watch as ClientWatch } from '@kubernetes/client-node';
import {
  VERSION_UNREACHABLE, type Backend, type Capabilities, type ClusterIdentity, type DeleteOptions, type JsonPatchOp,
  type ListOptions, type ListResult, type PatchType, type Watch, type WatchHandlers, type WatchOptions, type WriteOptions,
} from '../contract/backend.js';
import { isStatusError } from '../contract/errors.js';
import { RESOURCES, apiVersionOf, type ResourceInfo, type ResourceName } from '../contract/resources.js';
import type { Event, KubeObject, ObjectOf, Status } from '../contract/types.js';
import type { KubeHttp, KubeRequest } from './kubeHttp.js';
import { watchCollection } from './liveWatch.js';

export interface LiveTarget {
  context: string;
  cluster: string;
  server: string;
  /** The context's namespace (`default` when it names none). */
  namespace: string;
}

const PATCH_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

const PAGE_SIZE = '500';

interface ListBody { metadata?: { resourceVersion?: string; continue?: string }; items?: KubeObject[] }

function enc(s: string): string { return encodeURIComponent(s); }

/** `/api/v1/namespaces/ns/pods/name/sub`, `/apis/apps/v1/deployments` (all namespaces). */
export function resourcePath(r: ResourceInfo, namespace?: string, name?: string, subresource?: string): string {
  let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (r.namespaced && namespace) p += `/namespaces/${enc(namespace)}`;
  p += `/${r.name}`;
  if (name !== undefined) p += `/${enc(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/** What the backend hands out for a listed or watched object: typed, without managedFields. */
function cleaned(r: ResourceInfo, obj: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const meta = metadata && 'managedFields' in metadata ? { ...metadata } : metadata;
  if (meta && meta !== metadata) delete meta.managedFields;
  return { apiVersion: apiVersion ?? apiVersionOf(r), kind: kind ?? r.kind, metadata: meta, ...rest };
}

/** As kubectl writes (its default `--validate=strict`): an unknown field is an error, not a warning. */
function writeQuery(opts?: WriteOptions): Record<string, string | undefined> {
  return { dryRun: opts?.dryRun ? 'All' : undefined, fieldManager: opts?.fieldManager, fieldValidation: 'Strict' };
}

export class LiveBackend implements Backend {
  readonly capabilities: Capabilities = { logs: 'real', traffic: false, faults: false };
  private readonly watches = new Set<Watch>();

  constructor(
    private readonly http: KubeHttp,
    private readonly newClientWatch: () => Promise<ClientWatch>,
    readonly target: LiveTarget,
  ) {}

  async identity(): Promise<ClusterIdentity> {
    const { context, cluster, server, namespace } = this.target;
    let version: string;
    try {
      version = (await this.http.json<{ gitVersion?: string }>({ method: 'GET', path: '/version', what: 'get the server version', timeoutMs: 10_000 })).gitVersion ?? 'unknown';
    } catch {
      // The header still shows which context this is; the data screens say why they have no data.
      version = VERSION_UNREACHABLE;
    }
    return { context, cluster, server, version, namespace, backend: 'live' };
  }

  private nsFor(r: ResourceInfo, namespace: string | undefined): string | undefined {
    return r.namespaced ? namespace || this.target.namespace : undefined;
  }

  async list<R extends ResourceName>(resource: R, opts: ListOptions = {}): Promise<ListResult<ObjectOf[R]>> {
    const r = RESOURCES[resource];
    const req: KubeRequest = {
      method: 'GET', path: resourcePath(r, r.namespaced ? opts.namespace : undefined), what: `list ${r.name}`,
      query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, limit: PAGE_SIZE },
    };
    const items: KubeObject[] = [];
    let first: ListBody | undefined;
    let next: string | undefined;
    do {
      let page: ListBody;
      try {
        page = await this.http.json<ListBody>({ ...req, query: { ...req.query, continue: next } });
      } catch (e) {
        // An expired continue token: list again in one piece, as client-go's pager does.
        if (next && isStatusError(e) && e.code === 410) return this.listWhole(r, req);
        throw e;
      }
      first ??= page;
      for (const o of page.items ?? []) items.push(cleaned(r, o));
      next = page.metadata?.continue || undefined;
    } while (next);
    return { items: items as ObjectOf[R][], resourceVersion: first?.metadata?.resourceVersion ?? '' };
  }

  private async listWhole<R extends ResourceName>(r: ResourceInfo, req: KubeRequest): Promise<ListResult<ObjectOf[R]>> {
    const page = await this.http.json<ListBody>({ ...req, query: { ...req.query, limit: undefined } });
    return { items: (page.items ?? []).map((o) => cleaned(r, o)) as ObjectOf[R][], resourceVersion: page.metadata?.resourceVersion ?? '' };
  }

  watch<R extends ResourceName>(resource: R, opts: WatchOptions, handlers: WatchHandlers<ObjectOf[R]>): Watch {
    const r = RESOURCES[resource];
    const path = resourcePath(r, r.namespaced ? opts.namespace : undefined);
    const inner = watchCollection<ObjectOf[R]>({
      client: this.newClientWatch(), path, server: this.target.server, cluster: this.target.cluster,
      clean: (o) => cleaned(r, o),
      refusal: async (query) => {
        try {
          await this.http.request({ method: 'GET', path, query: { ...query, watch: 'true', timeoutSeconds: '1' }, what: `watch ${r.name}`, timeoutMs: 5000 });
          return undefined;
        } catch (e) {
          return isStatusError(e) ? e : undefined;
        }
      },
    }, opts, handlers);
    const w: Watch = { stop: () => { inner.stop(); this.watches.delete(w); } };
    this.watches.add(w);
    return w;
  }

  async get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): Promise<ObjectOf[R]> {
    const r = RESOURCES[resource];
    return this.http.json<ObjectOf[R]>({ method: 'GET', path: resourcePath(r, this.nsFor(r, namespace), name), what: `get ${r.name} ${name}` });
  }

  async create<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    const r = RESOURCES[resource];
    const ns = this.nsFor(r, obj.metadata?.namespace);
    const body = { apiVersion: apiVersionOf(r), kind: r.kind, ...obj, ...(ns ? { metadata: { ...obj.metadata, namespace: ns } } : {}) };
    return this.http.json<ObjectOf[R]>({ method: 'POST', path: resourcePath(r, ns), body, query: writeQuery(opts), what: `create ${r.name}` });
  }

  async update<R extends ResourceName>(resource: R, obj: KubeObject, opts?: WriteOptions): Promise<ObjectOf[R]> {
    const r = RESOURCES[resource];
    const name = obj.metadata?.name ?? '';
    const ns = this.nsFor(r, obj.metadata?.namespace);
    const body = { apiVersion: apiVersionOf(r), kind: r.kind, ...obj };
    return this.http.json<ObjectOf[R]>({ method: 'PUT', path: resourcePath(r, ns, name), body, query: writeQuery(opts), what: `update ${r.name} ${name}` });
  }

  async patch<R extends ResourceName>(
    resource: R, namespace: string | undefined, name: string, type: PatchType,
    patch: JsonPatchOp[] | Record<string, unknown>, opts?: WriteOptions,
  ): Promise<ObjectOf[R]> {
    const r = RESOURCES[resource];
    return this.http.json<ObjectOf[R]>({
      method: 'PATCH', path: resourcePath(r, this.nsFor(r, namespace), name), body: patch, contentType: PATCH_TYPES[type],
      query: writeQuery(opts), what: `patch ${r.name} ${name}`,
    });
  }

  async delete<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<ObjectOf[R] | Status> {
    const r = RESOURCES[resource];
    const body = {
      kind: 'DeleteOptions', apiVersion: 'v1',
      ...(opts.propagationPolicy ? { propagationPolicy: opts.propagationPolicy } : {}),
      ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
      ...(opts.preconditions ? { preconditions: opts.preconditions } : {}),
      ...(opts.dryRun ? { dryRun: ['All'] } : {}),
    };
    return this.http.json<ObjectOf[R] | Status>({ method: 'DELETE', path: resourcePath(r, this.nsFor(r, namespace), name), body, what: `delete ${r.name} ${name}` });
  }

  async eventsFor(obj: { kind: string; namespace?: string; name: string; uid?: string }): Promise<Event[]> {
    // The field selectors of kubectl describe (involvedObject.*).
    const fields = [`involvedObject.name=${obj.name}`, `involvedObject.kind=${obj.kind}`];
    if (obj.namespace) fields.push(`involvedObject.namespace=${obj.namespace}`);
    if (obj.uid) fields.push(`involvedObject.uid=${obj.uid}`);
    return (await this.list('events', { namespace: obj.namespace, fieldSelector: fields.join(',') })).items;
  }

  async logs(namespace: string, pod: string, container?: string, tailLines = 100, previous = false): Promise<string[]> {
    const text = await this.http.request({
      method: 'GET', path: resourcePath(RESOURCES.pods, namespace, pod, 'log'), accept: 'text/plain, */*',
      query: { container, tailLines: tailLines < 0 ? undefined : String(tailLines), previous: previous ? 'true' : undefined }, what: `get logs of pod ${pod}`,
    });
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  }

  async close(): Promise<void> {
    for (const w of [...this.watches]) w.stop();
    this.http.close();
  }
}
