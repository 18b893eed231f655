// Streams a watch over HTTP the way the kube-apiserver does: chunked JSON, one event per
// line, bookmarks when asked for, a Status ERROR event for an expired resourceVersion.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../apiserver/apiServer.js';
import type { ResourceInfo } from '../../contract/resources.js';
import type { KubeObject } from '../../contract/types.js';

export interface WatchRequest {
  resource: ResourceInfo;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  sendInitialEvents: boolean;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  /** Turns an object into the JSON that goes on the wire (the object itself, or a one-row Table). */
  encode(obj: KubeObject, first: boolean): string;
  contentType: string;
}

const BOOKMARK_INTERVAL_MS = 60_000;

export function streamWatch(api: ApiServer, req: IncomingMessage, res: ServerResponse, w: WatchRequest): void {
  res.writeHead(200, { 'Content-Type': w.contentType, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  // Node holds the headers back until the first chunk; a client waiting on a quiet watch
  // (kubectl rollout status on a finished rollout) would wait for them until it times out.
  res.flushHeaders();
  let first = true;
  let lastRv = w.resourceVersion ?? api.resourceVersion;
  const sendJson = (type: string, objectJson: string) => {
    res.write(`{"type":"${type}","object":${objectJson}}\n`);
  };
  const send = (type: string, object: unknown) => sendJson(type, JSON.stringify(object));
  const bookmark = (annotations?: Record<string, string>) => {
    send('BOOKMARK', { kind: w.resource.kind, apiVersion: w.resource.group ? `${w.resource.group}/${w.resource.version}` : w.resource.version, metadata: { resourceVersion: lastRv, ...(annotations ? { annotations } : {}) } });
  };

  let from = w.resourceVersion;
  // An unset or "0" resourceVersion starts with a synthetic ADDED for every current object.
  if (w.sendInitialEvents || !from || from === '0') {
    const { items, resourceVersion } = api.list(w.resource.name, { namespace: w.namespace, labelSelector: w.labelSelector, fieldSelector: w.fieldSelector });
    for (const o of items) { sendJson('ADDED', w.encode(o, first)); first = false; }
    from = resourceVersion;
    lastRv = resourceVersion;
    if (w.sendInitialEvents) bookmark({ 'k8s.io/initial-events-end': 'true' });
  }

  const watch = api.watch(w.resource.name, { namespace: w.namespace, labelSelector: w.labelSelector, fieldSelector: w.fieldSelector, resourceVersion: from }, {
    onEvent: (e) => {
      if (e.type === 'BOOKMARK') return;
      lastRv = e.object.metadata?.resourceVersion ?? lastRv;
      sendJson(e.type, w.encode(e.object, first));
      first = false;
    },
    onExpired: () => {
      send('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${api.resourceVersion})`, reason: 'Expired', code: 410 });
      end();
    },
    onError: () => end(),
  });
  // Bookmarks and the timeout run on wall-clock time: they concern the connection, not the cluster.
  const bookmarks = w.allowBookmarks ? setInterval(() => bookmark(), BOOKMARK_INTERVAL_MS) : undefined;
  const timeout = w.timeoutSeconds ? setTimeout(() => end(), w.timeoutSeconds * 1000) : undefined;
  let ended = false;
  function end(): void {
    if (ended) return;
    ended = true;
    watch.stop();
    if (bookmarks) clearInterval(bookmarks);
    if (timeout) clearTimeout(timeout);
    res.end();
  }
  req.on('close', end);
  res.on('close', end);
}
