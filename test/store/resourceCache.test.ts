import { describe, expect, it } from 'vitest';
import { ResourceCache } from '../../src/store/resourceCache.js';
import { newSim } from '../helpers/sim.js';
import { FlakyBackend, ManualScheduler } from './flakyBackend.js';

const settle = () => new Promise<void>((r) => setImmediate(r));

function setup() {
  const sim = newSim([]);
  const backend = new FlakyBackend(sim.backend);
  const scheduler = new ManualScheduler();
  const cache = new ResourceCache(backend, 'pods', { namespace: 'default' }, { scheduler, frameIntervalMs: 100 });
  let published = 0;
  cache.subscribe(() => published++);
  const pod = (name: string, ns = 'default') =>
    sim.api.create('pods', { metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
  /** Lets list promises resolve and the simulator deliver watch events, then runs due frames. */
  const pump = async (ms = 0) => { await settle(); sim.virtualClock.flush(); await settle(); scheduler.advance(ms); await settle(); };
  return { sim, backend, scheduler, cache, pod, pump, published: () => published };
}

describe('ResourceCache', () => {
  it('lists, then watches from the list resourceVersion in the same namespace', async () => {
    const t = setup();
    t.pod('a'); t.pod('other', 'kube-system');
    t.sim.virtualClock.flush();
    t.cache.start();
    await t.pump(0);
    const snap = t.cache.snapshot();
    expect(snap.status).toBe('ready');
    expect(snap.items.map((p) => p.metadata?.name)).toEqual(['a']);
    expect(t.backend.watchOptions).toEqual([{ namespace: 'default', resourceVersion: t.sim.api.resourceVersion }]);
    t.pod('b');
    await t.pump(100);
    expect(t.cache.snapshot().items.map((p) => p.metadata?.name).sort()).toEqual(['a', 'b']);
    t.sim.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    await t.pump(100);
    expect(t.cache.snapshot().items.map((p) => p.metadata?.name)).toEqual(['b']);
  });

  it('coalesces a burst of watch events into one published frame', async () => {
    const t = setup();
    t.cache.start();
    await t.pump(0);
    const before = t.published();
    for (let i = 0; i < 200; i++) t.pod(`p${i}`);
    await t.pump(0);
    await t.pump(0);
    // The first change after a quiet spell goes out at once; the rest of the burst waits for the frame.
    expect(t.published() - before).toBeLessThanOrEqual(1);
    await t.pump(100);
    expect(t.published() - before).toBeLessThanOrEqual(2);
    expect(t.cache.snapshot().items).toHaveLength(200);
    // At most one frame per 100 ms however many events arrive.
    for (let s = 0; s < 10; s++) { t.pod(`q${s}`); await t.pump(10); }
    expect(t.published() - before).toBeLessThanOrEqual(4);
  });

  it('lists again when the watch expires (410)', async () => {
    const t = setup();
    t.cache.start();
    await t.pump(0);
    expect(t.backend.lists).toBe(1);
    t.backend.expireWatches();
    t.pod('after-expiry');
    await t.pump(100);
    expect(t.backend.lists).toBe(2);
    expect(t.backend.openWatches).toBe(1);
    expect(t.cache.snapshot().items.map((p) => p.metadata?.name)).toEqual(['after-expiry']);
    expect(t.cache.snapshot().status).toBe('ready');
  });

  it('marks data stale on a watch error, keeps it, retries with doubling back-off capped at 30 s, and recovers', async () => {
    const t = setup();
    t.pod('kept');
    t.cache.start();
    await t.pump(100);
    t.backend.disconnect();
    await t.pump(100);
    let snap = t.cache.snapshot();
    expect(snap.status).toBe('stale');
    expect(snap.error).toBe('dial tcp 127.0.0.1:6443: connect: connection refused');
    expect(snap.items.map((p) => p.metadata?.name)).toEqual(['kept']);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      snap = t.cache.snapshot();
      const wait = snap.retryAt! - t.scheduler.now();
      waits.push(Math.round(wait / 100) * 100);
      await t.pump(wait);
    }
    // The first wait was measured 100 ms after the failure.
    expect(waits).toEqual([900, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(t.cache.snapshot().items.map((p) => p.metadata?.name)).toEqual(['kept']);
    t.pod('made-while-away');
    t.sim.virtualClock.flush();
    t.backend.reconnect();
    await t.pump(t.cache.snapshot().retryAt! - t.scheduler.now());
    await t.pump(100);
    snap = t.cache.snapshot();
    expect(snap.status).toBe('ready');
    expect(snap.error).toBeUndefined();
    expect(snap.items.map((p) => p.metadata?.name).sort()).toEqual(['kept', 'made-while-away']);
    // Back-off starts over after a success.
    t.backend.disconnect();
    await t.pump(0);
    expect(t.cache.snapshot().retryAt! - t.scheduler.now()).toBe(1000);
  });

  it('a list that fails at start reports stale with no data and retries', async () => {
    const t = setup();
    t.backend.disconnect();
    t.cache.start();
    await t.pump(0);
    expect(t.cache.snapshot()).toMatchObject({ status: 'stale', items: [], lastSync: undefined });
    t.backend.reconnect();
    await t.pump(1000);
    await t.pump(100);
    expect(t.cache.snapshot().status).toBe('ready');
  });

  it('stop closes the watch and publishes nothing more', async () => {
    const t = setup();
    t.cache.start();
    await t.pump(100);
    expect(t.backend.openWatches).toBe(1);
    t.cache.stop();
    expect(t.backend.openWatches).toBe(0);
    const n = t.published();
    t.pod('x');
    await t.pump(1000);
    expect(t.published()).toBe(n);
    expect(t.scheduler.pending).toBe(0);
  });
});
