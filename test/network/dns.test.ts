import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { network } from '../../backends/sim/network/index.js';
import type { KubeObject, Service } from '../../backends/contract/types.js';
import { createPod } from './fixtures.js';

function setup() {
  const sim = newSim([network]);
  sim.api.create('namespaces', { metadata: { name: 'shop' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  const mysql = sim.api.create('services', { metadata: { name: 'mysql', namespace: 'default' }, spec: { selector: { app: 'mysql' }, ports: [{ port: 3306 }] } }) as Service;
  sim.virtualClock.advance(1000);
  return { sim, traffic: sim.ctx.traffic!, mysqlIP: mysql.spec!.clusterIP! };
}

describe('cluster DNS', () => {
  it('writes the ClusterFirst resolv.conf: namespace search list, kube-dns, ndots:5', () => {
    const { sim, traffic } = setup();
    createPod(sim, 'client', { app: 'client' }, { ip: '10.244.1.9' }, 'shop');
    expect(traffic.resolvConf('shop', 'client')).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    sim.api.create('pods', { metadata: { name: 'hostnet', namespace: 'default' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox' }] } });
    sim.virtualClock.flush();
    expect(traffic.resolvConf('default', 'hostnet')).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    sim.api.create('pods', { metadata: { name: 'custom', namespace: 'default' }, spec: { dnsConfig: { searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }] }, containers: [{ name: 'c', image: 'busybox' }] } });
    sim.virtualClock.flush();
    expect(traffic.resolvConf('default', 'custom')).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:2\n');
  });

  it('resolves <svc>, <svc>.<ns>, <svc>.<ns>.svc and the full name to the ClusterIP from the Service namespace', () => {
    const { traffic, mysqlIP } = setup();
    for (const name of ['mysql', 'mysql.default', 'mysql.default.svc', 'mysql.default.svc.cluster.local', 'mysql.default.svc.cluster.local.']) {
      const r = traffic.resolve(name, 'default');
      expect(r.answer, name).toEqual({ name: 'mysql.default.svc.cluster.local', addresses: [mysqlIP], service: { namespace: 'default', name: 'mysql' } });
    }
    expect(traffic.resolve('mysql.default', 'default').tried).toEqual(['mysql.default.default.svc.cluster.local', 'mysql.default.svc.cluster.local']);
  });

  it('needs the namespace from another namespace', () => {
    const { traffic, mysqlIP } = setup();
    const r = traffic.resolve('mysql', 'shop');
    expect(r.error).toBe('NXDOMAIN');
    expect(r.tried).toEqual(['mysql.shop.svc.cluster.local', 'mysql.svc.cluster.local', 'mysql.cluster.local', 'mysql']);
    expect(traffic.resolve('mysql.default', 'shop').answer?.addresses).toEqual([mysqlIP]);
  });

  it('answers a headless Service with the IPs of its ready pods, and an ExternalName with its CNAME', () => {
    const { sim, traffic } = setup();
    sim.api.create('services', { metadata: { name: 'db', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] } } as KubeObject);
    sim.api.create('services', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } } as KubeObject);
    createPod(sim, 'db-0', { app: 'db' }, { ip: '10.244.1.20' });
    createPod(sim, 'db-1', { app: 'db' }, { ip: '10.244.2.21' });
    createPod(sim, 'db-2', { app: 'db' }, { ip: '10.244.2.22', ready: false });
    sim.virtualClock.advance(1000);
    expect(traffic.resolve('db').answer?.addresses.sort()).toEqual(['10.244.1.20', '10.244.2.21']);
    expect(traffic.resolve('ext').answer).toEqual({ name: 'ext.default.svc.cluster.local', addresses: [], cname: 'db.example.com', service: { namespace: 'default', name: 'ext' } });
    expect(traffic.resolve('10-244-1-20.default.pod').answer?.addresses).toEqual(['10.244.1.20']);
    expect(traffic.resolve('kubernetes.default').answer?.addresses).toEqual(['10.96.0.1']);
  });

  it('fails while kube-dns has no ready endpoint', () => {
    const { sim, traffic } = setup();
    sim.api.create('services', { metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } } as KubeObject);
    createPod(sim, 'coredns-1', { 'k8s-app': 'kube-dns' }, { ip: '10.244.0.2', ready: false }, 'kube-system');
    sim.virtualClock.advance(1000);
    expect(traffic.resolve('mysql').error).toBe('connection timed out; no servers could be reached');
    expect(traffic.request('http://mysql:3306/').error).toBe('Could not resolve host: mysql');
    createPod(sim, 'coredns-2', { 'k8s-app': 'kube-dns' }, { ip: '10.244.0.3' }, 'kube-system');
    sim.virtualClock.advance(1000);
    expect(traffic.resolve('mysql').answer).toBeDefined();
  });
});
