import { afterEach, describe, expect, it } from 'vitest';
import { FlakyBackend } from '../store/flakyBackend.js';
import { petclinicCluster } from './fixture.js';
import { mount, podObject, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const banner = (f: string) => f.split('\n')[3];

describe('when the cluster cannot be reached', () => {
  it('keeps the last data, marks it stale with a banner, and recovers when the backend is back', async () => {
    const { sim } = petclinicCluster();
    const backend = new FlakyBackend(sim.backend);
    m = mount(backend, { initialBackoffMs: 100, maxBackoffMs: 400 }, sim);
    await m.see('petclinic-stray');
    expect(m.frame()).not.toContain('STALE');
    backend.disconnect();
    let f = await m.see('STALE');
    expect(banner(f)).toMatch(/^✗ cluster unreachable, data STALE \(updated \d+s ago, retry in \ds\): dial tcp 127\.0\.0\.1:6443/);
    // The data stays on screen, one line lower.
    expect(f).toMatch(/^NAME +READY +STATUS/m);
    expect(f).toContain('mysql');
    expect(f.split('\n')).toHaveLength(29);
    // Retries keep failing while it is down (back-off: 100, 200, 400, 400 ms...).
    await new Promise((r) => setTimeout(r, 500));
    expect(backend.lists).toBeGreaterThanOrEqual(3);
    expect(m.frame()).toContain('STALE');
    sim.api.create('pods', podObject('made-during-outage'));
    sim.virtualClock.flush();
    backend.reconnect();
    f = await m.gone('STALE');
    f = await m.see('made-during-outage');
    expect(f.split('\n')[1]).toMatch(/^pods\(default\)\[6\]/);
  });

  it('says so when the cluster cannot be reached at start', async () => {
    const { sim } = petclinicCluster();
    const backend = new FlakyBackend(sim.backend);
    backend.disconnect();
    m = mount(backend, { initialBackoffMs: 100, maxBackoffMs: 200 }, sim);
    const f = await m.see('✗ cannot reach the cluster');
    expect(banner(f)).toMatch(/^✗ cannot reach the cluster \(retry in \ds\): dial tcp 127\.0\.0\.1:6443: connect: connection refused/);
    expect(f).not.toContain('loading…');
    backend.reconnect();
    await m.see('petclinic-stray');
    await m.gone('✗');
  });

  it('a watch that expires (410) is relisted without a banner', async () => {
    const { sim } = petclinicCluster();
    const backend = new FlakyBackend(sim.backend);
    m = mount(backend, {}, sim);
    await m.see('petclinic-stray');
    backend.expireWatches();
    sim.api.create('pods', podObject('after-410'));
    const f = await m.see('after-410');
    expect(f).not.toContain('✗');
    expect(backend.lists).toBe(2);
  });
});

describe('only the screen on view keeps a watch open', () => {
  it('switching screens closes the previous watch', async () => {
    const { sim } = petclinicCluster();
    const backend = new FlakyBackend(sim.backend);
    m = mount(backend, {}, sim);
    await m.see('petclinic-stray');
    expect(backend.openWatches).toBe(1);
    await m.press(':');
    await m.type('svc');
    await m.press('\r');
    await m.see('services(default)[2]');
    expect(backend.openWatches).toBe(1);
    expect(backend.watches).toBe(2);
    m.unmount();
    m = undefined;
    expect(backend.openWatches).toBe(0);
  });
});
