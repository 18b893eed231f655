import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../backends/contract/types.js';
import { createSimulator } from '../../backends/sim/simulator.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });


describe('the dashboard on the default simulator (a fresh kind-like cluster)', () => {
  it('shows the fresh cluster: an empty default namespace, the control plane, the nodes, the kubernetes Service', async () => {
    const sim = createSimulator();
    sim.virtualClock.advance(60_000);
    m = mount(sim.backend, {}, sim);
    await m.see('No resources found in default namespace.');
    let f = await m!.command('po -A', /pods\(all\)\[\d+\]/);
    f = await m.see('kube-apiserver-kind-control-plane');
    expect(f).toMatch(/kube-system +coredns-\S+ +1\/1 +Running/);
    f = await m!.command('no', 'nodes[3]');
    expect(f).toMatch(/^kind-control-plane +Ready +control-plane/m);
    f = await m!.command('svc default', 'services(default)[1]');
    expect(f).toMatch(/^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP/m);
    f = await m!.command('ns', 'namespaces[5]');
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']) expect(f).toMatch(new RegExp(`^${ns} +Active`, 'm'));
  });

  it('a deployment rolls out on screen, and enter follows it down to its pods', async () => {
    const sim = createSimulator();
    sim.virtualClock.advance(30_000);
    const labels = { app: 'petclinic' };
    await sim.backend.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE', ports: [{ containerPort: 8080 }] }] } } },
    });
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', 'deployments(default)[1]');
    await m.waitFor(() => {
      sim.virtualClock.advance(1000);
      const d = sim.api.get('deployments', 'default', 'petclinic') as Deployment;
      return d.status?.availableReplicas === 3;
    }, 'the rollout', 20_000);
    await m.see(/^petclinic +3\/3 +3 +3 /m);
    await m.press(KEY.enter);
    const f = await m.see('deployments > petclinic > replicasets(default)[1]');
    expect(f).toMatch(/^petclinic-[a-z0-9]+ +3 +3 +3 /m);
    await m.press(KEY.enter);
    await m.see(/deployments > petclinic > replicasets > petclinic-[a-z0-9]+ > pods\(default\)\[3\]/);
  });
});
