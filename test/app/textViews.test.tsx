import { afterEach, describe, expect, it } from 'vitest';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const title = (f: string) => f.split('\n')[1].trim();
const body = (f: string) => f.split('\n').slice(3, -1);

async function start(rows = 30) {
  const c = petclinicCluster();
  m = mount(c.sim.backend, { size: { columns: 100, rows } }, c.sim);
  await m.see('petclinic-stray');
  return c;
}


describe('describe', () => {
  it('d shows ops.describe text, scrollable with j k g G PgDn, esc back', async () => {
    await start(16);
    await m!.press('d');
    let f = await m!.see(/^Name: +mysql$/m);
    expect(title(f)).toBe('pods > mysql > describe');
    expect(body(f)[0]).toMatch(/^Name: +mysql/);
    await m!.press('j');
    f = await m!.waitFor((fr) => !/^Name:/.test(body(fr)[0]), 'a scrolled page');
    expect(body(f)[0]).toMatch(/^Namespace: +default/);
    await m!.press('G');
    f = await m!.waitFor((fr) => /^Events:/.test(body(fr).filter((l) => l.trim()).at(-1) ?? ''), 'the last line');
    await m!.press('g');
    await m!.waitFor((fr) => /^Name:/.test(body(fr)[0]), 'the top again');
    await m!.press(KEY.pageDown);
    await m!.waitFor((fr) => !/^Name:/.test(body(fr)[0]), 'the next page');
    await m!.press(KEY.esc);
    f = await m!.see('pods(default)[5]');
  });

  it('a deployment describe shows its ReplicaSets and events', async () => {
    await start();
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press('d');
    const f = await m!.see('NewReplicaSet:');
    expect(f).toMatch(/^NewReplicaSet: +petclinic-7c5ddbdf54 \(3\/3 replicas created\)/m);
    expect(f).toMatch(/^OldReplicaSets: +petclinic-5d59d67564 \(0\/0 replicas created\)/m);
    await m!.press('G');
    await m!.see(/ScalingReplicaSet .*Scaled up replica set petclinic-7c5ddbdf5/);
    // Long lines are cut at the terminal's width; → scrolls sideways.
    await m!.press(KEY.right);
    await m!.see(/Scaled up replica set petclinic-7c5ddbdf54 from 0 to 3 *$/m);
    await m!.press(KEY.left);
    await m!.see(/^ {2}Normal +ScalingReplicaSet/m);
  });

  it('an open describe follows the object', async () => {
    const { sim } = await start();
    m!.unmount();
    m = mount(sim.backend, { describeRefreshMs: 50 }, sim);
    await m.see('mysql');
    await m.press('d');
    await m.see(/^Status: +Running/m);
    sim.api.delete('pods', 'default', 'mysql');
    await m.see(/^Status: +Terminating/m);
  });
});

describe('YAML', () => {
  it('y shows the object as YAML without managedFields', async () => {
    const { sim } = await start();
    sim.api.create('configmaps', {
      metadata: { name: 'with-fields', namespace: 'default', managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1' }] },
      data: { a: 'b' },
    });
    await m!.command('cm', 'configmaps(default)[2]');
    await m!.press('j', 'y');
    const f = await m!.see('configmaps > with-fields > yaml');
    await m!.see(/^kind: ConfigMap$/m);
    expect(m!.frame()).toMatch(/^apiVersion: v1$/m);
    expect(m!.frame()).not.toContain('managedFields');
    expect(m!.frame()).not.toContain('kubectl-client-side-apply');
    void f;
  });
});

describe('secrets stay masked until x', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('in YAML', async () => {
    await start();
    await m!.command('sec', 'secrets(default)[1]');
    await m!.press('y');
    let f = await m!.see('secrets > db-creds > yaml');
    f = await m!.see('*****');
    expect(f).not.toContain(b64('s3cr3t-pass'));
    expect(f).not.toContain('s3cr3t-pass');
    await m!.press('x');
    f = await m!.see('s3cr3t-pass');
    expect(f).toMatch(/username: root/);
    await m!.press('x');
    await m!.gone('s3cr3t-pass');
  });

  it('in describe', async () => {
    await start();
    await m!.command('sec', 'secrets(default)[1]');
    await m!.press('d');
    let f = await m!.see(/^password: +11 bytes$/m);
    expect(f).toMatch(/^username: +4 bytes$/m);
    await m!.press('x');
    f = await m!.see(/^password: +s3cr3t-pass$/m);
    expect(f).toMatch(/^username: +root$/m);
    await m!.press('?');
    const help = await m!.see('Keys of this screen');
    expect(help).toMatch(/^ {2}x +decode the secret values/m);
    expect(help).toMatch(/^ {2}esc q +back/m);
    await m!.press(KEY.esc);
    await m!.see(/^password: +s3cr3t-pass$/m);
  });

  it('the last-applied annotation, which holds stringData in clear, is masked too', async () => {
    const { sim } = await start();
    sim.api.create('secrets', {
      metadata: { name: 'applied', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"pw":"plain-text-pw"}}' } },
      data: { pw: b64('plain-text-pw') },
    });
    await m!.command('sec', 'secrets(default)[2]');
    await m!.press('y');
    const f = await m!.see('secrets > applied > yaml');
    await m!.see('*****');
    expect(f + m!.frame()).not.toContain('plain-text-pw');
  });
});
