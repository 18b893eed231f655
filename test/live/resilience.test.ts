// The dashboard's cache (src/store/resourceCache.ts) over LiveBackend when the server goes away and
// comes back, when a resourceVersion has expired, and when the server refuses (401/403).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backends/contract/backend.js';
import { createLiveBackend, type LiveBackend } from '../../backends/live/index.js';
import { serveSimulator } from '../../backends/sim/server/kubeApiServer.js';
import { kubeconfigFor } from '../../backends/sim/server/kubeconfig.js';
import { formatError } from '../../src/ops/errors.js';
import { ResourceCache } from '../../src/store/resourceCache.js';
import { mount } from '../app/harness.js';
import { eventually, servedCluster, sleep, tempDir, type ServedCluster } from './support.js';

let c: ServedCluster;
const caches: ResourceCache<'configmaps' | 'secrets' | 'pods'>[] = [];
beforeAll(async () => { c = await servedCluster(); });
afterAll(async () => { await c?.close(); });
afterEach(() => { for (const x of caches.splice(0)) x.stop(); });

function cacheOf<R extends 'configmaps' | 'secrets' | 'pods'>(b: Backend, resource: R): ResourceCache<R> {
  const cache = new ResourceCache(b, resource, { namespace: 'default' }, { frameIntervalMs: 10, initialBackoffMs: 100, maxBackoffMs: 400 });
  caches.push(cache as ResourceCache<'configmaps' | 'secrets' | 'pods'>);
  cache.start();
  return cache;
}

const names = (cache: ResourceCache<'configmaps'>) => cache.snapshot().items.map((o) => o.metadata!.name!).sort();
const serverNames = () => c.sim.api.list('configmaps', { namespace: 'default' }).items.map((o) => o.metadata!.name!).sort();

/** Counts the backend's list calls. */
function counting(b: Backend): Backend & { lists: number } {
  const out = Object.create(b) as Backend & { lists: number };
  out.lists = 0;
  out.list = (...args: Parameters<Backend['list']>) => { out.lists++; return b.list(...args) as never; };
  return out;
}

describe('LiveBackend under resourceCache', () => {
  it('the server stops mid-watch: the data goes stale; it starts again on the same port: resync, nothing lost or duplicated', async () => {
    await c.backend.create('configmaps', { metadata: { name: 'before-stop', namespace: 'default' }, data: { a: '1' } });
    const cache = cacheOf(c.backend, 'configmaps');
    await eventually(() => cache.snapshot().status === 'ready' && names(cache).includes('before-stop'), 'the first sync');
    await c.backend.create('configmaps', { metadata: { name: 'watched', namespace: 'default' } });
    await eventually(() => names(cache).includes('watched'), 'a watch event');

    await c.stopServer();
    const stale = await eventually(() => (cache.snapshot().status === 'stale' ? cache.snapshot() : undefined), 'stale data');
    expect(stale.items.length).toBeGreaterThan(0);
    await eventually(() => /^Unable to connect to the server: dial tcp 127\.0\.0\.1:\d+: connect: connection refused/.test(cache.snapshot().error ?? ''), 'the connection error');
    expect(cache.snapshot().retryAt).toBeGreaterThan(0);

    // The cluster changes while the dashboard cannot see it.
    c.sim.api.create('configmaps', { metadata: { name: 'while-down', namespace: 'default' } });
    c.sim.api.delete('configmaps', 'default', 'before-stop');
    await sleep(300);
    expect(names(cache)).toContain('before-stop');

    await c.restartServer();
    await eventually(() => cache.snapshot().status === 'ready', 'the resync', 20_000);
    expect(names(cache)).toEqual(serverNames());
    expect(new Set(names(cache)).size).toBe(cache.snapshot().items.length);
    expect(names(cache)).toContain('while-down');
    expect(names(cache)).not.toContain('before-stop');
    // And the watch is live again.
    await c.backend.create('configmaps', { metadata: { name: 'after-restart', namespace: 'default' } });
    await eventually(() => names(cache).includes('after-restart'), 'a watch event after the restart');
    expect(names(cache)).toEqual(serverNames());
  });

  it('the server ends a healthy watch (its timeout): the backend resumes from its last resourceVersion, nothing lost, no relist', async () => {
    const b = counting(c.backend);
    const cache = cacheOf(b, 'configmaps');
    await eventually(() => cache.snapshot().status === 'ready', 'the first sync');
    const statuses = new Set<string>();
    cache.subscribe(() => statuses.add(cache.snapshot().status));
    await sleep(1100);
    c.sim.api.closeWatches(new Error('watch timeout'));
    c.sim.api.create('configmaps', { metadata: { name: 'between-watches', namespace: 'default' } });
    await eventually(() => names(cache).includes('between-watches'), 'the event written between two watches');
    await c.backend.create('configmaps', { metadata: { name: 'on-the-new-watch', namespace: 'default' } });
    await eventually(() => names(cache).includes('on-the-new-watch') && statuses.size > 0, 'an event on the resumed watch');
    expect(b.lists).toBe(1);
    expect([...statuses]).toEqual(['ready']);
    expect(names(cache)).toEqual(serverNames());
  });

  it('a watch from a resourceVersion the server no longer has ends in onExpired, and the cache lists again without going stale', async () => {
    const old = (await c.backend.list('configmaps')).resourceVersion;
    c.sim.api.create('secrets', { metadata: { name: 'bump', namespace: 'default' } });
    c.sim.api.compact();
    const seen: string[] = [];
    const w = c.backend.watch('configmaps', { resourceVersion: old }, {
      onEvent: (e) => seen.push(e.type), onExpired: () => seen.push('expired'), onError: (e) => seen.push(`error ${e.message}`),
    });
    await eventually(() => seen.length > 0, 'the watch to end');
    w.stop();
    expect(seen).toEqual(['expired']);

    const b = counting(c.backend);
    const cache = cacheOf(b, 'configmaps');
    await eventually(() => cache.snapshot().status === 'ready', 'the first sync');
    expect(b.lists).toBe(1);
    const statuses = new Set<string>();
    cache.subscribe(() => statuses.add(cache.snapshot().status));
    // The server ends the watch (as after its timeout) once history has been compacted past it:
    // the backend watches again from its last resourceVersion, gets 410, and the cache relists.
    await sleep(1100);
    c.sim.api.create('configmaps', { metadata: { name: 'unseen-by-watch', namespace: 'default' } });
    c.sim.api.compact();
    c.sim.api.closeWatches(new Error('watch timeout'));
    await eventually(() => b.lists === 2 && names(cache).includes('unseen-by-watch') && statuses.size > 0, 'the relist');
    expect([...statuses]).toEqual(['ready']);
    expect(names(cache)).toEqual(serverNames());
  });
});

/** A port nothing listens on (for now). */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('refusals and unreachable servers', () => {
  let proxy: http.Server | undefined;
  let backend: LiveBackend | undefined;
  const tmp = tempDir();
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    proxy?.closeAllConnections();
    await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    proxy = undefined;
  });
  afterAll(() => tmp.remove());

  const forbidden = (verb: string, resource: string) => JSON.stringify({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', details: { kind: resource }, code: 403,
    message: `${resource} is forbidden: User "alice" cannot ${verb} resource "${resource}" in API group "" in the namespace "default"`,
  });

  /** A proxy in front of the served simulator that refuses what `refuse` picks, and counts requests. */
  async function refusingProxy(refuse: (url: URL) => { code: number; body: string } | undefined): Promise<{ hits: string[]; backend: LiveBackend }> {
    const hits: string[] = [];
    proxy = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.push(`${req.method} ${url.pathname}${url.searchParams.has('watch') ? ' watch' : ''}`);
      const no = refuse(url);
      if (no) { res.writeHead(no.code, { 'Content-Type': 'application/json' }); res.end(no.body); return; }
      const up = http.request({ host: '127.0.0.1', port: c.server.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
      res.on('close', () => up.destroy());
    });
    await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', () => r()));
    const port = (proxy.address() as AddressInfo).port;
    backend = await createLiveBackend({ explicitPath: tmp.file(`proxy-${port}`, kubeconfigFor(`http://127.0.0.1:${port}`)) });
    return { hits, backend };
  }

  it('a forbidden list names the verb and resource, and is not retried', async () => {
    const { hits, backend: b } = await refusingProxy((u) => (u.pathname === '/api/v1/namespaces/default/secrets' && !u.searchParams.has('watch') ? { code: 403, body: forbidden('list', 'secrets') } : undefined));
    const e = await b.list('secrets', { namespace: 'default' }).catch((x: unknown) => x);
    expect(formatError(e)).toBe('Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"');
    const cache = cacheOf(b, 'secrets');
    await eventually(() => cache.snapshot().status === 'stale', 'the refusal');
    expect(cache.snapshot().error).toBe('Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"');
    expect(cache.snapshot().retryAt).toBeUndefined();
    const asked = hits.length;
    await sleep(600);
    expect(hits.length).toBe(asked);
  });

  it('the dashboard shows a forbidden list in its banner, with the server\'s words', async () => {
    const { backend: b } = await refusingProxy((u) => (u.pathname === '/api/v1/namespaces/default/pods' && !u.searchParams.has('watch') ? { code: 403, body: forbidden('list', 'pods') } : undefined));
    const m = mount(b, { size: { columns: 200, rows: 20 } });
    try {
      const f = await m.see('✗ Error from server (Forbidden)');
      expect(f.split('\n')[3].trimEnd()).toBe('✗ Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default" (not retried: open the screen again to retry)');
    } finally {
      m.unmount();
    }
  });

  it('a forbidden watch (list allowed) reports the server\'s message for the watch', async () => {
    const { backend: b } = await refusingProxy((u) => (u.pathname === '/api/v1/namespaces/default/pods' && u.searchParams.has('watch') ? { code: 403, body: forbidden('watch', 'pods') } : undefined));
    const cache = cacheOf(b, 'pods');
    await eventually(() => cache.snapshot().status === 'stale', 'the refusal');
    expect(cache.snapshot().error).toBe('Error from server (Forbidden): pods is forbidden: User "alice" cannot watch resource "pods" in API group "" in the namespace "default"');
    expect(cache.snapshot().lastSync).toBeDefined();
    expect(cache.snapshot().retryAt).toBeUndefined();
  });

  it('401: the server\'s Unauthorized, not retried', async () => {
    const unauthorized = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    const { hits, backend: b } = await refusingProxy(() => ({ code: 401, body: unauthorized }));
    const e = await b.list('configmaps', { namespace: 'default' }).catch((x: unknown) => x);
    expect(formatError(e)).toBe('error: You must be logged in to the server (Unauthorized)');
    // Asked once, then once more with fresh credentials.
    expect(hits).toEqual(['GET /api/v1/namespaces/default/configmaps', 'GET /api/v1/namespaces/default/configmaps']);
  });

  it('the dashboard opened on a server that is down: the stale banner, then data and the version once it is up', async () => {
    const port = await freePort();
    backend = await createLiveBackend({ explicitPath: tmp.file('later', kubeconfigFor(`http://127.0.0.1:${port}`)) });
    const m = mount(backend, { size: { columns: 100, rows: 20 }, initialBackoffMs: 100, maxBackoffMs: 200 });
    const later = { close: async () => {} };
    try {
      let f = await m.see('✗ cannot reach the cluster');
      expect(f.split('\n')[0]).toMatch(/^Context: kdash-sim  Cluster: kdash-sim  Backend: live  Namespace: default  Server: unreachable/);
      later.close = (await serveSimulator(c.sim, { port })).close;
      f = await m.see('Server: v1.33.1');
      await m.gone('cannot reach');
      expect(f).not.toContain('STALE');
    } finally {
      m.unmount();
      await later.close();
    }
  });

  it('an unreachable server: an explained error, and the cache keeps retrying with back-off', async () => {
    const port = await freePort();
    backend = await createLiveBackend({ explicitPath: tmp.file('closed', kubeconfigFor(`http://127.0.0.1:${port}`)) });
    const e = await backend.list('pods').catch((x: unknown) => x);
    expect(formatError(e)).toBe(
      `error: Unable to connect to the server: dial tcp 127.0.0.1:${port}: connect: connection refused (is the cluster running? the kubeconfig's server for cluster "kdash-sim" is http://127.0.0.1:${port})`,
    );
    expect(await backend.identity()).toMatchObject({ context: 'kdash-sim', version: 'unreachable' });
    const cache = cacheOf(backend, 'pods');
    await eventually(() => cache.snapshot().status === 'stale', 'stale');
    const first = cache.snapshot().retryAt!;
    await eventually(() => (cache.snapshot().retryAt ?? 0) > first, 'a second attempt');
  });
});
