import { describe, expect, it } from 'vitest';
import type { PodTraffic } from '../../backends/sim/network/trafficGenerator.js';
import { endpointPods, play, podNames } from './scenarioKit.js';

/** Answered and failed requests a second, summed over the pods (kube-proxy spreads them at random). */
const totals = (pods: PodTraffic[]) => ({
  answered: pods.reduce((n, p) => n + p.ratePerSecond, 0),
  failed: pods.reduce((n, p) => n + p.failedPerSecond, 0),
});

describe('scenario clusterip (lesson 6)', () => {
  it('fails until mysql exists behind its ClusterIP Service, then answers, and fails again without it', async () => {
    const s = await play('clusterip');
    expect(await s.next()).toEqual(['deployment.apps/petclinic created', 'service/petclinic created']);
    await s.wait(2000);
    const failing = s.traffic('petclinic').pods;
    expect(failing).toHaveLength(2);
    expect(totals(failing)).toEqual({ answered: 0, failed: 20 });
    for (const p of failing) expect(p.failedPerSecond).toBeGreaterThan(0);
    const res = s.ask('petclinic');
    expect(res.status).toBe(500);
    expect(res.body).toContain('DATASOURCE_URL=jdbc:mysql://mysql/petclinic: Communications link failure');

    expect(await s.next()).toEqual(['pod/mysql created', 'service/mysql created']);
    const mysql = await s.b.get('services', 'default', 'mysql');
    expect(mysql.spec?.type).toBe('ClusterIP');
    expect(mysql.spec?.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(s.sim.ctx.traffic!.resolve('mysql').answer?.addresses).toEqual([mysql.spec?.clusterIP]);
    expect(await endpointPods(s.b, 'default', 'mysql')).toEqual(['mysql']);

    expect(await s.next()).toEqual([]);
    expect(totals(s.traffic('petclinic').pods)).toEqual({ answered: 20, failed: 0 });
    expect(s.ask('petclinic').body).toContain(': connected to mysql through service mysql');

    expect(await s.next()).toEqual(['pod "mysql" deleted']);
    await s.wait(2000);
    expect(totals(s.traffic('petclinic').pods)).toEqual({ answered: 0, failed: 20 });
    s.session.stop();
  });
});

describe('scenario namespaces (lesson 7)', () => {
  it('resolves mysql in its namespace and mysql.demo from default; deleting the namespace deletes its pods', async () => {
    const s = await play('namespaces');
    expect(await s.next()).toEqual([]);
    expect((await s.b.get('services', 'kube-system', 'kube-dns')).spec?.clusterIP).toBe('10.96.0.10');

    expect(await s.next()).toEqual(['namespace/demo created']);
    expect(await s.next()).toEqual(['pod/mysql created', 'service/mysql created']);
    expect(await podNames(s.b, 'demo', 'app=mysql')).toEqual(['mysql']);
    expect(await podNames(s.b, 'default', '')).toEqual([]);

    expect(await s.next()).toEqual([]);
    const ip = (await s.b.get('services', 'demo', 'mysql')).spec?.clusterIP;
    const dns = s.sim.ctx.traffic!;
    expect(dns.resolve('mysql', 'demo').answer?.addresses).toEqual([ip]);
    expect(dns.resolve('mysql', 'default').error).toBe('NXDOMAIN');
    expect(dns.resolve('mysql.demo', 'default').answer).toMatchObject({ name: 'mysql.demo.svc.cluster.local', addresses: [ip] });

    expect(await s.next()).toEqual(['namespace "demo" deleted']);
    expect((await s.b.list('namespaces')).items.map((n) => n.metadata!.name)).not.toContain('demo');
    expect((await s.b.list('pods', { namespace: 'demo' })).items).toEqual([]);
    s.session.stop();
  });
});
