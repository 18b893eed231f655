import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { isStatusError } from '../../backends/contract/errors.js';
import type { KubeObject } from '../../backends/contract/types.js';

function bare() {
  const sim = createSimulator({ components: [] });
  for (const name of ['default', 'kube-system']) sim.api.create('namespaces', { metadata: { name }, spec: { finalizers: ['kubernetes'] } });
  return sim;
}

const pod = (name: string, ns = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('ApiServer', () => {
  it('bumps one global resourceVersion and lists by namespace then name', () => {
    const sim = bare();
    const a = sim.api.create('pods', pod('b'));
    const b = sim.api.create('pods', pod('a', 'kube-system'));
    const c = sim.api.create('pods', pod('a'));
    expect(Number(b.metadata!.resourceVersion)).toBe(Number(a.metadata!.resourceVersion) + 1);
    const list = sim.api.list('pods');
    expect(list.items.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`)).toEqual(['default/a', 'default/b', 'kube-system/a']);
    expect(list.resourceVersion).toBe(c.metadata!.resourceVersion);
    expect(a.metadata!.generation).toBe(1);
    expect(a.metadata!.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('generates names from the 27-character alphabet', () => {
    const sim = bare();
    const p = sim.api.create('pods', { metadata: { generateName: 'web-' }, spec: { containers: [] } });
    expect(p.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses a stale resourceVersion with Conflict and leaves the object alone', () => {
    const sim = bare();
    const p = sim.api.create('pods', pod('x'));
    sim.api.patch('pods', 'default', 'x', 'merge', { metadata: { labels: { a: 'b' } } });
    try {
      sim.api.update('pods', { ...structuredClone(p), metadata: { ...p.metadata, labels: {} } });
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e, 'Conflict')).toBe(true);
      expect((e as Error).message).toBe('Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again');
    }
    expect(sim.api.get('pods', 'default', 'x').metadata!.labels).toEqual({ app: 'x', a: 'b' });
  });

  it('marks a scheduled pod Terminating for its grace period instead of removing it', () => {
    const sim = bare();
    sim.api.create('pods', { ...pod('x'), spec: { nodeName: 'n1', containers: [] } });
    const marked = sim.api.delete('pods', 'default', 'x') as KubeObject;
    expect(marked.metadata!.deletionGracePeriodSeconds).toBe(30);
    expect(marked.metadata!.generation).toBe(2);
    expect(sim.api.tryGet('pods', 'default', 'x')).toBeDefined();
    const gone = sim.api.delete('pods', 'default', 'x', { gracePeriodSeconds: 0 });
    expect(gone.kind).toBe('Pod');
    expect(sim.api.tryGet('pods', 'default', 'x')).toBeUndefined();
  });

  it('refuses to delete the immortal namespaces and content in missing ones', () => {
    const sim = bare();
    expect(() => sim.api.delete('namespaces', undefined, 'default')).toThrow('namespaces "default" is forbidden: this namespace may not be deleted');
    expect(() => sim.api.create('pods', pod('x', 'nope'))).toThrow('namespaces "nope" not found');
  });

  it('delivers watch events after the write, filtered by selector', () => {
    const sim = bare();
    const seen: string[] = [];
    sim.api.watch('pods', { resourceVersion: sim.api.resourceVersion, labelSelector: 'app=x' }, {
      onEvent: (e) => { if (e.type !== 'BOOKMARK') seen.push(`${e.type} ${e.object.metadata!.name}`); },
      onExpired: () => seen.push('expired'), onError: () => seen.push('error'),
    });
    sim.api.create('pods', pod('x'));
    sim.api.create('pods', pod('y'));
    sim.api.patch('pods', 'default', 'x', 'merge', { metadata: { labels: { app: 'z' } } });
    expect(seen).toEqual([]);
    sim.virtualClock.flush();
    expect(seen).toEqual(['ADDED x', 'DELETED x']);
  });
});
