// `:ctx` on the dashboard: the kubeconfig's contexts, and `enter` reopening the dashboard on
// another cluster (two served simulators with different workloads); on the simulator, its one context.
import { render } from 'ink-testing-library';
import yaml from 'js-yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLiveBackend, kubeconfigContexts } from '../../backends/live/index.js';
import { App } from '../../src/app/App.js';
import { SwitchableDashboard } from '../../src/app/contextSwitching.js';
import { colorlessTheme } from '../../src/theme/index.js';
import { KEY, mount, sleep, type Mounted } from '../app/harness.js';
import { petclinicCluster } from '../app/fixture.js';
import { eventually, servedCluster, tempDir, type ServedCluster } from './support.js';

let one: ServedCluster;
let two: ServedCluster;
const tmp = tempDir();
let file = '';

beforeAll(async () => {
  [one, two] = await Promise.all([servedCluster({ speed: 20 }), servedCluster({ speed: 20 })]);
  one.sim.api.create('configmaps', { metadata: { name: 'only-on-one', namespace: 'default' } });
  two.sim.api.create('configmaps', { metadata: { name: 'only-on-two', namespace: 'default' } });
  file = tmp.file('config', yaml.dump({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'one',
    clusters: [{ name: 'c1', cluster: { server: one.server.url } }, { name: 'c2', cluster: { server: two.server.url } }],
    users: [{ name: 'u1', user: {} }, { name: 'u2', user: { token: 'x' } }],
    contexts: [{ name: 'one', context: { cluster: 'c1', user: 'u1' } }, { name: 'two', context: { cluster: 'c2', user: 'u2', namespace: 'default' } }, { name: 'broken', context: { cluster: 'nowhere' } }],
  }));
});
afterAll(async () => { await Promise.all([one?.close(), two?.close()]); tmp.remove(); });

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

describe(':ctx', () => {
  it('lists the contexts like kubectl config get-contexts; enter reopens the dashboard on the chosen cluster', async () => {
    const backend = await createLiveBackend({ explicitPath: file, context: 'one' });
    const r = render(
      <SwitchableDashboard
        backend={backend} context="one" switcher={kubeconfigContexts({ explicitPath: file })}
        render={(b) => <App backend={b} theme={colorlessTheme()} frameIntervalMs={20} size={{ columns: 100, rows: 20 }} />}
      />,
    );
    const frame = () => r.lastFrame() ?? '';
    const see = (t: string) => eventually(() => (frame().includes(t) ? frame() : undefined), `"${t}" on screen; last frame:\n${frame()}`);
    const keys = async (...ks: string[]) => { for (const k of ks) { r.stdin.write(k); await sleep(20); } };
    try {
      await see('Context: one');
      await keys(':', ...'cm', KEY.enter);
      await see('only-on-one');
      await keys(':', ...'ctx', KEY.enter);
      const f = await see('broken');
      const table = f.split('\n').slice(3, 7).map((l) => l.trimEnd());
      expect(table).toEqual([
        'CURRENT   NAME     CLUSTER   AUTHINFO   NAMESPACE',
        '*         one      c1        u1',
        '          two      c2        u2         default',
        '          broken   nowhere',
      ]);
      // A context that cannot be opened changes nothing.
      await keys('j', 'j', KEY.enter);
      await see('cannot switch to context broken: error: context "broken" refers to cluster "nowhere"');
      expect(frame()).toContain('Context: one');
      await keys('k', KEY.enter);
      await see('Context: two');
      await keys(':', ...'cm', KEY.enter);
      await see('only-on-two');
      expect(frame()).not.toContain('only-on-one');
      await keys(':', ...'ctx', KEY.enter);
      await see('*         two');
    } finally {
      r.unmount();
    }
  });

  it('on the simulator: its one context, and a note that contexts apply to live clusters', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, {}, sim);
    await m.see('mysql');
    await m.press(':');
    await m.type('ctx');
    await m.press(KEY.enter);
    const f = await m.see('*         kdash-sim');
    expect(f.split('\n').slice(3, 5).map((l) => l.trimEnd())).toEqual([
      'CURRENT   NAME        CLUSTER      AUTHINFO   NAMESPACE',
      '*         kdash-sim   kind-kdash              default',
    ]);
    expect(f).toContain('contexts apply to live clusters: kdash --context NAME [--kubeconfig FILE]');
    await m.press(KEY.enter);
    await m.see('already on context kdash-sim');
  });
});
