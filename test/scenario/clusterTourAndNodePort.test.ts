import { describe, expect, it } from 'vitest';
import type { Service } from '../../backends/contract/types.js';
import { serviceExternalIP } from '../../src/render/tables/serviceTable.js';
import { endpointPods, play, podNames } from './scenarioKit.js';

describe('scenario cluster-tour (lesson 1)', () => {
  it('shows the fresh cluster, then a pod of our own, then deletes it', async () => {
    const s = await play('cluster-tour');
    expect(await s.next()).toEqual([]);
    expect((await s.b.list('nodes')).items.map((n) => n.metadata!.name)).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    expect((await s.b.list('namespaces')).items.map((n) => n.metadata!.name)).toEqual(expect.arrayContaining(['default', 'kube-system', 'kube-public', 'kube-node-lease']));
    expect(await endpointPods(s.b, 'kube-system', 'kube-dns')).toHaveLength(2);

    await s.next();
    const system = await podNames(s.b, 'kube-system', '');
    for (const p of ['etcd-kind-control-plane', 'kube-apiserver-kind-control-plane', 'kube-controller-manager-kind-control-plane', 'kube-scheduler-kind-control-plane']) {
      expect(system).toContain(p);
    }
    expect(system.filter((p) => p.startsWith('kube-proxy-'))).toHaveLength(3);

    expect(await s.next()).toEqual(['pod/petclinic created']);
    const pod = await s.b.get('pods', 'default', 'petclinic');
    expect(pod.status?.phase).toBe('Running');
    expect(['kind-worker', 'kind-worker2']).toContain(pod.spec?.nodeName);

    expect(await s.next()).toEqual([]);
    expect((await s.b.list('services', { namespace: 'default' })).items.map((x) => x.metadata!.name)).toEqual(['kubernetes']);

    expect(await s.next()).toEqual(['pod "petclinic" deleted']);
    expect(await podNames(s.b, 'default', '')).toEqual([]);
    s.session.stop();
  });
});

describe('scenario nodeport (lesson 2)', () => {
  it('answers through the Service, refuses with a misspelled selector, and LoadBalancer stays pending', async () => {
    const s = await play('nodeport');
    expect(await s.next()).toEqual(['pod/petclinic created']);
    await s.wait(1000);
    expect(s.traffic('petclinic').lastError).toBe('Could not resolve host: petclinic');

    expect(await s.next()).toEqual(['service/petclinic created']);
    const svc = await s.b.get('services', 'default', 'petclinic');
    expect(svc.spec?.ports?.[0]).toMatchObject({ port: 8080, targetPort: 8080, nodePort: 31080 });
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic']);
    await s.wait(2000);
    expect(s.split('petclinic')).toEqual({ petclinic: 20 });
    expect(s.sim.ctx.traffic!.request('localhost:31080').pod?.name).toBe('petclinic');

    expect(await s.next()).toEqual(['service/petclinic patched']);
    expect((await s.b.get('services', 'default', 'petclinic')).spec?.selector).toEqual({ app: 'petclinc' });
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual([]);
    await s.wait(2000);
    expect(s.split('petclinic')).toEqual({ '-': 20 });
    expect(s.traffic('petclinic').lastError).toBe('Connection refused');
    expect((await s.b.get('pods', 'default', 'petclinic')).status?.phase).toBe('Running');

    expect(await s.next()).toEqual(['service/petclinic patched']);
    await s.wait(2000);
    expect(s.split('petclinic')).toEqual({ petclinic: 20 });

    expect(await s.next()).toEqual(['service/petclinic-lb created']);
    const lb = await s.b.get('services', 'default', 'petclinic-lb') as Service;
    expect(lb.spec?.type).toBe('LoadBalancer');
    expect(lb.spec?.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(serviceExternalIP(lb)).toBe('<pending>');

    expect(await s.next()).toEqual(['service "petclinic-lb" deleted']);
    expect(await endpointPods(s.b, 'default', 'petclinic')).toEqual(['petclinic']);

    expect(await s.next()).toEqual(['pod "petclinic" deleted']);
    await s.wait(2000);
    expect(s.split('petclinic')).toEqual({ '-': 20 });

    expect(await s.next()).toEqual(['service "petclinic" deleted']);
    expect((await s.b.list('services', { namespace: 'default' })).items.map((x) => x.metadata!.name)).toEqual(['kubernetes']);
    s.session.stop();
  });
});
