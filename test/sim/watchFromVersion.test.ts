import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { KubeObject } from '../../backends/contract/types.js';

function bare() {
  const sim = createSimulator({ components: [] });
  sim.api.create('namespaces', { metadata: { name: 'default' }, spec: { finalizers: ['kubernetes'] } });
  sim.virtualClock.flush();
  return sim;
}

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

function watchFrom(sim: ReturnType<typeof bare>, resourceVersion: string): string[] {
  const seen: string[] = [];
  sim.api.watch('pods', { resourceVersion }, {
    onEvent: (e) => { if (e.type !== 'BOOKMARK') seen.push(`${e.type} ${e.object.metadata!.name} ${e.object.metadata!.resourceVersion}`); },
    onExpired: () => seen.push('expired'), onError: () => seen.push('error'),
  });
  return seen;
}

describe('ApiServer watch from a resourceVersion', () => {
  it('does not replay a write the list it started from already contained', () => {
    const sim = bare();
    sim.api.create('pods', pod('a'));
    const list = sim.api.list('pods');
    expect(list.items.map((p) => p.metadata!.name)).toEqual(['a']);
    const seen = watchFrom(sim, list.resourceVersion);
    const b = sim.api.create('pods', pod('b'));
    sim.virtualClock.flush();
    expect(seen).toEqual([`ADDED b ${b.metadata!.resourceVersion}`]);
  });

  it('replays what came after an older version first, then the newer writes, each once and in order', () => {
    const sim = bare();
    const start = sim.api.resourceVersion;
    const a = sim.api.create('pods', pod('a'));
    sim.virtualClock.flush();
    const b = sim.api.create('pods', pod('b'));
    const seen = watchFrom(sim, start);
    const c = sim.api.create('pods', pod('c'));
    sim.virtualClock.flush();
    expect(seen).toEqual([
      `ADDED a ${a.metadata!.resourceVersion}`,
      `ADDED b ${b.metadata!.resourceVersion}`,
      `ADDED c ${c.metadata!.resourceVersion}`,
    ]);
  });

  it('starts at the current version when none is given', () => {
    const sim = bare();
    sim.api.create('pods', pod('a'));
    const seen = watchFrom(sim, '');
    sim.virtualClock.flush();
    expect(seen).toEqual([]);
  });
});
