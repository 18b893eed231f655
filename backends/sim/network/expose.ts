// Serves every NodePort on 127.0.0.1 (and only there), so `curl localhost:31080` reaches the
// pod the simulated kube-proxy picks. Follows Services as they are created, changed and deleted.
import { createServer, type Server } from 'node:http';
import type { Service } from '../../contract/types.js';
import type { SimContext } from '../context.js';

const LOOPBACK = '127.0.0.1';

export interface NodePortExposure {
  (): void;
  /** The node ports currently listening. */
  ports(): number[];
  /** Resolves once every port opened so far is listening (or has failed). */
  settled(): Promise<void>;
}

export function exposeNodePorts(ctx: SimContext, opts: { onError?: (port: number, error: Error) => void } = {}): NodePortExposure {
  if (!ctx.traffic) throw new Error('exposeNodePorts needs the network model (ctx.traffic)');
  const servers = new Map<number, { server: Server; ready: Promise<void> }>();
  const owned = new Map<string, Set<number>>();

  function open(port: number): void {
    const server = createServer((req, res) => {
      // Read at each request: a restored snapshot starts a new network model.
      const r = ctx.traffic!.request(`${LOOPBACK}:${port}${req.url ?? '/'}`);
      if (!r.pod || r.error) {
        // Deviation: nothing would accept this connection; a socket already listening can only reset it.
        req.socket.destroy();
        return;
      }
      res.writeHead(r.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', 'x-kdash-pod': r.pod.name });
      res.end(r.body);
    });
    const ready = new Promise<void>((resolve) => {
      server.once('listening', () => resolve());
      server.once('error', (e) => { servers.delete(port); opts.onError?.(port, e); resolve(); });
    });
    server.listen({ port, host: LOOPBACK, exclusive: true });
    servers.set(port, { server, ready });
  }

  function close(port: number): void {
    const s = servers.get(port);
    if (!s) return;
    servers.delete(port);
    s.server.close();
    s.server.closeAllConnections?.();
  }

  function follow(svc: Service, deleted: boolean): void {
    const key = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
    const want = new Set<number>(deleted ? [] : (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((p) => p > 0));
    const had = owned.get(key) ?? new Set<number>();
    for (const p of had) if (!want.has(p)) close(p);
    for (const p of want) if (!had.has(p) && !servers.has(p)) open(p);
    if (want.size) owned.set(key, want); else owned.delete(key);
  }

  let watch = { stop: () => {} };
  /** Lists and follows the Services; again when the watch expires (a snapshot was restored). */
  function start(): void {
    const { items, resourceVersion } = ctx.api.list('services');
    const listed = new Set(items.map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`));
    for (const key of [...owned.keys()]) {
      if (listed.has(key)) continue;
      const [namespace, name] = key.split('/');
      follow({ metadata: { namespace, name } }, true);
    }
    for (const s of items) follow(s as Service, false);
    watch = ctx.api.watch('services', { resourceVersion }, {
      onEvent: (e) => { if (e.type !== 'BOOKMARK') follow(e.object as Service, e.type === 'DELETED'); },
      onExpired: start, onError: () => {},
    });
  }
  start();

  const stop = () => {
    watch.stop();
    for (const p of [...servers.keys()]) close(p);
    owned.clear();
  };
  return Object.assign(stop, {
    ports: () => [...servers.keys()].sort((a, b) => a - b),
    settled: async () => { await Promise.all([...servers.values()].map((s) => s.ready)); },
  });
}
