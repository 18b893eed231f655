import { afterEach, describe, expect, it } from 'vitest';
import { tableFor } from '../../src/render/index.js';
import { petclinicCluster } from './fixture.js';
import { KEY, mount, type Mounted } from './harness.js';

let m: Mounted | undefined;
afterEach(() => { m?.unmount(); m = undefined; });

function headerLine(frame: string): string {
  return frame.split('\n')[3] ?? '';
}

const words = (line: string) => line.trim().split(/\s{2,}/);

describe('screens', () => {
  it('opens on pods in the context namespace, with the header naming context, cluster, backend, namespace and version', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, {}, sim);
    const f = await m.see('mysql');
    const lines = f.split('\n');
    expect(lines[0]).toMatch(/^Context: kdash-sim {2}Cluster: kind-kdash {2}Backend: sim {2}Namespace: default {2}Server: v1.33.1/);
    expect(lines[1]).toMatch(/^pods\(default\)\[5\]/);
    expect(words(headerLine(f))).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(f).not.toContain('coredns');
  });

  it('-n opens another namespace and -A all of them with a NAMESPACE column', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, { namespace: 'kube-system' }, sim);
    let f = await m.see('coredns-674b8bbfcf-abcde');
    expect(f.split('\n')[1]).toMatch(/^pods\(kube-system\)\[1\]/);
    m.unmount();
    m = mount(sim.backend, { allNamespaces: true }, sim);
    f = await m.see('coredns-674b8bbfcf-abcde');
    expect(f.split('\n')[1]).toMatch(/^pods\(all\)\[6\]/);
    expect(words(headerLine(f))).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(f).toMatch(/kube-system +coredns-674b8bbfcf-abcde/);
  });

  const screens: Array<[string, string, string[], string]> = [
    ['svc', 'services', ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], 'petclinic'],
    ['rs', 'replicasets', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], 'petclinic-7c5ddbdf54'],
    ['deploy', 'deployments', ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], 'petclinic'],
    ['cm', 'configmaps', ['NAME', 'DATA', 'AGE'], 'petclinic-config'],
    ['sec', 'secrets', ['NAME', 'TYPE', 'DATA', 'AGE'], 'db-creds'],
    ['ns', 'namespaces', ['NAME', 'STATUS', 'AGE'], 'kube-node-lease'],
    ['ev', 'events', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], 'ScalingReplicaSet'],
    ['no', 'nodes', ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], 'kind-worker'],
    ['po', 'pods', ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], 'mysql'],
  ];
  for (const [alias, name, columns, sample] of screens) {
    it(`:${alias} shows ${name} with kubectl's columns`, async () => {
      const { sim } = petclinicCluster();
      m = mount(sim.backend, {}, sim);
      await m.see('mysql');
      await m.press(':');
      await m.type(alias);
      await m.press(KEY.enter);
      const f = await m.waitFor((fr) => fr.split('\n')[1].startsWith(name) && fr.includes(sample), `${name} with ${sample}`);
      expect(words(headerLine(f))).toEqual(columns);
      // The cells are render's row for the object.
      expect(tableFor(name as 'pods').columns.filter((c) => !c.wide).map((c) => c.name)).toEqual(columns);
    });
  }

  it('every alias of the brief resolves, and :q quits', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, {}, sim);
    await m.see('mysql');
    for (const [alias, title] of [['pod', 'pods'], ['pods', 'pods'], ['dp', 'deployments'], ['secret', 'secrets'], ['node', 'nodes'], ['svc', 'services']]) {
      await m.press(':');
      await m.type(alias);
      await m.press(KEY.enter);
      await m.waitFor((f) => f.split('\n')[1].startsWith(title), `:${alias}`);
    }
    await m.press(':');
    await m.type('ctx');
    await m.press(KEY.enter);
    await m.see('contexts apply to live clusters');
    await m.press(':');
    await m.type('q');
    await m.press(KEY.enter);
    await m.quitted();
  });

  it('a notice (where the simulator is served) stands in the flash line until a flash replaces it', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, { notice: 'serving on https://127.0.0.1:6443 — kubectl --context kdash-sim' }, sim);
    const f = await m.see('mysql');
    expect(f.split('\n')[2]).toMatch(/^serving on https:\/\/127\.0\.0\.1:6443 — kubectl --context kdash-sim/);
    await m.press('0');
    await m.waitFor((fr) => fr.split('\n')[2].startsWith('all namespaces'), 'the flash');
  });

  it('unknown commands are reported', async () => {
    const { sim } = petclinicCluster();
    m = mount(sim.backend, {}, sim);
    await m.see('mysql');
    await m.press(':');
    await m.type('bogus');
    await m.press(KEY.enter);
    await m.see('unknown command "bogus"');
  });
});
