// Watches open across a restore: they expire (410 Expired), the clients relist, and what they
// list is the restored cluster; nothing keeps showing the objects of the abandoned future.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../backends/contract/backend.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { createSimulator } from '../../backends/sim/simulator.js';
import { serveSimulator } from '../../backends/sim/server/kubeApiServer.js';
import { ResourceCache } from '../../src/store/resourceCache.js';
import { ManualScheduler } from '../store/flakyBackend.js';

const settle = () => new Promise<void>((r) => setImmediate(r));
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { a: '1' } });

describe('watches across a restore', () => {
  it('an open watch expires; a watch from a resourceVersion of the abandoned future expires too', async () => {
    const sim = createSimulator({ seed: 2 });
    sim.virtualClock.advance(10_000);
    const s = sim.snapshot();
    await sim.backend.create('configmaps', configMap('later'));
    sim.virtualClock.flush();
    const { resourceVersion: futureRv } = await sim.backend.list('configmaps', { namespace: 'default' });

    const seen: string[] = [];
    sim.backend.watch('configmaps', { namespace: 'default', resourceVersion: futureRv }, {
      onEvent: (e: WatchEvent<KubeObject>) => seen.push(e.type === 'BOOKMARK' ? e.type : `${e.type} ${e.object.metadata?.name}`),
      onExpired: () => seen.push('expired'),
      onError: (e) => seen.push(`error ${e.message}`),
    });
    sim.restore(s);
    expect(seen).toEqual(['expired']);
    const relist = await sim.backend.list('configmaps', { namespace: 'default' });
    expect(relist.items.map((o) => o.metadata?.name)).toEqual(['kube-root-ca.crt']);
    expect(relist.resourceVersion).toBe(s.resourceVersion);

    // A client that missed the restore and watches from the version it last saw is sent to relist.
    const late: string[] = [];
    sim.backend.watch('configmaps', { namespace: 'default', resourceVersion: futureRv }, {
      onEvent: (e) => late.push(e.type), onExpired: () => late.push('expired'), onError: () => late.push('error'),
    });
    sim.virtualClock.flush();
    expect(late).toEqual(['expired']);
    sim.stop();
  });

  it('the dashboard\'s cache relists and stops showing what the restore took away', async () => {
    const sim = createSimulator({ seed: 2 });
    sim.virtualClock.advance(10_000);
    const scheduler = new ManualScheduler();
    const cache = new ResourceCache(sim.backend, 'configmaps', { namespace: 'default' }, { scheduler, frameIntervalMs: 0 });
    const pump = async () => { for (let i = 0; i < 3; i++) { await settle(); sim.virtualClock.flush(); scheduler.advance(0); } };
    const names = () => cache.snapshot().items.map((o) => o.metadata?.name).sort();
    cache.start();
    await pump();
    const s = sim.snapshot();
    await sim.backend.create('configmaps', configMap('later'));
    await pump();
    expect(names()).toEqual(['kube-root-ca.crt', 'later']);
    sim.restore(s);
    await pump();
    expect(names()).toEqual(['kube-root-ca.crt']);
    expect(cache.snapshot().status).toBe('ready');
    // And it follows the restored cluster from there.
    await sim.backend.create('configmaps', configMap('again'));
    await pump();
    expect(names()).toEqual(['again', 'kube-root-ca.crt']);
    cache.stop();
    sim.stop();
  });

  it('kubectl\'s watch on the served simulator gets 410 Expired and its relist shows the restored cluster', async () => {
    const sim = createSimulator({ seed: 2 });
    sim.virtualClock.advance(10_000);
    const s = sim.snapshot();
    await sim.backend.create('configmaps', configMap('later'));
    sim.virtualClock.flush();
    const server = await serveSimulator(sim);
    const rv = sim.api.resourceVersion;
    const lines = await new Promise<string[]>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => resolve(body.trim().split('\n')));
      });
      req.on('error', reject);
      req.end();
      // Once the server holds the watch open, the simulator goes back.
      setTimeout(() => sim.restore(s), 200);
    });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([{
      type: 'ERROR',
      object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${rv} (${s.resourceVersion})`, reason: 'Expired', code: 410 },
    }]);
    const list = await fetch(`${server.url}/api/v1/namespaces/default/configmaps`).then((r) => r.json()) as { metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(list.items.map((o) => o.metadata?.name)).toEqual(['kube-root-ca.crt']);
    expect(list.metadata.resourceVersion).toBe(s.resourceVersion);
    await server.close();
    sim.stop();
  });
});
