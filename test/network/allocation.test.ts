import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { network } from '../../backends/sim/network/index.js';
import { isStatusError, type StatusError } from '../../backends/contract/errors.js';
import type { KubeObject, Service } from '../../backends/contract/types.js';

function svc(name: string, spec: Record<string, unknown>, ns = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 8080 }], ...spec } };
}

function failure(fn: () => unknown): StatusError {
  try { fn(); } catch (e) { if (isStatusError(e)) return e; throw e; }
  throw new Error('expected a StatusError');
}

function snapshot(sim: ReturnType<typeof newSim>) {
  return { rv: sim.api.resourceVersion, services: sim.api.list('services').items.map((s) => s.metadata!.name) };
}

function octets(ip: string) { return ip.split('.').map(Number); }

describe('ClusterIP allocation', () => {
  it('gives the apiserver Service 10.96.0.1 and user Services random addresses above the static band of 10.96.0.0/16', () => {
    const sim = newSim([network]);
    sim.virtualClock.flush();
    const k = sim.api.get('services', 'default', 'kubernetes') as Service;
    expect(k.spec!.clusterIP).toBe('10.96.0.1');
    expect(k.spec!.clusterIPs).toEqual(['10.96.0.1']);
    expect(k.spec!.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(k.metadata!.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    const dns = sim.api.create('services', svc('kube-dns', { clusterIP: '10.96.0.10' }, 'kube-system')) as Service;
    expect(dns.spec!.clusterIP).toBe('10.96.0.10');
    const ips = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const s = sim.api.create('services', svc(`s${i}`, {})) as Service;
      const ip = s.spec!.clusterIP!;
      const [a, b, c] = octets(ip);
      expect([a, b]).toEqual([10, 96]);
      expect(c).toBeGreaterThanOrEqual(1); // never 10.96.0.x unless asked for
      expect(s.spec!.clusterIPs).toEqual([ip]);
      expect(s.spec!.ipFamilies).toEqual(['IPv4']);
      expect(s.spec!.ipFamilyPolicy).toBe('SingleStack');
      ips.add(ip);
    }
    expect(ips.size).toBe(50);
  });

  it('refuses an address already taken or outside the range, storing nothing', () => {
    const sim = newSim([network]);
    sim.virtualClock.flush();
    sim.api.create('services', svc('dns', { clusterIP: '10.96.0.10' }));
    const before = snapshot(sim);
    let e = failure(() => sim.api.create('services', svc('web', { clusterIP: '10.96.0.10' })));
    expect(e.code).toBe(422);
    expect(e.message).toBe('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    e = failure(() => sim.api.create('services', svc('web', { clusterIP: '10.0.0.5' })));
    expect(e.message).toBe('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/16');
    expect(snapshot(sim)).toEqual(before);
  });

  it('keeps the address on an update that omits it, refuses to change it, and frees it with the Service', () => {
    const sim = newSim([network]);
    const s = sim.api.create('services', svc('web', { clusterIP: '10.96.50.50' })) as Service;
    const replaced = sim.api.update('services', { ...structuredClone(s), spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject) as Service;
    expect(replaced.spec!.clusterIP).toBe('10.96.50.50');
    const e = failure(() => sim.api.patch('services', 'default', 'web', 'merge', { spec: { clusterIP: '10.96.50.51', clusterIPs: ['10.96.50.51'] } }));
    expect(e.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.50.51": may not change once set');
    sim.api.delete('services', 'default', 'web');
    expect((sim.api.create('services', svc('other', { clusterIP: '10.96.50.50' })) as Service).spec!.clusterIP).toBe('10.96.50.50');
  });

  it('allocates nothing for headless and ExternalName Services, and nothing on a dry run', () => {
    const sim = newSim([network]);
    const h = sim.api.create('services', svc('h', { clusterIP: 'None' })) as Service;
    expect(h.spec!.clusterIP).toBe('None');
    expect(h.spec!.clusterIPs).toEqual(['None']);
    const x = sim.api.create('services', { metadata: { name: 'x' }, spec: { type: 'ExternalName', externalName: 'example.com' } }) as Service;
    expect(x.spec!.clusterIP).toBeUndefined();
    const dry = sim.api.create('services', svc('d', { clusterIP: '10.96.7.7' }), { dryRun: true }) as Service;
    expect(dry.spec!.clusterIP).toBe('10.96.7.7');
    expect(sim.api.tryGet('services', 'default', 'd')).toBeUndefined();
    expect((sim.api.create('services', svc('e', { clusterIP: '10.96.7.7' })) as Service).spec!.clusterIP).toBe('10.96.7.7');
  });

  it('defaults targetPort to port and protocol to TCP, and leaves LoadBalancer status without ingress', () => {
    const sim = newSim([network]);
    const s = sim.api.create('services', svc('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] })) as Service;
    expect(s.spec!.ports![0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
    expect(s.spec!.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.status).toEqual({ loadBalancer: {} });
  });
});

describe('NodePort allocation', () => {
  it('honours a requested port and picks others at random from 30086-32767', () => {
    const sim = newSim([network]);
    const s = sim.api.create('services', svc('web', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }, { name: 'b', port: 9090 }] })) as Service;
    expect(s.spec!.ports![0].nodePort).toBe(31080);
    const p = s.spec!.ports![1].nodePort!;
    expect(p).toBeGreaterThanOrEqual(30086);
    expect(p).toBeLessThanOrEqual(32767);
  });

  it('refuses a port outside 30000-32767 or already allocated with the apiserver messages, storing nothing', () => {
    const sim = newSim([network]);
    sim.api.create('services', svc('a', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }] }));
    const before = snapshot(sim);
    let e = failure(() => sim.api.create('services', svc('web', { type: 'NodePort', ports: [{ port: 8080, nodePort: 40000 }] })));
    expect(e.code).toBe(422);
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
    e = failure(() => sim.api.create('services', svc('web', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }] })));
    expect(e.message).toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 31080: provided port is already allocated');
    expect(e.status.details?.causes).toEqual([{ reason: 'FieldValueInvalid', field: 'spec.ports[0].nodePort', message: 'Invalid value: 31080: provided port is already allocated' }]);
    expect(snapshot(sim)).toEqual(before);
    // The refused create reserved nothing: port 31081 is still free.
    expect((sim.api.create('services', svc('c', { type: 'NodePort', ports: [{ port: 1, nodePort: 31081 }] })) as Service).spec!.ports![0].nodePort).toBe(31081);
  });

  it('releases node ports when the Service goes or becomes a ClusterIP Service', () => {
    const sim = newSim([network]);
    sim.api.create('services', svc('a', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }] }));
    sim.api.delete('services', 'default', 'a');
    sim.api.create('services', svc('b', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }] }));
    const b = sim.api.patch('services', 'default', 'b', 'merge', { spec: { type: 'ClusterIP' } }) as Service;
    expect(b.spec!.ports![0].nodePort).toBeUndefined();
    expect((sim.api.create('services', svc('c', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080 }] })) as Service).spec!.ports![0].nodePort).toBe(31080);
  });

  it('keeps node ports across an update that omits them', () => {
    const sim = newSim([network]);
    const a = sim.api.create('services', svc('a', { type: 'NodePort' })) as Service;
    const port = a.spec!.ports![0].nodePort;
    const u = sim.api.update('services', { ...structuredClone(a), spec: { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 8080 }] } } as KubeObject) as Service;
    expect(u.spec!.ports![0].nodePort).toBe(port);
  });

  it('shares one node port between the TCP and UDP ports of the same number', () => {
    const sim = newSim([network]);
    const s = sim.api.create('services', svc('dns', { type: 'NodePort', ports: [{ name: 'u', port: 53, protocol: 'UDP' }, { name: 't', port: 53, protocol: 'TCP' }] })) as Service;
    expect(s.spec!.ports![0].nodePort).toBe(s.spec!.ports![1].nodePort);
  });
});
