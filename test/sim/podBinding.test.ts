import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { serveSimulator } from '../../backends/sim/server/kubeApiServer.js';
import { isStatusError } from '../../backends/contract/errors.js';
import type { KubeObject, Pod } from '../../backends/contract/types.js';
import { namespacesOnly } from '../helpers/sim.js';

function bare() {
  return createSimulator({ components: [namespacesOnly] });
}

const pod = (name: string, extra: Partial<Pod['spec']> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});
const binding = (name: string, node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

function errorOf(fn: () => unknown): string {
  try { fn(); } catch (e) { if (isStatusError(e)) return `${e.code} ${e.reason}: ${e.message}`; throw e; }
  throw new Error('no error');
}

describe('pods/binding', () => {
  it('sets spec.nodeName and PodScheduled=True without a new generation', () => {
    const sim = bare();
    const created = sim.api.create('pods', pod('web')) as Pod;
    sim.virtualClock.advance(1500);
    const status = sim.api.bindPod('default', 'web', binding('web', 'kind-worker'));
    expect(status).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const bound = sim.api.get('pods', 'default', 'web') as Pod;
    expect(bound.spec!.nodeName).toBe('kind-worker');
    expect(bound.metadata!.generation).toBe(1);
    expect(Number(bound.metadata!.resourceVersion)).toBeGreaterThan(Number(created.metadata!.resourceVersion));
    expect(bound.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T10:00:01Z' }]);
  });

  it('replaces an Unschedulable PodScheduled condition in place', () => {
    const sim = bare();
    const p = sim.api.create('pods', pod('web'));
    sim.api.update('pods', { ...p, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available', lastTransitionTime: '2026-01-01T10:00:00Z' }] } } as KubeObject, { subresource: 'status' });
    sim.virtualClock.advance(5000);
    sim.api.bindPod('default', 'web', binding('web', 'kind-worker2'));
    expect((sim.api.get('pods', 'default', 'web') as Pod).status!.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-01-01T10:00:05Z' }]);
  });

  it('refuses a bound, terminating or gated pod with a Conflict on pods/binding, and a name mismatch', () => {
    const sim = bare();
    sim.api.create('pods', pod('bound', { nodeName: 'kind-worker' }));
    expect(errorOf(() => sim.api.bindPod('default', 'bound', binding('bound', 'kind-worker2'))))
      .toBe('409 Conflict: Operation cannot be fulfilled on pods/binding "bound": pod bound is already assigned to node "kind-worker"');
    sim.api.create('pods', pod('gated', { schedulingGates: [{ name: 'example.com/wait' }] }));
    expect(errorOf(() => sim.api.bindPod('default', 'gated', binding('gated', 'kind-worker'))))
      .toBe('409 Conflict: Operation cannot be fulfilled on pods/binding "gated": pod gated has non-empty .spec.schedulingGates');
    sim.api.create('pods', { ...pod('going'), metadata: { name: 'going', namespace: 'default', finalizers: ['example.com/hold'] } });
    sim.api.delete('pods', 'default', 'going');
    expect(errorOf(() => sim.api.bindPod('default', 'going', binding('going', 'kind-worker'))))
      .toBe('409 Conflict: Operation cannot be fulfilled on pods/binding "going": pod going is being deleted, cannot be assigned to a host');
    expect(errorOf(() => sim.api.bindPod('default', 'gated', binding('other', 'kind-worker'))))
      .toBe('400 BadRequest: name in URL does not match name in Binding object');
    expect(errorOf(() => sim.api.bindPod('default', 'nope', binding('nope', 'kind-worker'))))
      .toBe('404 NotFound: pods "nope" not found');
    expect((sim.api.get('pods', 'default', 'gated') as Pod).spec!.nodeName).toBeUndefined();
  });

  it('is what the scheduler uses: scheduled pods keep generation 1', () => {
    const sim = createSimulator({ seed: 3 });
    sim.api.create('pods', pod('web'));
    sim.virtualClock.advance(2000);
    const p = sim.api.get('pods', 'default', 'web') as Pod;
    expect(p.spec!.nodeName).toMatch(/^kind-/);
    expect(p.metadata!.generation).toBe(1);
    sim.stop();
  });

  it('is served as POST pods/{name}/binding', async () => {
    const sim = bare();
    sim.api.create('pods', pod('web'));
    const server = await serveSimulator(sim);
    try {
      const res = await fetch(`${server.url}/api/v1/namespaces/default/pods/web/binding`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(binding('web', 'kind-worker')),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      expect((sim.api.get('pods', 'default', 'web') as Pod).spec!.nodeName).toBe('kind-worker');
    } finally {
      await server.close();
      sim.stop();
    }
  });
});
