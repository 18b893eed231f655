import { afterEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../backends/contract/types.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, podObject, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

const title = (f: string) => f.split('\n')[1].trim();
const header = (f: string) => f.split('\n')[3];
/** The first cell of each visible row. */
const rowNames = (f: string, col = 0) => f.split('\n').slice(4, -1).map((l) => l.trim().split(/\s+/)[col]).filter(Boolean);

/** The selected row, as `d` names it in the breadcrumbs. */
async function selectedName(mm: Mounted): Promise<string> {
  await mm.press('d');
  const f = await mm.see('> describe');
  const name = /> ([^ >]+) > describe/.exec(title(f))![1];
  await mm.press(KEY.esc);
  await mm.gone('> describe');
  return name;
}

async function start(props = {}) {
  const c = petclinicCluster();
  m = mount(c.sim.backend, props, c.sim);
  await m.see('petclinic-stray');
  return c;
}

describe('keys', () => {
  it('j k arrows g G move the selection', async () => {
    await start();
    expect(await selectedName(m!)).toBe('mysql');
    await m!.press('j');
    expect(await selectedName(m!)).toBe('petclinic-7c5ddbdf54-2xq9z');
    await m!.press(KEY.down, KEY.down);
    expect(await selectedName(m!)).toBe('petclinic-7c5ddbdf54-x8j7p');
    await m!.press('k', KEY.up);
    expect(await selectedName(m!)).toBe('petclinic-7c5ddbdf54-2xq9z');
    await m!.press('G');
    expect(await selectedName(m!)).toBe('petclinic-stray');
    await m!.press('j');
    expect(await selectedName(m!)).toBe('petclinic-stray');
    await m!.press('g');
    expect(await selectedName(m!)).toBe('mysql');
  });

  it('PgDn PgUp move a page and the window scrolls with the selection', async () => {
    const { sim } = await start();
    for (let i = 0; i < 60; i++) sim.api.create('pods', podObject(`bulk-${String(i).padStart(2, '0')}`));
    let f = await m!.see('pods(default)[65]');
    // 30 rows: 29-line frame = 3 header lines + column header + 24 rows + key line.
    expect(rowNames(f)).toHaveLength(24);
    expect(rowNames(f)[0]).toBe('bulk-00');
    await m!.press(KEY.pageDown);
    expect(await selectedName(m!)).toBe('bulk-23');
    await m!.press(KEY.pageDown);
    expect(await selectedName(m!)).toBe('bulk-46');
    // The window moved just enough: the selected row is the last visible one.
    f = m!.frame();
    expect(rowNames(f).at(-1)).toBe('bulk-46');
    expect(rowNames(f)[0]).toBe('bulk-23');
    await m!.press(KEY.pageUp);
    expect(await selectedName(m!)).toBe('bulk-23');
    expect(rowNames(m!.frame())[0]).toBe('bulk-23');
    await m!.press(KEY.pageDown, KEY.pageDown, KEY.pageDown);
    expect(await selectedName(m!)).toBe('petclinic-stray');
    expect(rowNames(m!.frame()).at(-1)).toBe('petclinic-stray');
  });

  it('the selection stays on the same object when rows are added before it', async () => {
    const { sim } = await start();
    await m!.press('G');
    expect(await selectedName(m!)).toBe('petclinic-stray');
    sim.api.create('pods', podObject('aaa-first'));
    await m!.see('aaa-first');
    expect(await selectedName(m!)).toBe('petclinic-stray');
  });

  it('? lists every key of the current screen', async () => {
    await start();
    await m!.press('?');
    const f = await m!.see('Keys of this screen');
    expect(title(f)).toBe('pods > help');
    for (const k of [':', '/', 'esc', 'enter', 'j k ↑ ↓', 'PgUp PgDn', 'g G', 'd', 'y', 'ctrl-d', 'ctrl-k', '0', 'N', 'A', 'S', 'ctrl-w', '?', 'q']) {
      expect(f, k).toMatch(new RegExp(`^  ${k.replace(/[?^$.*+|()[\]{}\\]/g, '\\$&')} +\\S`, 'm'));
    }
    expect(f).not.toMatch(/^ {2}s +scale/m);
    await m!.press(KEY.esc);
    await m!.gone('Keys of this screen');
    await m!.press(':');
    await m!.type('deploy');
    await m!.press(KEY.enter);
    await m!.see('deployments(default)[1]');
    await m!.press('?');
    const d = await m!.see('Keys of this screen');
    expect(d).toMatch(/^ {2}s +scale/m);
    expect(d).toMatch(/^ {2}r +rollout restart/m);
    expect(d).toMatch(/^ {2}enter +its ReplicaSets/m);
    expect(d).not.toMatch(/ctrl-k/);
  });

  it('0 shows all namespaces', async () => {
    await start();
    await m!.press('0');
    const f = await m!.see('pods(all)[6]');
    expect(header(f).trim().split(/\s+/)[0]).toBe('NAMESPACE');
    expect(f).toMatch(/kube-system +coredns-674b8bbfcf-abcde/);
    expect(f.split('\n')[0]).toContain('Namespace: all');
  });

  it('N, A and S sort by name, age and status; again reverses', async () => {
    const { sim } = await start({ allNamespaces: true });
    await m!.see('coredns');
    // kubectl order: namespace, then name.
    expect(rowNames(m!.frame(), 1)).toEqual(['mysql', 'petclinic-7c5ddbdf54-2xq9z', 'petclinic-7c5ddbdf54-bk4wd', 'petclinic-7c5ddbdf54-x8j7p', 'petclinic-stray', 'coredns-674b8bbfcf-abcde']);
    await m!.press('N');
    await m!.see('↕name↑');
    expect(rowNames(m!.frame(), 1)[0]).toBe('coredns-674b8bbfcf-abcde');
    await m!.press('N');
    await m!.see('↕name↓');
    expect(rowNames(m!.frame(), 1)[0]).toBe('petclinic-stray');
    sim.virtualClock.advance(60_000);
    sim.api.create('pods', podObject('young'));
    await m!.see('young');
    await m!.press('A');
    await m!.see('↕age↑');
    expect(rowNames(m!.frame(), 1)[0]).toBe('young');
    await m!.press('A');
    await m!.see('↕age↓');
    expect(rowNames(m!.frame(), 1).at(-1)).toBe('young');
    // A pod the kubelet evicted: STATUS Evicted sorts before Running.
    const pod = sim.api.get('pods', 'default', 'mysql') as Pod;
    sim.api.update('pods', { ...structuredClone(pod), status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } }, { subresource: 'status' });
    await m!.see('Evicted');
    await m!.press('S');
    await m!.see('↕status↑');
    expect(rowNames(m!.frame(), 1)[0]).toBe('mysql');
    await m!.press('S');
    await m!.see('↕status↓');
    expect(rowNames(m!.frame(), 1).at(-1)).toBe('mysql');
  });

  it('ctrl-w toggles the wide columns', async () => {
    await start();
    expect(header(m!.frame())).not.toContain('NODE');
    await m!.press(KEY.ctrlW);
    // The wide header is longer than the 100-column terminal: it ends in an ellipsis.
    const f = await m!.see(/ NODE +NOMI/);
    expect(header(f).trim().split(/\s{2,}/).slice(0, 7)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE']);
    expect(header(f)).toMatch(/…$/);
    expect(f).toMatch(/mysql .*kind-worker/);
    await m!.press(KEY.ctrlW);
    await m!.gone(/ NODE +NOMI/);
  });

  it('q quits from the top screen and leaves an empty frame', async () => {
    await start();
    await m!.press('q');
    await m!.quitted();
  });

  it('ctrl-c quits from anywhere', async () => {
    await start();
    await m!.press('?');
    await m!.see('Keys of this screen');
    await m!.press(KEY.ctrlC);
    await m!.quitted();
  });

  it('q and esc go back from a drill-down instead of quitting', async () => {
    await start();
    await m!.press(':');
    await m!.type('deploy');
    await m!.press(KEY.enter);
    await m!.see('deployments(default)[1]');
    await m!.press(KEY.enter);
    await m!.see('deployments > petclinic > replicasets');
    await m!.press('q');
    await m!.see('deployments(default)[1]');
    expect(m!.quit.called).toBe(false);
    await m!.press(KEY.enter);
    await m!.see('deployments > petclinic > replicasets');
    await m!.press(KEY.esc);
    await m!.see('deployments(default)');
  });

  it(': completes aliases and theme names with tab', async () => {
    await start();
    await m!.press(':');
    await m!.type('dep');
    await m!.press(KEY.tab);
    let f = await m!.see(':deploy█');
    expect(f.split('\n').at(-1)).toContain('deploy deployment deployments');
    await m!.type('m');
    await m!.press(KEY.tab);
    f = await m!.see(':deployment█');
    expect(f.split('\n').at(-1)).toContain('deployment deployments');
    await m!.type('s');
    await m!.press(KEY.tab);
    await m!.see(':deployments █');
    await m!.press(KEY.enter);
    await m!.see('deployments(default)[1]');
    await m!.press(':');
    await m!.type('th');
    await m!.press(KEY.tab);
    await m!.see(':theme █');
    await m!.type('col');
    await m!.press(KEY.tab);
    await m!.see(':theme colorblind█');
    await m!.press(KEY.enter);
    f = await m!.see('theme colorblind');
    await m!.press(':');
    await m!.type('theme nope');
    await m!.press(KEY.enter);
    f = await m!.see('no such theme "nope"');
    expect(f).toContain('nope.yaml: no such theme "nope"');
  });

  it('esc leaves the command line without running it', async () => {
    await start();
    await m!.press(':');
    await m!.type('svc');
    await m!.press(KEY.esc);
    await m!.gone(':svc█');
    expect(title(m!.frame())).toMatch(/^pods\(default\)/);
  });
});
