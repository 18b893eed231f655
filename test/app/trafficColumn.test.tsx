import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backends/contract/backend.js';
import { KEY, mount, type Mounted } from './harness.js';
import { blueGreenCluster } from './powerFixture.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });


describe('REQUESTS on a Service\'s pods', () => {
  it('counts the requests each pod answered since the table opened, with the rate per second', async () => {
    const sim = blueGreenCluster();
    // Both versions behind the Service.
    sim.api.patch('services', 'default', 'petclinic', 'merge', { spec: { selector: { version: null } } });
    sim.virtualClock.advance(1000);
    const traffic = sim.ctx.traffic!;
    // Requests before the table opens are not counted.
    for (let i = 0; i < 5; i++) expect(traffic.request('http://petclinic:8080/').ok).toBe(true);
    const before = (pod: string) => traffic.countersFor('default', pod)?.ok ?? 0;
    const base = { 'petclinic-v1': before('petclinic-v1'), 'petclinic-v2': before('petclinic-v2') };

    m = mount(sim.backend, {}, sim);
    await m!.command('svc', 'services(default)[2]');
    await m.press('j');
    await m.see(/^petclinic +NodePort/m);
    await m.press(KEY.enter);
    let f = await m.see('services > petclinic > pods(default)[2]');
    f = await m.see(/^petclinic-v2 .* 0 \(\d\.\d\/s\)$/m);
    expect(f).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE +REQUESTS$/m);
    expect(f).toMatch(/^petclinic-v1 .* 0 \(\d\.\d\/s\)$/m);

    // Traffic through the Service, spread by kube-proxy's random choice over the two pods.
    for (let i = 0; i < 40; i++) traffic.request('http://petclinic.default.svc.cluster.local:8080/');
    // A second later the rate covers the last ten complete seconds.
    sim.virtualClock.advance(1000);
    const since = (pod: 'petclinic-v1' | 'petclinic-v2') => before(pod) - base[pod];
    const rate = (pod: string) => traffic.countersFor('default', pod)!.ratePerSecond.toFixed(1);
    expect(since('petclinic-v1') + since('petclinic-v2')).toBe(40);
    expect(since('petclinic-v1')).toBeGreaterThan(0);
    expect(since('petclinic-v2')).toBeGreaterThan(0);
    for (const pod of ['petclinic-v1', 'petclinic-v2'] as const) {
      await m.see(new RegExp(`^${pod} +1/1 +Running +0 +\\S+ +${since(pod)} \\(${rate(pod).replace('.', '\\.')}/s\\)$`, 'm'));
    }
  });

  it('only on a Service\'s pods, and only where the backend counts traffic', async () => {
    const sim = blueGreenCluster();
    m = mount(sim.backend, {}, sim);
    const f = await m.see(/^petclinic-v1 /m);
    expect(f).not.toContain('REQUESTS');
    m.unmount();

    const noTraffic = new Proxy(sim.backend, {
      get: (t, k) => (k === 'capabilities' ? { ...t.capabilities, traffic: false } : Reflect.get(t, k, t)),
    }) as Backend;
    m = mount(noTraffic, {}, sim);
    await m!.command('svc', 'services(default)[2]');
    await m.press('j');
    await m.see(/^petclinic +NodePort/m);
    await m.press(KEY.enter);
    const g = await m.see(/^petclinic-v1 +1\/1 +Running/m);
    expect(g).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/m);
  });
});
