import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../backends/contract/types.js';
import { KEY, mount, type Mounted } from './harness.js';
import { petclinicCluster } from './fixture.js';
import { advanceUntil, blueGreenCluster } from './powerFixture.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });


const body = (f: string) => f.split('\n').slice(4, -1).map((l) => l.trimEnd()).filter(Boolean);

describe('xray', () => {
  it('x on a Deployment: its ReplicaSets by revision with their pods, live; enter describes a line', async () => {
    const sim = blueGreenCluster();
    const labels = { app: 'web' };
    sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    const done = (image: string) => () => {
      const d = sim.api.get('deployments', 'default', 'web') as Deployment;
      return d.status?.observedGeneration === d.metadata?.generation && d.status?.updatedReplicas === 2 && d.status?.availableReplicas === 2
        && d.status?.replicas === 2 && d.spec?.template.spec?.containers[0].image === image;
    };
    advanceUntil(sim, done('nginx:1.27'));
    sim.api.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
    advanceUntil(sim, done('nginx:1.28'));
    const rss = (sim.api.list('replicasets', { namespace: 'default' }).items as ReplicaSet[])
      .sort((a, b) => Number(b.metadata!.annotations!['deployment.kubernetes.io/revision']) - Number(a.metadata!.annotations!['deployment.kubernetes.io/revision']));
    const [current, old] = rss.map((r) => r.metadata!.name!);
    const pods = sim.api.list('pods', { namespace: 'default', labelSelector: 'app=web' }).items.map((p) => p.metadata!.name!).sort();

    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', /^web +2\/2/m);
    await m.press('x');
    await m.see('xray deployment web in default');
    let f = await m.see('deployment.apps/web  2/2 ready');
    expect(f.split('\n')[1].trim()).toBe('deployments > web > xray');
    expect(body(f)).toEqual([
      'deployment.apps/web  2/2 ready, 2 up-to-date, 2 available',
      `├─ replicaset.apps/${current}  revision 2  2/2 ready`,
      `│  ├─ pod/${pods[0]}  1/1  Running  restarts 0`,
      `│  └─ pod/${pods[1]}  1/1  Running  restarts 0`,
      `└─ replicaset.apps/${old}  revision 1  0/0 ready`,
    ]);
    // Live: scaling shows the new pod coming up under the current ReplicaSet.
    sim.api.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 3 } });
    sim.virtualClock.advance(200);
    f = await m.see(/├─ replicaset\.apps\/\S+ {2}revision 2 {2}\d\/3 ready/);
    f = await m.see(/│ {2}├─ pod\/web-\S+ {2}0\/1 {2}(Pending|ContainerCreating)/);
    advanceUntil(sim, () => (sim.api.get('deployments', 'default', 'web') as Deployment).status?.readyReplicas === 3);
    f = await m.see('deployment.apps/web  3/3 ready, 3 up-to-date, 3 available');
    // enter describes the object of the selected line.
    await m.press('j', KEY.enter);
    f = await m.see(new RegExp(`^Name: +${current}$`, 'm'));
    expect(f.split('\n')[1].trim()).toBe(`deployments > web > xray > ${current} > describe`);
    await m.press(KEY.esc);
    await m.see('xray deployment web in default');
    await m.press(KEY.esc);
    await m.see('deployments(default)[1]');
  });

  it(':xray svc: the pods behind the Service\'s endpoints, following a selector change', async () => {
    const sim = blueGreenCluster();
    m = mount(sim.backend, {}, sim);
    await m.see(/^petclinic-v1 /m);
    let f = await m!.command('xray svc petclinic', 'xray service petclinic in default');
    await m.see('endpoint ready');
    f = m.frame();
    expect(body(f)).toEqual([
      expect.stringMatching(/^service\/petclinic {2}NodePort {2}10\.96\.\d+\.\d+ {2}8080:31080\/TCP$/),
      '└─ pod/petclinic-v1  1/1  Running  restarts 0  endpoint ready',
    ]);
    sim.api.patch('services', 'default', 'petclinic', 'merge', { spec: { selector: { version: 'v1.0.1' } } });
    f = await m.see('└─ pod/petclinic-v2  1/1  Running  restarts 0  endpoint ready');
    sim.api.patch('services', 'default', 'petclinic', 'merge', { spec: { selector: { version: 'v9' } } });
    await m.see('└─ (no endpoints: no pod matches the selector)');
    await m!.command('xray svc', 'xray service (all) in default');
    f = await m.see(/^service\/kubernetes {2}ClusterIP {2}10\.96\.0\.1 {2}443\/TCP$/m);
    await m!.command('xray pods', 'usage: :xray deploy|svc [NAME] [-n NAMESPACE]');
  });

  it('? lists e, l, x and :apply where they apply; read-only mode lists l and x only', async () => {
    const { sim } = petclinicCluster();
    const help = async (screen: string) => {
      await m!.command(screen, `${screen === 'deploy' ? 'deployments' : screen === 'svc' ? 'services' : screen}(default)`);
      await m!.press('?');
      const f = await m!.see('Keys of this screen');
      await m!.press(KEY.esc);
      await m!.gone('Keys of this screen');
      return f;
    };
    m = mount(sim.backend, {}, sim);
    await m.see('petclinic-stray');
    let f = await help('pods');
    expect(f).toMatch(/^ {2}e +edit in \$EDITOR \(validated by the server before it is saved\)$/m);
    expect(f).toMatch(/^ {2}l +logs$/m);
    expect(f).toMatch(/^ {2}:apply -f +apply a file or folder \(all objects or none; tab completes paths\)$/m);
    expect(f).not.toMatch(/^ {2}x +/m);
    f = await help('deploy');
    expect(f).toMatch(/^ {2}l +logs of its first pod \(as kubectl logs picks it\)$/m);
    expect(f).toMatch(/^ {2}x +xray: its ReplicaSets and their pods$/m);
    f = await help('svc');
    expect(f).toMatch(/^ {2}x +xray: the pods behind its endpoints$/m);
    expect(f).not.toMatch(/^ {2}l +/m);
    m.unmount();
    m = mount(sim.backend, { readonly: true }, sim);
    await m.see('petclinic-stray');
    f = await help('deploy');
    expect(f).toMatch(/^ {2}x +xray/m);
    expect(f).toMatch(/^ {2}l +logs/m);
    expect(f).not.toMatch(/^ {2}e +edit/m);
    expect(f).not.toContain(':apply -f');
  });
});
