// A watch on a live cluster with client-node's Watch (not its informer, which gives up after an
// error). Who retries what:
// - the server ends a healthy watch (its timeoutSeconds, a load balancer's idle limit): this module
//   watches again at once from the last resourceVersion it saw, as client-go's reflector does;
// - an `Expired` ERROR event or HTTP 410: onExpired, and the caller lists again;
// - anything else (connection refused or lost, 403, a watch the server closes at once): onError, and
//   the caller (the dashboard's resourceCache) marks its data stale and retries with back-off.
import type { Watch as ClientWatch } from '@kubernetes/client-node';
import type { Watch, WatchEvent, WatchHandlers, WatchOptions } from '../contract/backend.js';
import { StatusError } from '../contract/errors.js';
import type { KubeObject, Status } from '../contract/types.js';
import { explainConnectionError, statusErrorFrom } from './liveErrors.js';

export interface WatchTarget {
  /** client-node's Watch, once client-node has loaded. */
  client: Promise<ClientWatch>;
  /** Collection path (`/api/v1/namespaces/default/pods`). */
  path: string;
  server: string;
  cluster: string;
  /** The Status behind a watch the server refused (client-node keeps only the HTTP status). */
  refusal(query: Record<string, string>): Promise<StatusError | undefined>;
  /** Cleans an object as the backend hands it out (drops managedFields). */
  clean(obj: KubeObject): KubeObject;
}

/** A watch that ends sooner than this without delivering anything counts as a failure. */
const MIN_HEALTHY_MS = 1000;

/** client-go picks 5–10 minutes so that many clients do not reconnect at once. */
function serverTimeoutSeconds(): number {
  return 300 + Math.floor(Math.random() * 300);
}

/**
 * How long past its timeoutSeconds a watch may stay open: a server that has gone without closing
 * the connection (a paused or unplugged machine) never ends it, and TCP keep-alive takes minutes.
 */
const OVERDUE_MS = 30_000;

export function watchCollection<T>(t: WatchTarget, opts: WatchOptions, handlers: WatchHandlers<T>): Watch {
  let stopped = false;
  let resourceVersion = opts.resourceVersion;
  let controller: AbortController | undefined;

  const connect = (): void => {
    if (stopped) return;
    const started = Date.now();
    let delivered = false;
    let ended = false;
    const timeoutSeconds = serverTimeoutSeconds();
    const query: Record<string, string> = { resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(timeoutSeconds) };
    if (opts.labelSelector) query.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;

    const overdue = setTimeout(() => {
      if (end()) handlers.onError(new Error(`Unable to connect to the server: the watch of ${t.path} got no answer for ${timeoutSeconds + OVERDUE_MS / 1000}s`));
    }, timeoutSeconds * 1000 + OVERDUE_MS);
    overdue.unref?.();
    const end = (): boolean => {
      clearTimeout(overdue);
      if (stopped || ended) return false;
      ended = true;
      controller?.abort();
      return true;
    };
    const fail = (err: unknown): void => {
      const code = (err as { statusCode?: number })?.statusCode;
      if (code === 410) return handlers.onExpired();
      if (code !== undefined) {
        void t.refusal(query).then((status) => {
          if (!stopped) handlers.onError(status ?? statusErrorFrom(code, '', `watch ${t.path}`));
        });
        return;
      }
      const explained = explainConnectionError(err, t.server, t.cluster);
      handlers.onError(explained instanceof Error ? explained : new Error(String(explained)));
    };

    const onEvent = (type: string, object: unknown): void => {
      if (stopped || ended) return;
      if (type === 'ERROR') {
        if (!end()) return;
        const status = object as Status;
        if (status?.code === 410 || status?.reason === 'Expired' || status?.reason === 'Gone') return handlers.onExpired();
        return handlers.onError(new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status }));
      }
      const obj = object as KubeObject;
      const rv = obj?.metadata?.resourceVersion;
      if (rv) resourceVersion = rv;
      delivered = true;
      if (type === 'BOOKMARK') return handlers.onEvent({ type: 'BOOKMARK', resourceVersion: rv ?? resourceVersion });
      if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
        handlers.onEvent({ type, object: t.clean(obj) as T } as WatchEvent<T>);
      }
    };

    const onDone = (err: unknown): void => {
      if (!end()) return;
      if (err) return fail(err);
      // A clean end: the server's timeout, or the server going away. Resume from where we are;
      // a watch that ends at once is not healthy and goes to the caller's back-off instead.
      if (delivered || Date.now() - started >= MIN_HEALTHY_MS) return connect();
      handlers.onError(new Error(`Unable to connect to the server: the watch of ${t.path} was closed by the server at once`));
    };

    t.client.then((client) => client.watch(t.path, query, onEvent, onDone)).then(
      (c) => { controller = c; if (stopped || ended) c.abort(); },
      (e: unknown) => onDone(e ?? new Error('watch failed')),
    );
  };

  connect();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
