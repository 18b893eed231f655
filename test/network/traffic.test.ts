import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { network } from '../../backends/sim/network/index.js';
import type { Component, ContainerView } from '../../backends/sim/context.js';
import type { KubeObject, Service } from '../../backends/contract/types.js';
import { createPod } from './fixtures.js';

/** A stand-in for the kubelet's containerView: what each running container sees. */
function views(table: Map<string, Omit<ContainerView, 'pod' | 'namespace' | 'container'>>): Component {
  return (ctx) => {
    ctx.containerView = (namespace, pod, container) => {
      const v = table.get(`${namespace}/${pod}`);
      return v && { ...v, namespace, pod, container: container ?? 'app' };
    };
  };
}

function web(sim: ReturnType<typeof newSim>, extra: Record<string, unknown> = {}): Service {
  return sim.api.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }], ...extra } } as KubeObject) as Service;
}

describe('simulated traffic', () => {
  it('spreads requests evenly over the ready pods (chi-square, fixed seed)', () => {
    const sim = newSim([network], { seed: 42 });
    const svc = web(sim);
    for (let i = 0; i < 3; i++) createPod(sim, `web-${i}`, { app: 'web' }, { ip: `10.244.1.${i + 2}`, ports: [{ containerPort: 8080 }] });
    sim.virtualClock.advance(1000);
    const n = 3000;
    const hits = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const r = sim.ctx.traffic!.request(`${svc.spec!.clusterIP}:80`);
      expect(r.ok).toBe(true);
      hits.set(r.pod!.name, (hits.get(r.pod!.name) ?? 0) + 1);
    }
    expect([...hits.keys()].sort()).toEqual(['web-0', 'web-1', 'web-2']);
    const expected = n / 3;
    const chi2 = [...hits.values()].reduce((a, o) => a + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(13.82); // p = 0.001 with 2 degrees of freedom
    for (const c of sim.ctx.traffic!.counters('default')) expect(c.ok).toBe(hits.get(c.pod));
  });

  it('reaches pods by name, ClusterIP, NodePort on localhost and on a node IP, and says which pod answered', () => {
    const sim = newSim([network]);
    const svc = web(sim, { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 31080 }] });
    createPod(sim, 'web-0', { app: 'web' }, { ip: '10.244.1.2', ports: [{ containerPort: 8080 }], image: 'nginx:1.25' });
    sim.virtualClock.advance(1000);
    const t = sim.ctx.traffic!;
    for (const target of ['http://web/', 'http://web.default.svc.cluster.local:80/x', `${svc.spec!.clusterIP}:80`, 'localhost:31080', 'http://127.0.0.1:31080/', '172.18.0.3:31080', '10.244.1.2:8080']) {
      const r = t.request(target);
      expect(r, target).toMatchObject({ ok: true, status: 200, pod: { namespace: 'default', name: 'web-0', ip: '10.244.1.2', node: 'kind-worker', container: 'app' }, version: '1.25' });
    }
    expect(t.request('http://web/').service).toEqual({ namespace: 'default', name: 'web' });
    expect(t.request('localhost:31081').error).toBe('Connection refused');
    expect(t.request(`${svc.spec!.clusterIP}:81`).error).toBe('Connection timed out');
    expect(t.request('http://nosuch/').error).toBe('Could not resolve host: nosuch');
    expect(t.request('10.244.1.2:9999')).toMatchObject({ ok: false, error: 'Connection refused' });
    expect(t.countersFor('default', 'web-0')).toMatchObject({ ok: 8, failed: 1 });
  });

  it('refuses connections to a Service without endpoints', () => {
    const sim = newSim([network]);
    web(sim, { selector: { app: 'wbe' } });
    createPod(sim, 'web-0', { app: 'web' }, { ip: '10.244.1.2', ports: [{ containerPort: 8080 }] });
    sim.virtualClock.advance(1000);
    expect(sim.ctx.traffic!.request('http://web/')).toEqual({ target: 'http://web/', ok: false, error: 'Connection refused', service: { namespace: 'default', name: 'web' }, body: '' });
  });

  it('lets petclinic answer with its version, its environment and its mounted configuration', () => {
    const table = new Map<string, Omit<ContainerView, 'pod' | 'namespace' | 'container'>>();
    const sim = newSim([network, views(table)]);
    sim.api.create('services', { metadata: { name: 'petclinic', namespace: 'default' }, spec: { selector: { app: 'petclinic' }, ports: [{ port: 8080 }] } } as KubeObject);
    createPod(sim, 'pc', { app: 'petclinic' }, { ip: '10.244.1.2', image: 'spring2go/spring-petclinic:1.0.1.RELEASE' });
    table.set('default/pc', { image: 'spring2go/spring-petclinic:1.0.1.RELEASE', env: { TEST_CONFIG: 'test_config_v1' }, files: { '/etc/config/TEST_CONFIG': 'mounted_v2', '/var/run/secrets/kubernetes.io/serviceaccount/token': 'x' } });
    sim.virtualClock.advance(1000);
    const r = sim.ctx.traffic!.request('http://petclinic:8080/owners');
    expect(r).toMatchObject({ ok: true, status: 200, version: '1.0.1.RELEASE', pod: { name: 'pc' } });
    expect(r.body).toBe('Spring PetClinic 1.0.1.RELEASE\nServed by pc (10.244.1.2)\nGET /owners\nTEST_CONFIG=test_config_v1\n/etc/config/TEST_CONFIG: mounted_v2\n');
    table.delete('default/pc'); // the container is not running
    expect(sim.ctx.traffic!.request('http://petclinic:8080/')).toMatchObject({ ok: false, error: 'Connection refused', pod: { name: 'pc' } });
    expect(sim.ctx.traffic!.countersFor('default', 'pc')).toMatchObject({ ok: 1, failed: 1 });
  });

  it('generates a steady stream on the clock and reports a rate per pod', () => {
    const sim = newSim([network], { seed: 3 });
    web(sim);
    createPod(sim, 'web-0', { app: 'web' }, { ip: '10.244.1.2', ports: [{ containerPort: 8080 }] });
    createPod(sim, 'web-1', { app: 'web' }, { ip: '10.244.1.3', ports: [{ containerPort: 8080 }] });
    sim.virtualClock.advance(1000);
    const stop = sim.ctx.traffic!.startTrafficGenerator({ services: ['web'], ratePerSecond: 20 });
    sim.virtualClock.advance(30_000);
    const c = sim.ctx.traffic!.counters('default');
    const total = c.reduce((a, x) => a + x.ok, 0);
    expect(total).toBeGreaterThanOrEqual(598);
    expect(total).toBeLessThanOrEqual(600);
    expect(c.reduce((a, x) => a + x.ratePerSecond, 0)).toBeCloseTo(20, 0);
    stop();
    sim.virtualClock.advance(20_000);
    expect(sim.ctx.traffic!.counters('default').reduce((a, x) => a + x.ok, 0)).toBe(total);
    expect(sim.ctx.traffic!.counters('default').reduce((a, x) => a + x.ratePerSecond, 0)).toBe(0);
    expect(sim.ctx.traffic!.recent().length).toBe(100);
  });

  it('sends NodePort traffic only to the receiving node\'s pods with externalTrafficPolicy Local', () => {
    const sim = newSim([network]);
    web(sim, { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 8080, nodePort: 31090 }] });
    createPod(sim, 'web-0', { app: 'web' }, { ip: '10.244.1.2', node: 'kind-worker', ports: [{ containerPort: 8080 }] });
    sim.virtualClock.advance(1000);
    const t = sim.ctx.traffic!;
    expect(t.request('172.18.0.3:31090').pod?.name).toBe('web-0'); // kind-worker
    expect(t.request('172.18.0.4:31090').error).toBe('Connection timed out'); // kind-worker2: no local endpoint
    expect(t.request('localhost:31090').error).toBe('Connection timed out'); // the control-plane node
  });
});
