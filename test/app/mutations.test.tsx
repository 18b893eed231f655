import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from '../../backends/contract/types.js';
import { FlakyBackend } from '../store/flakyBackend.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const title = (f: string) => f.split('\n')[1].trim();

async function start(props = {}) {
  const c = petclinicCluster();
  const backend = new FlakyBackend(c.sim.backend);
  m = mount(backend, props, c.sim);
  await m.see('petclinic-stray');
  return { ...c, backend };
}


/** The focused button is drawn in inverse video; without colour, its text is what the test sees. */
const dialogLines = (f: string) => f.split('\n').filter((l) => l.includes('│'));

describe('delete', () => {
  it('ctrl-d asks, naming the object and the propagation policy, with focus on Cancel', async () => {
    const { sim, backend } = await start();
    await m!.press(KEY.ctrlD);
    const f = await m!.see('Delete pod default/mysql?');
    expect(dialogLines(f).join('\n')).toContain('Propagation policy: Background');
    expect(dialogLines(f).join('\n')).toMatch(/\[ Cancel \] +\[ Delete \]/);
    // enter presses the focused button: Cancel.
    await m!.press(KEY.enter);
    await m!.gone('Delete pod default/mysql?');
    expect(backend.deletes).toEqual([]);
    expect(sim.api.tryGet('pods', 'default', 'mysql')).toBeDefined();
    // esc cancels too.
    await m!.press(KEY.ctrlD);
    await m!.see('Delete pod default/mysql?');
    await m!.press(KEY.esc);
    await m!.gone('Delete pod default/mysql?');
    expect(backend.deletes).toEqual([]);
  });

  it('confirming deletes: the pod shows Terminating, then goes (the watch at work)', async () => {
    const { sim, backend } = await start();
    await m!.press(KEY.ctrlD);
    await m!.see('Delete pod default/mysql?');
    await m!.press(KEY.tab, KEY.enter);
    await m!.see('pod "mysql" deleted');
    expect(backend.deletes).toEqual([{ resource: 'pods', namespace: 'default', name: 'mysql', opts: { propagationPolicy: 'Background' } }]);
    await m!.see(/mysql +\S+ +Terminating/);
    sim.virtualClock.advance(1500);
    const f = await m!.gone(/^mysql /m);
    expect(title(f)).toBe('pods(default)[4]');
  });

  it('p cycles the propagation policy: Background, Foreground, Orphan', async () => {
    const { backend } = await start();
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press(KEY.ctrlD);
    await m!.see('Delete deployment default/petclinic?');
    await m!.press('p');
    await m!.see('Propagation policy: Foreground');
    await m!.press('p');
    await m!.see('Propagation policy: Orphan');
    await m!.press(KEY.right, KEY.enter);
    await m!.see('deployment.apps "petclinic" deleted');
    expect(backend.deletes).toEqual([{ resource: 'deployments', namespace: 'default', name: 'petclinic', opts: { propagationPolicy: 'Orphan' } }]);
  });

  it('API errors show in the flash line', async () => {
    await start();
    await m!.command('ns', 'namespaces[4]');
    await m!.press(KEY.ctrlD);
    await m!.see('Delete namespace default?');
    await m!.press(KEY.tab, KEY.enter);
    await m!.see('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('ctrl-k kills a pod with grace period 0, after asking', async () => {
    const { sim, backend } = await start();
    await m!.press('j', KEY.ctrlK);
    await m!.see('Kill pod default/petclinic-7c5ddbdf54-2xq9z?');
    await m!.press(KEY.tab, KEY.enter);
    await m!.see('pod "petclinic-7c5ddbdf54-2xq9z" force deleted');
    expect(backend.deletes[0].opts).toEqual({ propagationPolicy: 'Background', gracePeriodSeconds: 0 });
    expect(sim.api.tryGet('pods', 'default', 'petclinic-7c5ddbdf54-2xq9z')).toBeUndefined();
    await m!.see('pods(default)[4]');
  });
});

describe('scale and restart', () => {
  it('s opens a scale dialog with the current replicas', async () => {
    const { sim } = await start();
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press('s');
    await m!.see('Scale deployment default/petclinic');
    await m!.see('Replicas: 3█');
    await m!.press(KEY.backspace);
    await m!.type('5');
    await m!.see('Replicas: 5█');
    await m!.press(KEY.enter);
    await m!.see('deployment.apps/petclinic scaled');
    expect((sim.api.get('deployments', 'default', 'petclinic') as Deployment).spec?.replicas).toBe(5);
  });

  it('r restarts a deployment after asking', async () => {
    const { sim } = await start();
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press('r');
    await m!.see('Restart deployment default/petclinic?');
    await m!.press(KEY.tab, KEY.enter);
    await m!.see('deployment.apps/petclinic restarted');
    const d = sim.api.get('deployments', 'default', 'petclinic') as Deployment;
    expect(d.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-01T10:00:01Z');
  });

  it('scale and restart are offered only where they apply', async () => {
    await start();
    await m!.press('s');
    await m!.press('r');
    expect(m!.frame()).not.toContain('Scale pod');
    expect(m!.frame()).not.toContain('Restart pod');
  });
});

describe('read-only mode', () => {
  it('refuses every mutation with a flash message and hides their keys', async () => {
    const { backend } = await start({ readonly: true });
    expect(m!.frame().split('\n')[0]).toContain('READ-ONLY');
    expect(m!.frame().split('\n').at(-1)).not.toContain('delete');
    await m!.press(KEY.ctrlD);
    await m!.see('read-only mode: delete is disabled');
    expect(m!.frame()).not.toContain('Delete pod');
    await m!.press(KEY.ctrlK);
    await m!.see('read-only mode: kill is disabled');
    await m!.press('?');
    const help = await m!.see('Keys of this screen');
    expect(help).not.toMatch(/ctrl-d|ctrl-k/);
    await m!.press(KEY.esc);
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press('s');
    await m!.see('read-only mode: scale is disabled');
    await m!.press('r');
    await m!.see('read-only mode: restart is disabled');
    await m!.press('?');
    const dhelp = await m!.see('Keys of this screen');
    expect(dhelp).not.toMatch(/^ {2}(s|r|ctrl-d) /m);
    expect(backend.deletes).toEqual([]);
  });
});
