import { describe as suite, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { describe } from '../../src/ops/describe.js';
import { rolloutHistory } from '../../src/ops/rolloutHistory.js';
import { rolloutStatus } from '../../src/ops/rolloutStatus.js';
import { formatError } from '../../src/ops/errors.js';
import { waitFor } from '../helpers/waitFor.js';

// describe fetches what kubectl describe fetches (§10.4–10.6): the object, its events, a
// Deployment's ReplicaSets, a ReplicaSet's pods, a Service's endpoints.
const web = (image: string): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
});

suite('describe', () => {
  it('a Deployment after a rollout: its new and old ReplicaSets and the ScalingReplicaSet events', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await b.create('deployments', web('nginx:1.1'));
    const done = async () => (await rolloutStatus(b, 'default', 'web')).done;
    await waitFor(sim, done, { what: 'the first rollout' });
    await b.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.2' }] } } } });
    await waitFor(sim, done, { what: 'the second rollout' });
    const [oldRS, newRS] = (await rolloutHistory(b, 'default', 'web')).map((e) => e.replicaSet);

    const page = await describe(b, 'deployments', 'default', 'web', sim.clock.now());
    expect(page).toMatch(/^Name:\s+web$/m);
    expect(page).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    expect(page).toMatch(/^Annotations:\s+deployment\.kubernetes\.io\/revision: 2$/m);
    // §16 item 2: old ReplicaSets are listed even when scaled to 0
    expect(page).toContain(`OldReplicaSets:  ${oldRS} (0/0 replicas created)`);
    expect(page).toContain(`NewReplicaSet:   ${newRS} (2/2 replicas created)`);
    for (const m of [
      `Scaled up replica set ${oldRS} from 0 to 2`,
      `Scaled up replica set ${newRS} from 0 to 1`,
      `Scaled down replica set ${oldRS} from 2 to 1`,
      `Scaled up replica set ${newRS} from 1 to 2`,
      `Scaled down replica set ${oldRS} from 1 to 0`,
    ]) expect(page).toMatch(new RegExp(`^  Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+${m}$`, 'm'));

    const rsPage = await describe(b, 'replicasets', 'default', newRS, sim.clock.now());
    expect(rsPage).toMatch(/^Controlled By:\s+Deployment\/web$/m);
    expect(rsPage).toMatch(/^Pods Status:\s+2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/m);
  });

  it('a Service shows the endpoints it selects', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await b.create('deployments', web('nginx:1.1'));
    await b.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    await waitFor(sim, async () => (await rolloutStatus(b, 'default', 'web')).done, { what: 'the rollout' });
    const ips = (await b.list('pods', { namespace: 'default', labelSelector: 'app=web' })).items.map((p) => p.status!.podIP!);
    await waitFor(sim, async () => /^Endpoints:\s+\S+:80,\S+:80$/m.test(await describe(b, 'services', 'default', 'web', sim.clock.now())), { what: 'the endpoints' });
    const page = await describe(b, 'services', 'default', 'web', sim.clock.now());
    for (const ip of ips) expect(page).toContain(`${ip}:80`);
  });

  it('reports a missing object as the server does', async () => {
    const sim = createSimulator();
    expect(await describe(sim.backend, 'pods', 'default', 'nope', 0).catch(formatError)).toBe('Error from server (NotFound): pods "nope" not found');
  });
});
