import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../backends/contract/backend.js';
import type { Pod } from '../../backends/contract/types.js';
import { KEY, mount, type Mounted } from './harness.js';
import { advanceUntil, blueGreenCluster, isReady, petclinicPod } from './powerFixture.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });


const MBEAN_EXPORTER = 'o.s.j.e.a.AnnotationMBeanExporter';

describe('l: logs', () => {
  it('shows the simulated log of a pod and follows new lines; f stops following, f again catches up', async () => {
    const sim = blueGreenCluster();
    // A pod started now (its image is pulled already): two seconds into its log.
    sim.api.create('pods', petclinicPod('petclinic-v3', 'v1.0.1', '1.0.1.RELEASE'));
    advanceUntil(sim, () => isReady(sim, 'petclinic-v3'));
    const started = Date.parse((sim.api.get('pods', 'default', 'petclinic-v3') as Pod).status!.containerStatuses![0].state!.running!.startedAt!);
    sim.virtualClock.advance(started + 2000 - sim.clock.now());
    m = mount(sim.backend, {}, sim);
    await m.see(/^petclinic-v3 +1\/1 +Running/m);
    await m.press('G', 'l');
    let f = await m.see(':: Built with Spring Boot :: 1.5.4.RELEASE');
    expect(f.split('\n')[1].trim()).toBe('pods > petclinic-v3 > logs');
    expect(f.split('\n')[3].trim()).toBe('pod/petclinic-v3 container petclinic · follow on · wrap off');
    expect(f).not.toContain('TomcatEmbeddedServletContainer');
    // The application goes on starting: the new lines appear at the bottom (Spring's logger names
    // are within the first 100 columns; the messages after them are cut).
    sim.virtualClock.advance(5000);
    f = await m.see('s.b.c.e.t.TomcatEmbeddedServletContainer');
    // Not following: the page stays as it is.
    await m.press('f');
    await m.see('follow off');
    sim.virtualClock.advance(10_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(m.frame()).not.toContain(MBEAN_EXPORTER);
    await m.press('f');
    f = await m.see(MBEAN_EXPORTER);
    expect(f.split('\n').at(-2)).toMatch(/^2026-01-01 10:\d\d:\d\d\.\d{3} {2}INFO 1 --- \[ {11}main\] o\.s\.s\.petclinic\.PetClinicApplication {5}: St…$/);
    expect(f.match(/TomcatEmbeddedServletContainer/g)).toHaveLength(2);
    await m.press(KEY.esc);
    await m.see('pods(default)[3]');
  });

  it('p shows the previous instance after a restart, and says so when there is none', async () => {
    const sim = blueGreenCluster();
    m = mount(sim.backend, {}, sim);
    await m.see(/^petclinic-v1 +1\/1 +Running/m);
    await m.press('l');
    await m.see(':: Built with Spring Boot');
    await m.press('p');
    const e = await m.see('Error from server (BadRequest): previous terminated container "petclinic" in pod "petclinic-v1" not');
    expect(e.split('\n')[5].trim()).toBe('found');
    await m.press('p');
    await m.see(':: Built with Spring Boot');
    // The application finishes starting, then its process is killed and the kubelet restarts it.
    sim.virtualClock.advance(12_000);
    await m.see(MBEAN_EXPORTER);
    sim.ctx.faults!.killContainer('default', 'petclinic-v1');
    advanceUntil(sim, () => ((sim.api.get('pods', 'default', 'petclinic-v1') as Pod).status?.containerStatuses?.[0].restartCount ?? 0) === 1 && isReady(sim, 'petclinic-v1'));
    await m.gone(MBEAN_EXPORTER);
    await m.press('p');
    const f = await m.see(MBEAN_EXPORTER);
    expect(f.split('\n')[3]).toContain('pod/petclinic-v1 container petclinic [previous]');
    await m.press('p');
    await m.gone(MBEAN_EXPORTER);
  });

  it('c cycles the containers of a pod with several; wrap', async () => {
    const sim = blueGreenCluster();
    sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.27' },
          { name: 'say', image: 'busybox:1.36', command: ['sh', '-c', `echo ${'hello from the sidecar '.repeat(6).trim()}; sleep 3600`] },
        ],
      },
    });
    advanceUntil(sim, () => isReady(sim, 'web'));
    m = mount(sim.backend, {}, sim);
    await m.see(/^web +2\/2 +Running/m);
    await m.press('G', 'l');
    let f = await m.see('pod/web container nginx (1/2, c: next)');
    await m.see('start worker processes');
    await m.press('c');
    await m.see('pod/web container say (2/2, c: next)');
    const line = 'hello from the sidecar '.repeat(6).trim();
    f = await m.see(line.slice(0, 99));
    expect(f).not.toContain(line);
    await m.press('w');
    f = await m.see('wrap on');
    expect(f.split('\n').slice(4, 6).join('')).toBe(line);
    await m.press('c');
    await m.see('pod/web container nginx (1/2, c: next)');
  });

  it('on a Deployment, the pod kubectl logs picks; a backend without logs says so', async () => {
    const sim = blueGreenCluster();
    const labels = { app: 'web' };
    sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    advanceUntil(sim, () => sim.api.list('pods', { namespace: 'default', labelSelector: 'app=web' }).items.filter((p) => isReady(sim, p.metadata!.name!)).length === 2);
    m = mount(sim.backend, {}, sim);
    await m!.command('deploy', /^web +2\/2/m);
    await m.press('l');
    const f = await m.see(/Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}/);
    expect(f.split('\n')[1].trim()).toBe('deployments > web > logs');
    await m.see('start worker processes');
    // The pod goes away: the pod kubectl would pick now is shown instead.
    const first = /pod\/(web-\S+) container nginx/.exec(m.frame())![1];
    sim.api.delete('pods', 'default', first, { gracePeriodSeconds: 0 });
    const g = await m.waitFor((fr) => /pod\/web-\S+ container nginx/.test(fr) && !fr.includes(`pod/${first} `), 'another pod');
    expect(g).toMatch(/^pod\/web-\S+ container nginx · follow on · wrap off$/m);
    // :logs names the object as kubectl logs does.
    await m!.command('logs petclinic-v2', 'pod/petclinic-v2 container petclinic');
    await m!.command('logs rs/nosuch', 'Error from server (NotFound): replicasets.apps "nosuch" not found');
    await m!.command('logs svc/petclinic', 'logs: cannot show the logs of "svc/petclinic": use a pod, deploy/NAME or rs/NAME');
    m.unmount();

    const noLogs = new Proxy(sim.backend, {
      get: (t, k) => (k === 'capabilities' ? { ...t.capabilities, logs: 'none' } : Reflect.get(t, k, t)),
    }) as Backend;
    m = mount(noLogs, {}, sim);
    await m.see(/^petclinic-v1 +1\/1 +Running/m);
    await m.press('l');
    await m.see('This cluster connection offers no logs (capabilities.logs: none).');
  });
});
