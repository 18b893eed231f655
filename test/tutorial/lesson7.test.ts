import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Namespace, Pod, Service } from '../../backends/contract/types.js';
import { tableFor } from '../../src/render/index.js';
import { applyFile } from '../helpers/applyFile.js';
import { waitFor } from '../helpers/waitFor.js';
import { readyIPs, runningPods, send, waitForClusterDns, waitForEndpoints, waitForRunning } from '../network/lessonKit.js';

// Tutorial lesson 7: namespaces, and kube-dns turning `mysql` into the mysql Service's ClusterIP.
const mysql = `apiVersion: v1
kind: Pod
metadata:
  name: mysql
  labels:
    app: mysql
spec:
  containers:
    - name: mysql
      image: mysql:5.7
      env:
        - name: MYSQL_ROOT_PASSWORD
          value: petclinic
---
apiVersion: v1
kind: Service
metadata:
  name: mysql
spec:
  selector:
    app: mysql
  ports:
    - name: tcp
      port: 3306
`;

const client = `apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    app: client
spec:
  containers:
    - name: petclinic
      image: spring2go/spring-petclinic:1.0.1.RELEASE
      env:
        - name: DATASOURCE_URL
          value: jdbc:mysql://mysql/petclinic
`;

const cell = <T,>(resource: 'pods' | 'services' | 'deployments' | 'namespaces', obj: T, column: string, now: number) => {
  const t = tableFor(resource);
  return t.row(obj as never, { now })[t.columns.findIndex((c) => c.name === column)];
};

describe('lesson 7: namespaces and kube-dns', () => {
  it('runs the control plane, kube-proxy and DNS in kube-system', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitFor(sim, async () => (await runningPods(b, 'kube-system', '')).length === 12, { what: 'kube-system to come up', stepMs: 1000 });
    const now = sim.clock.now();
    const ns = (await b.list('namespaces')).items as Namespace[];
    expect(ns.map((n) => [n.metadata!.name, cell('namespaces', n, 'STATUS', now)])).toEqual([
      ['default', 'Active'], ['kube-node-lease', 'Active'], ['kube-public', 'Active'], ['kube-system', 'Active'], ['local-path-storage', 'Active'],
    ]);
    const pods = (await b.list('pods', { namespace: 'kube-system' })).items as Pod[];
    const names = pods.map((p) => p.metadata!.name!.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '-<rs>-<pod>').replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '-<pod>'));
    expect(names).toEqual([
      'coredns-<rs>-<pod>', 'coredns-<rs>-<pod>', 'etcd-kind-control-plane',
      'kindnet-<pod>', 'kindnet-<pod>', 'kindnet-<pod>',
      'kube-apiserver-kind-control-plane', 'kube-controller-manager-kind-control-plane',
      'kube-proxy-<pod>', 'kube-proxy-<pod>', 'kube-proxy-<pod>',
      'kube-scheduler-kind-control-plane',
    ].sort());
    for (const p of pods) {
      expect(cell('pods', p, 'READY', now), p.metadata!.name).toBe('1/1');
      expect(cell('pods', p, 'STATUS', now), p.metadata!.name).toBe('Running');
    }
    const dns = await b.get('services', 'kube-system', 'kube-dns') as Service;
    expect(['TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'].map((c) => cell('services', dns, c, now))).toEqual(['ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP']);
    const coredns = await b.get('deployments', 'kube-system', 'coredns');
    expect(cell('deployments', coredns, 'READY', now)).toBe('2/2');
    // Without -n, commands act on `default`: none of this is there.
    expect((await b.list('pods', { namespace: 'default' })).items).toEqual([]);
    expect((await b.list('services', { namespace: 'default' })).items.map((s) => s.metadata!.name)).toEqual(['kubernetes']);
    // kube-dns's endpoints are the CoreDNS pods.
    const corednsIPs = (await runningPods(b, 'kube-system', 'k8s-app=kube-dns')).map((p) => p.status!.podIP!).sort();
    expect(await readyIPs(b, 'kube-system', 'kube-dns')).toEqual(corednsIPs);
  });

  it('resolves `mysql` from a pod in default to the mysql ClusterIP, through kube-dns', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    await applyFile(b, 'mysql.yml', mysql);
    await applyFile(b, 'client.yml', client);
    await waitForRunning(sim, b, 'default', 'app in (mysql,client)', 2);
    await waitForEndpoints(sim, b, 'default', 'mysql', 1);
    const ip = (await b.get('services', 'default', 'mysql') as Service).spec!.clusterIP!;
    const t = sim.ctx.traffic!;
    expect(t.resolvConf('default', 'client')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(t.resolve('mysql', 'default')).toEqual({
      query: 'mysql', tried: ['mysql.default.svc.cluster.local'],
      answer: { name: 'mysql.default.svc.cluster.local', addresses: [ip], service: { namespace: 'default', name: 'mysql' } },
    });
    expect(t.resolve('mysql.default.svc.cluster.local', 'kube-system').answer?.addresses).toEqual([ip]);
    expect(t.resolve('mysql', 'kube-system').error).toBe('NXDOMAIN');
    // The client's DATASOURCE_URL names `mysql`: it reaches the mysql pod through the Service.
    const clientIP = (await b.get('pods', 'default', 'client') as Pod).status!.podIP!;
    const r = send(sim, `${clientIP}:8080`, 1)[0];
    expect(r.body).toContain('DATASOURCE_URL=jdbc:mysql://mysql/petclinic: connected to mysql through service mysql');

    // No CoreDNS pod ready, no name resolution.
    await b.patch('deployments', 'kube-system', 'coredns', 'merge', { spec: { replicas: 0 } });
    await waitFor(sim, async () => (await readyIPs(b, 'kube-system', 'kube-dns')).length === 0, { what: 'CoreDNS to stop' });
    expect(t.resolve('mysql').error).toBe('connection timed out; no servers could be reached');
    expect(send(sim, `${clientIP}:8080`, 1)[0].body).toContain('Communications link failure (Could not resolve host: mysql)');
    await b.patch('deployments', 'kube-system', 'coredns', 'merge', { spec: { replicas: 2 } });
    await waitFor(sim, async () => (await readyIPs(b, 'kube-system', 'kube-dns')).length === 2, { what: 'CoreDNS to come back' });
    expect(t.resolve('mysql').answer?.addresses).toEqual([ip]);
  });
});
