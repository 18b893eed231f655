// What the simulator's own components write skips the decoding a client's write gets (which drops
// null members), so they must build their objects without null or undefined members: a stored
// object is what `kubectl get -o yaml`, snapshots and jsonEqual see.
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { KubeObject } from '../../backends/contract/types.js';

function emptyMembers(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) { value.forEach((v, i) => emptyMembers(v, `${path}[${i}]`, out)); return; }
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === null) out.push(`${path}.${k}`);
    else emptyMembers(v, `${path}.${k}`, out);
  }
}

describe('stored objects', () => {
  it('have no null or undefined members after a rollout, a crash loop, a node failure and deletions', () => {
    const sim = createSimulator({ seed: 11 });
    sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
    } as KubeObject);
    sim.virtualClock.advance(30_000);
    sim.api.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } });
    sim.virtualClock.advance(60_000);
    const pod = sim.api.list('pods', { namespace: 'default' }).items[0]!;
    sim.ctx.faults!.crashLoop('default', pod.metadata!.name!, 'app');
    sim.ctx.faults!.failNode('kind-worker2');
    sim.virtualClock.advance(60_000);
    sim.ctx.faults!.recoverNode('kind-worker2');
    sim.api.delete('pods', 'default', sim.api.list('pods', { namespace: 'default' }).items[1]!.metadata!.name!);
    sim.virtualClock.advance(60_000);
    const found: string[] = [];
    for (const { resource, object } of sim.api.allObjects()) emptyMembers(object, `${resource}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`, found);
    expect(found).toEqual([]);
    expect(sim.api.count('events')).toBeGreaterThan(20);
    sim.stop();
  });
});
