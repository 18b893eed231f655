import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { network } from '../../backends/sim/network/index.js';
import type { EndpointSlice, Endpoints, KubeObject } from '../../backends/contract/types.js';
import { createPod, relabel, setPodState } from './fixtures.js';

function service(name: string, selector: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { team: 'a' } }, spec: { selector, ports: [{ port: 8080, targetPort: 8080 }], ...extra } };
}

function endpointsOf(sim: ReturnType<typeof newSim>, name: string) {
  const ep = sim.api.tryGet('endpoints', 'default', name) as Endpoints | undefined;
  const ips = (k: 'addresses' | 'notReadyAddresses') => (ep?.subsets ?? []).flatMap((s) => (s[k] ?? []).map((a) => a.ip)).sort();
  return { exists: !!ep, ready: ips('addresses'), notReady: ips('notReadyAddresses'), object: ep };
}

function slicesOf(sim: ReturnType<typeof newSim>, name: string): EndpointSlice[] {
  return sim.api.list('endpointslices', { namespace: 'default', labelSelector: `kubernetes.io/service-name=${name}` }).items as EndpointSlice[];
}

function sliceEndpoints(sim: ReturnType<typeof newSim>, name: string) {
  return slicesOf(sim, name).flatMap((s) => s.endpoints.map((e) => ({ ip: e.addresses[0], ...e.conditions }))).sort((a, b) => a.ip.localeCompare(b.ip));
}

describe('Endpoints and EndpointSlices', () => {
  it('list the pods whose labels match every selector label: ready ones as addresses, others as notReadyAddresses', () => {
    const sim = newSim([network]);
    createPod(sim, 'a', { app: 'web', tier: 'fe' }, { ip: '10.244.1.2' });
    createPod(sim, 'b', { app: 'web', tier: 'fe' }, { ip: '10.244.1.3', ready: false });
    createPod(sim, 'c', { app: 'web' }, { ip: '10.244.1.4' }); // lacks tier
    createPod(sim, 'd', { app: 'web', tier: 'fe' }, {}); // no IP yet
    sim.api.create('services', service('web', { app: 'web', tier: 'fe' }));
    sim.virtualClock.advance(1000);
    const ep = endpointsOf(sim, 'web');
    expect(ep.ready).toEqual(['10.244.1.2']);
    expect(ep.notReady).toEqual(['10.244.1.3']);
    expect(ep.object!.subsets![0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(ep.object!.subsets![0].addresses![0]).toEqual({ ip: '10.244.1.2', nodeName: 'kind-worker', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: expect.any(String) } });
    expect(ep.object!.metadata!.labels).toEqual({ team: 'a' });
    expect(ep.object!.metadata!.annotations!['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const slices = slicesOf(sim, 'web');
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata!.labels).toEqual({ team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(s.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: sim.api.get('services', 'default', 'web').metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(sliceEndpoints(sim, 'web')).toEqual([
      { ip: '10.244.1.2', ready: true, serving: true, terminating: false },
      { ip: '10.244.1.3', ready: false, serving: false, terminating: false },
    ]);
  });

  it('follow readiness and label changes within a second', () => {
    const sim = newSim([network]);
    sim.api.create('services', service('web', { app: 'web' }));
    createPod(sim, 'a', { app: 'web' }, { ip: '10.244.1.2', ready: false });
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').ready).toEqual([]);
    setPodState(sim, 'a', { ip: '10.244.1.2', ready: true });
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').ready).toEqual(['10.244.1.2']);
    relabel(sim, 'a', { app: 'other' });
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web')).toMatchObject({ exists: true, ready: [], notReady: [] });
    expect(endpointsOf(sim, 'web').object!.subsets).toBeUndefined();
    expect(sliceEndpoints(sim, 'web')).toEqual([]);
    relabel(sim, 'a', { app: 'web' });
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').ready).toEqual(['10.244.1.2']);
  });

  it('drop a terminating pod from Endpoints but keep it in the slice as not ready and terminating', () => {
    const sim = newSim([network]);
    sim.api.create('services', service('web', { app: 'web' }));
    createPod(sim, 'a', { app: 'web' }, { ip: '10.244.1.2' });
    createPod(sim, 'b', { app: 'web' }, { ip: '10.244.1.3' });
    sim.virtualClock.advance(1000);
    sim.api.delete('pods', 'default', 'a'); // bound and running: graceful, 30 s
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').ready).toEqual(['10.244.1.3']);
    expect(endpointsOf(sim, 'web').notReady).toEqual([]);
    expect(sliceEndpoints(sim, 'web')).toEqual([
      { ip: '10.244.1.2', ready: false, serving: true, terminating: true },
      { ip: '10.244.1.3', ready: true, serving: true, terminating: false },
    ]);
    sim.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    sim.virtualClock.advance(1000);
    expect(sliceEndpoints(sim, 'web').map((e) => e.ip)).toEqual(['10.244.1.3']);
  });

  it('resolve a named targetPort in each pod, grouping pods by the ports they resolve', () => {
    const sim = newSim([network]);
    sim.api.create('services', service('web', { app: 'web' }, { ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    createPod(sim, 'a', { app: 'web' }, { ip: '10.244.1.2', ports: [{ name: 'http', containerPort: 8080 }] });
    createPod(sim, 'b', { app: 'web' }, { ip: '10.244.1.3', ports: [{ name: 'http', containerPort: 9090 }] });
    createPod(sim, 'c', { app: 'web' }, { ip: '10.244.1.4', ports: [{ name: 'metrics', containerPort: 9100 }] });
    sim.virtualClock.advance(1000);
    const subsets = endpointsOf(sim, 'web').object!.subsets!;
    expect(subsets.map((s) => [s.addresses!.map((a) => a.ip), s.ports])).toEqual([
      [['10.244.1.2'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.244.1.3'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
    const bySlice = slicesOf(sim, 'web').map((s) => [s.ports![0].port, s.endpoints.map((e) => e.addresses[0])]).sort();
    expect(bySlice).toEqual([[8080, ['10.244.1.2']], [9090, ['10.244.1.3']]]);
  });

  it('move every endpoint in one write when the selector switches (blue/green)', () => {
    const sim = newSim([network]);
    for (let i = 0; i < 3; i++) {
      createPod(sim, `blue-${i}`, { app: 'web', version: 'v1' }, { ip: `10.244.1.${10 + i}` });
      createPod(sim, `green-${i}`, { app: 'web', version: 'v2' }, { ip: `10.244.2.${10 + i}` });
    }
    sim.api.create('services', service('web', { app: 'web', version: 'v1' }));
    sim.virtualClock.advance(1000);
    const writes: Array<{ kind: string; ips: string[] }> = [];
    for (const resource of ['endpoints', 'endpointslices'] as const) {
      sim.api.watch(resource, { namespace: 'default', resourceVersion: sim.api.resourceVersion }, {
        onEvent: (e) => {
          if (e.type === 'BOOKMARK') return;
          const o = e.object as Endpoints & EndpointSlice;
          const ips = resource === 'endpoints' ? (o.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)) : o.endpoints.map((x) => x.addresses[0]);
          writes.push({ kind: `${e.type} ${resource}`, ips: ips.sort() });
        },
        onExpired() {}, onError() {},
      });
    }
    sim.api.patch('services', 'default', 'web', 'merge', { spec: { selector: { version: 'v2' } } });
    sim.virtualClock.advance(1000);
    const green = ['10.244.2.10', '10.244.2.11', '10.244.2.12'];
    expect(writes).toEqual([
      { kind: 'MODIFIED endpoints', ips: green },
      { kind: 'MODIFIED endpointslices', ips: green },
    ]);
  });

  it('keep one empty slice for a Service that selects nothing, and split large Services into slices of 100', () => {
    const sim = newSim([network]);
    sim.api.create('services', service('none', { app: 'nothing' }));
    sim.api.create('services', service('big', { app: 'big' }));
    for (let i = 0; i < 250; i++) createPod(sim, `big-${i}`, { app: 'big' }, { ip: `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}` });
    sim.virtualClock.advance(1000);
    const none = slicesOf(sim, 'none');
    expect(none).toHaveLength(1);
    expect(none[0].endpoints).toEqual([]);
    expect(none[0].ports).toBeUndefined();
    expect(slicesOf(sim, 'big').map((s) => s.endpoints.length).sort()).toEqual([100, 100, 50]);
    expect(endpointsOf(sim, 'big').ready).toHaveLength(250);
  });

  it('are recreated when deleted by hand, and the Endpoints go with their Service', () => {
    const sim = newSim([network]);
    sim.api.create('services', service('web', { app: 'web' }));
    createPod(sim, 'a', { app: 'web' }, { ip: '10.244.1.2' });
    sim.virtualClock.advance(1000);
    sim.api.delete('endpoints', 'default', 'web');
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').ready).toEqual(['10.244.1.2']);
    sim.api.delete('endpointslices', 'default', slicesOf(sim, 'web')[0].metadata!.name!);
    sim.virtualClock.advance(1000);
    expect(sliceEndpoints(sim, 'web').map((e) => e.ip)).toEqual(['10.244.1.2']);
    sim.api.delete('services', 'default', 'web');
    sim.virtualClock.advance(1000);
    expect(endpointsOf(sim, 'web').exists).toBe(false);
  });

  it('bring the kubernetes Service and its Endpoints back about 4.5 s after deletion; its EndpointSlice stays', () => {
    const sim = newSim([network]);
    sim.virtualClock.advance(1000);
    const ep = sim.api.get('endpoints', 'default', 'kubernetes') as Endpoints;
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    expect(ep.metadata!.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    const slice = sim.api.get('endpointslices', 'default', 'kubernetes') as EndpointSlice;
    expect(slice.endpoints).toEqual([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
    sim.api.delete('services', 'default', 'kubernetes');
    sim.virtualClock.advance(1000);
    expect(sim.api.tryGet('endpoints', 'default', 'kubernetes')).toBeUndefined();
    expect(sim.api.tryGet('services', 'default', 'kubernetes')).toBeUndefined();
    const back = sim.virtualClock.advanceUntil(() => !!sim.api.tryGet('services', 'default', 'kubernetes') && !!sim.api.tryGet('endpoints', 'default', 'kubernetes'), 10_000, 100);
    expect(back).toBeGreaterThanOrEqual(3000);
    expect(back).toBeLessThanOrEqual(5000);
    expect(sim.api.get('services', 'default', 'kubernetes').spec).toMatchObject({ clusterIP: '10.96.0.1' });
    expect(sim.api.get('endpointslices', 'default', 'kubernetes').metadata!.uid).toBe(slice.metadata!.uid);
  });
});

describe('a Service without a selector', () => {
  it('gets no controller-made Endpoints; hand-written ones are mirrored into an EndpointSlice and routed to', () => {
    const sim = newSim([network]);
    sim.api.create('services', { metadata: { name: 'db', namespace: 'default' }, spec: { ports: [{ name: 'sql', port: 3306, targetPort: 3306 }] } } as KubeObject);
    createPod(sim, 'mysql', { app: 'mysql' }, { ip: '10.244.1.7', image: 'mysql:5.7' });
    sim.virtualClock.advance(1000);
    expect(sim.api.tryGet('endpoints', 'default', 'db')).toBeUndefined();
    expect(slicesOf(sim, 'db')).toEqual([]);
    expect(sim.ctx.traffic!.request('db:3306').error).toBe('Connection refused');
    const ep = sim.api.create('endpoints', { metadata: { name: 'db', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.244.1.7' }], notReadyAddresses: [{ ip: '10.244.1.8' }], ports: [{ name: 'sql', port: 3306 }] }] } as KubeObject);
    sim.virtualClock.advance(1000);
    const [slice] = slicesOf(sim, 'db');
    expect(slice.metadata!.labels).toEqual({ 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Endpoints', name: 'db', uid: ep.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.ports).toEqual([{ name: 'sql', port: 3306, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([{ addresses: ['10.244.1.7'], conditions: { ready: true } }, { addresses: ['10.244.1.8'], conditions: { ready: false } }]);
    expect(sim.ctx.traffic!.request('db:3306')).toMatchObject({ ok: true, pod: { name: 'mysql', ip: '10.244.1.7' } });
    sim.api.delete('endpoints', 'default', 'db');
    sim.virtualClock.advance(1000);
    expect(slicesOf(sim, 'db')).toEqual([]);
  });
});
