import { afterEach, describe, expect, it } from 'vitest';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const title = (f: string) => f.split('\n')[1].trim();
const rowNames = (f: string, col = 0) => f.split('\n').slice(4, -1).map((l) => l.trim().split(/\s+/)[col]).filter(Boolean);

async function start(props = {}) {
  const c = petclinicCluster();
  m = mount(c.sim.backend, props, c.sim);
  await m.see('petclinic-stray');
  return c;
}


describe('filter', () => {
  it('/ filters by text as it is typed; esc clears it', async () => {
    await start();
    await m!.press('/');
    await m!.type('X8J');
    let f = await m!.see('pods(default)[1]');
    expect(rowNames(f)).toEqual(['petclinic-7c5ddbdf54-x8j7p']);
    expect(f.split('\n').at(-1)).toMatch(/^\/x8j█/i);
    await m!.press(KEY.enter);
    f = await m!.see('</x8j>');
    expect(title(f)).toBe('pods(default)[1] </x8j>');
    await m!.press(KEY.esc);
    f = await m!.see('pods(default)[5]');
    expect(title(f)).toBe('pods(default)[5]');
  });

  it('/-l filters by label selector', async () => {
    await start();
    await m!.press('/');
    await m!.type('-l app=mysql');
    await m!.press(KEY.enter);
    let f = await m!.see('pods(default)[1] </-l app=mysql>');
    expect(rowNames(f)).toEqual(['mysql']);
    await m!.press('/');
    for (let i = 0; i < 'mysql'.length; i++) await m!.press(KEY.backspace);
    await m!.type('petclinic,pod-template-hash');
    await m!.press(KEY.enter);
    f = await m!.see('pods(default)[4] </-l app=petclinic,pod-template-hash>');
    expect(rowNames(f)).not.toContain('mysql');
  });

  it('a selector the API would reject is reported and the filter is left as it was', async () => {
    await start();
    await m!.press('/');
    await m!.type('-l app in (web');
    await m!.press(KEY.enter);
    const f = await m!.see('Error from server (BadRequest): unable to parse requirement');
    expect(title(f)).toBe('pods(default)[5]');
  });

  it('says so when nothing matches', async () => {
    await start();
    await m!.press('/');
    await m!.type('nothing-like-this');
    await m!.press(KEY.enter);
    await m!.see('No resources match the filter.');
  });
});

describe('drill-down with enter', () => {
  it('deployment → its ReplicaSets → its pods, with breadcrumbs; esc walks back', async () => {
    await start();
    await m!.command('deploy', 'deployments(default)[1]');
    await m!.press(KEY.enter);
    let f = await m!.see('deployments > petclinic > replicasets(default)[2]');
    expect(rowNames(f)).toEqual(['petclinic-5d59d67564', 'petclinic-7c5ddbdf54']);
    await m!.press('j', KEY.enter);
    f = await m!.see('deployments > petclinic > replicasets > petclinic-7c5ddbdf54 > pods(default)[3]');
    // Only the pods it owns: the lookalike with the same labels is not one of them.
    expect(rowNames(f)).toEqual(['petclinic-7c5ddbdf54-2xq9z', 'petclinic-7c5ddbdf54-bk4wd', 'petclinic-7c5ddbdf54-x8j7p']);
    await m!.press(KEY.esc);
    await m!.see('deployments > petclinic > replicasets(default)[2]');
    await m!.press(KEY.esc);
    await m!.see('deployments(default)[1]');
  });

  it('service → the pods its selector picks; a service without selector says so', async () => {
    await start();
    await m!.command('svc', 'services(default)[2]');
    await m!.press(KEY.enter);
    await m!.see('service "headless-manual" has no selector: it selects no pods');
    await m!.press(KEY.esc);
    await m!.see('services(default)');
    await m!.press('j', KEY.enter);
    const f = await m!.see('services > petclinic > pods(default)[4]');
    expect(rowNames(f)).toEqual(['petclinic-7c5ddbdf54-2xq9z', 'petclinic-7c5ddbdf54-bk4wd', 'petclinic-7c5ddbdf54-x8j7p', 'petclinic-stray']);
  });

  it('namespace → its pods, and it becomes the namespace in scope', async () => {
    await start();
    await m!.command('ns', 'namespaces[4]');
    await m!.press('G', KEY.enter);
    const f = await m!.see('namespaces > kube-system > pods(kube-system)[1]');
    expect(rowNames(f)).toEqual(['coredns-674b8bbfcf-abcde']);
    expect(f.split('\n')[0]).toContain('Namespace: kube-system');
    await m!.command('svc', 'services(kube-system)');
  });

  it('node → the pods bound to it, from every namespace', async () => {
    await start();
    await m!.command('no', 'nodes[1]');
    await m!.press(KEY.enter);
    const f = await m!.see('nodes > kind-worker > pods(all)[6]');
    expect(f.split('\n')[3].trim().split(/\s+/)[0]).toBe('NAMESPACE');
  });

  it('enter on a kind with nothing below it describes the object', async () => {
    await start();
    await m!.command('cm', 'configmaps(default)[1]');
    await m!.press(KEY.enter);
    await m!.see('configmaps > petclinic-config > describe');
    await m!.see('test_config_v1');
  });
});
