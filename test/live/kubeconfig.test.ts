// Kubeconfig as kubectl reads it (files, merge order, contexts, relative paths) and the
// authentication client-node applies from it (token, exec plugin, client certificate, TLS trust),
// checked against small HTTP(S) servers that record what arrives.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../backends/contract/backend.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { contextsOf, createLiveBackend, loadKubeconfig, resolveContext, type LiveBackend } from '../../backends/live/index.js';
import { formatError } from '../../src/ops/errors.js';
import { pem, selfSigned, signedBy } from './certs.js';
import { eventually, tempDir } from './support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

function config(doc: { clusters?: Array<[string, Record<string, unknown>]>; users?: Array<[string, Record<string, unknown>]>; contexts?: Array<[string, Record<string, unknown>]>; current?: string }): string {
  return yaml.dump({
    apiVersion: 'v1', kind: 'Config',
    clusters: (doc.clusters ?? []).map(([name, cluster]) => ({ name, cluster })),
    users: (doc.users ?? []).map(([name, user]) => ({ name, user })),
    contexts: (doc.contexts ?? []).map(([name, context]) => ({ name, context })),
    ...(doc.current ? { 'current-context': doc.current } : {}),
  });
}

describe('kubeconfig files', () => {
  const a = tmp.file('a.yaml', config({
    clusters: [['shared', { server: 'https://a.example:6443', 'certificate-authority': 'certs/ca.crt' }]],
    users: [['alice', { 'client-certificate': 'alice.crt', 'client-key': '/abs/alice.key', exec: { command: './bin/cred', args: [] } }]],
    contexts: [['dev', { cluster: 'shared', user: 'alice', namespace: 'team-a' }]],
    current: 'dev',
  }));
  const b = tmp.file('b.yaml', config({
    clusters: [['shared', { server: 'https://b.example:6443' }], ['kind-kind', { server: 'https://127.0.0.1:40000' }]],
    users: [['bob', { token: 't', exec: { command: 'kubectl-cred' } }]],
    contexts: [['dev', { cluster: 'kind-kind', user: 'bob', namespace: 'team-b' }], ['kind-kind', { cluster: 'kind-kind', user: 'bob' }]],
    current: 'kind-kind',
  }));
  const missing = join(tmp.dir, 'missing.yaml');

  it('KUBECONFIG: files merged in order, the first to name an entry or set current-context wins; missing files are skipped', () => {
    const cfg = loadKubeconfig({ env: { KUBECONFIG: [missing, a, b].join(':') } });
    expect(cfg.files).toEqual([a, b]);
    expect(cfg.currentContext).toBe('dev');
    expect(contextsOf(cfg)).toEqual([
      { name: 'dev', cluster: 'shared', authInfo: 'alice', namespace: 'team-a', current: true },
      { name: 'kind-kind', cluster: 'kind-kind', authInfo: 'bob', namespace: '', current: false },
    ]);
    expect(cfg.clusters.map((c) => [c.name, c.body.server])).toEqual([['shared', 'https://a.example:6443'], ['kind-kind', 'https://127.0.0.1:40000']]);
    // Relative references are relative to the file that holds them; a bare exec command stays a PATH lookup.
    expect(cfg.clusters[0].body['certificate-authority']).toBe(join(tmp.dir, 'certs/ca.crt'));
    expect(cfg.users[0].body).toMatchObject({ 'client-certificate': join(tmp.dir, 'alice.crt'), 'client-key': '/abs/alice.key', exec: { command: join(tmp.dir, 'bin/cred') } });
    expect(cfg.users[1].body).toMatchObject({ exec: { command: 'kubectl-cred' } });

    const other = loadKubeconfig({ env: { KUBECONFIG: [b, a].join(':') } });
    expect(other.currentContext).toBe('kind-kind');
    expect(resolveContext(other, 'dev')).toMatchObject({ namespace: 'team-b', cluster: { name: 'kind-kind' }, user: { name: 'bob' } });
  });

  it('--kubeconfig reads that file only; ~/.kube/config when KUBECONFIG is unset', () => {
    expect(loadKubeconfig({ explicitPath: b, env: { KUBECONFIG: a } }).currentContext).toBe('kind-kind');
    expect(() => loadKubeconfig({ explicitPath: missing })).toThrow(`the kubeconfig file "${missing}" does not exist`);
    const home = tmp.dir;
    tmp.file('.kube', '');
    expect(() => loadKubeconfig({ env: {}, home: join(home, 'nohome') })).toThrow(
      `no kubeconfig found: ${join(home, 'nohome', '.kube', 'config')} does not exist and KUBECONFIG is not set`,
    );
    expect(() => loadKubeconfig({ env: { KUBECONFIG: missing } })).toThrow(`no kubeconfig found: none of the files in KUBECONFIG (${missing}) exists`);
  });

  it('a context that does not exist is refused with the available ones listed; the default is current-context', () => {
    const cfg = loadKubeconfig({ env: { KUBECONFIG: `${a}:${b}` } });
    expect(() => resolveContext(cfg, 'prod')).toThrow(`context "prod" does not exist in ${a}, ${b}; available contexts: dev, kind-kind`);
    expect(resolveContext(cfg)).toMatchObject({ context: { name: 'dev' }, namespace: 'team-a' });
    expect(resolveContext(cfg, 'kind-kind').namespace).toBe('default');
    const broken = tmp.file('broken.yaml', 'clusters: [\n');
    expect(() => loadKubeconfig({ explicitPath: broken })).toThrow(new RegExp(`^error loading config file "${broken}": `));
    const dangling = tmp.file('dangling.yaml', config({ contexts: [['x', { cluster: 'nowhere' }]] }));
    expect(() => resolveContext(loadKubeconfig({ explicitPath: dangling }), 'x')).toThrow(`context "x" refers to cluster "nowhere", which is not defined in ${dangling}`);
  });
});

interface Recorded { path: string; auth?: string; cert?: string }

/** A fake API server: /version, a pod list in two pages, and a watch with one event. */
function fakeApi(recorded: Recorded[]) {
  const pod = (name: string, rv: string) => ({
    metadata: { name, namespace: 'default', resourceVersion: rv, managedFields: [{ manager: 'kubectl', operation: 'Apply' }] },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const peer = (req.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } }).getPeerCertificate?.();
    recorded.push({ path: `${url.pathname}${url.search}`, auth: req.headers.authorization, cert: peer?.subject?.CN });
    const json = (body: unknown) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/version') return json({ major: '1', minor: '30', gitVersion: 'v1.30.0' });
    if (url.pathname === '/api/v1/pods' && url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'ADDED', object: { kind: 'Pod', apiVersion: 'v1', ...pod('c', '12') } })}\n`);
      return;
    }
    if (url.pathname === '/api/v1/pods') {
      if (!url.searchParams.get('continue')) return json({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '10', continue: 'page2' }, items: [pod('a', '5')] });
      return json({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '10' }, items: [pod('b', '7')] });
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('404 page not found');
  };
}

describe('authentication and transport', () => {
  const servers: Array<http.Server | https.Server> = [];
  const backends: LiveBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) await b.close();
    for (const s of servers.splice(0)) { s.closeAllConnections(); await new Promise<void>((r) => s.close(() => r())); }
  });

  async function listen<S extends http.Server | https.Server>(s: S): Promise<number> {
    servers.push(s);
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    return (s.address() as AddressInfo).port;
  }

  async function backendFor(name: string, cluster: Record<string, unknown>, user: Record<string, unknown>): Promise<LiveBackend> {
    const file = tmp.file(`${name}.yaml`, config({ clusters: [['c', cluster]], users: [['u', user]], contexts: [[name, { cluster: 'c', user: 'u' }]], current: name }));
    const b = await createLiveBackend({ explicitPath: file });
    backends.push(b);
    return b;
  }

  it('a token from the kubeconfig; lists page through `continue`; managedFields are dropped from listed and watched objects', async () => {
    const rec: Recorded[] = [];
    const port = await listen(http.createServer(fakeApi(rec)));
    const b = await backendFor('token', { server: `http://127.0.0.1:${port}` }, { token: 'secret-token' });
    expect((await b.identity()).version).toBe('v1.30.0');
    const list = await b.list('pods');
    expect(list).toEqual({
      resourceVersion: '10',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'default', resourceVersion: '5' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', namespace: 'default', resourceVersion: '7' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      ],
    });
    const events: WatchEvent<KubeObject>[] = [];
    const w = b.watch('pods', { resourceVersion: '10' }, { onEvent: (e) => events.push(e as WatchEvent<KubeObject>), onExpired: () => {}, onError: () => {} });
    await eventually(() => events.length === 1, 'the watch event');
    w.stop();
    expect(events[0]).toEqual({ type: 'ADDED', object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'c', namespace: 'default', resourceVersion: '12' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } });
    expect(rec.map((r) => r.path.replace(/timeoutSeconds=\d+/, 'timeoutSeconds=N'))).toEqual([
      '/version', '/api/v1/pods?limit=500', '/api/v1/pods?limit=500&continue=page2',
      '/api/v1/pods?watch=true&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=N',
    ]);
    expect(new Set(rec.map((r) => r.auth))).toEqual(new Set(['Bearer secret-token']));
  });

  it('a server that is not a Kubernetes API (an HTML page) is named as such', async () => {
    const port = await listen(http.createServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<html><body>Sign in</body></html>'); }));
    const b = await backendFor('html', { server: `http://127.0.0.1:${port}` }, {});
    expect(formatError(await b.list('pods').catch((e: unknown) => e))).toBe(
      `error: the server http://127.0.0.1:${port} answered list pods with something other than JSON (is it a Kubernetes API server?): <html><body>Sign in</body></html>`,
    );
  });

  it('an exec credential plugin supplies the token', async () => {
    const rec: Recorded[] = [];
    const port = await listen(http.createServer(fakeApi(rec)));
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-exec' } });
    const b = await backendFor('exec', { server: `http://127.0.0.1:${port}` }, {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', `console.log(${JSON.stringify(credential)})`], interactiveMode: 'Never' },
    });
    await b.list('pods');
    expect(rec.map((r) => r.auth)).toEqual(['Bearer from-exec', 'Bearer from-exec']);
  });

  describe('TLS', () => {
    const ca = selfSigned(tmp.dir, 'ca', 'DNS:kdash-test-ca');
    const good = signedBy(tmp.dir, ca, 'apiserver', { san: 'IP:127.0.0.1,DNS:localhost' });
    const wrongName = signedBy(tmp.dir, ca, 'elsewhere', { san: 'DNS:elsewhere.example' });
    const lone = selfSigned(tmp.dir, 'lone', 'IP:127.0.0.1');
    const client = signedBy(tmp.dir, ca, 'kdash-admin', { client: true });

    const tlsServer = (cert: { cert: string; key: string }, rec: Recorded[], requireClientCert = false) => https.createServer({
      cert: pem(cert.cert), key: pem(cert.key), ca: pem(ca.cert), requestCert: requireClientCert, rejectUnauthorized: requireClientCert,
    }, fakeApi(rec));

    it('a client certificate (files relative to the kubeconfig) and the cluster CA: the server sees the user', async () => {
      const rec: Recorded[] = [];
      const port = await listen(tlsServer(good, rec, true));
      const b = await backendFor('mtls', { server: `https://127.0.0.1:${port}`, 'certificate-authority': 'ca.crt' }, { 'client-certificate': 'kdash-admin.crt', 'client-key-data': Buffer.from(pem(client.key)).toString('base64') });
      expect((await b.list('pods')).items.map((p) => p.metadata?.name)).toEqual(['a', 'b']);
      expect(rec.map((r) => r.cert)).toEqual(['kdash-admin', 'kdash-admin']);
    });

    it('a self-signed server certificate, an unknown authority and a name mismatch are explained', async () => {
      const rec: Recorded[] = [];
      const selfPort = await listen(tlsServer(lone, rec));
      let b = await backendFor('self', { server: `https://127.0.0.1:${selfPort}` }, {});
      expect(formatError(await b.list('pods').catch((e: unknown) => e))).toBe(
        `error: Unable to connect to the server: tls: failed to verify certificate: x509: the certificate of 127.0.0.1:${selfPort} is self-signed and not trusted; give cluster "c" its certificate-authority (or certificate-authority-data) in the kubeconfig`,
      );
      const goodPort = await listen(tlsServer(good, rec));
      b = await backendFor('unknown', { server: `https://127.0.0.1:${goodPort}` }, {});
      expect(formatError(await b.list('pods').catch((e: unknown) => e))).toBe(
        `error: Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority (127.0.0.1:${goodPort}); check certificate-authority(-data) of cluster "c" in the kubeconfig`,
      );
      const wrongPort = await listen(tlsServer(wrongName, rec));
      b = await backendFor('mismatch', { server: `https://127.0.0.1:${wrongPort}`, 'certificate-authority-data': Buffer.from(pem(ca.cert)).toString('base64') }, {});
      expect(formatError(await b.list('pods').catch((e: unknown) => e))).toBe(
        'error: Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for elsewhere.example, not 127.0.0.1; use a name the certificate was issued for, or set tls-server-name for cluster "c"',
      );
      // insecure-skip-tls-verify accepts it, as kubectl does.
      b = await backendFor('insecure', { server: `https://127.0.0.1:${selfPort}`, 'insecure-skip-tls-verify': true }, {});
      expect((await b.list('pods')).items).toHaveLength(2);
      expect(rec).toHaveLength(2);
    });
  });
});
