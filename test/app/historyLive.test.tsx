// The rollout history screen and u over LiveBackend, against the simulated control plane served
// over HTTP (real time, fast): the watches and the rollback a real cluster would get.
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backends/contract/types.js';
import { rolloutStatus } from '../../src/ops/rolloutStatus.js';
import { eventually, servedCluster, type ServedCluster } from '../live/support.js';
import { KEY, mount, type Mounted } from './harness.js';

let c: ServedCluster;
let m: Mounted | undefined;
beforeAll(async () => { c = await servedCluster({ speed: 40 }); });
afterAll(async () => { await c?.close(); });
afterEach(() => { m?.unmount(); m = undefined; });

const deployment = (image: string): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

describe('the history screen on a live backend', () => {
  it('lists the revisions live and rolls back with u', async () => {
    const b = c.backend;
    await b.create('deployments', deployment('nginx:1.25'));
    await eventually(async () => (await rolloutStatus(b, 'default', 'web')).done, 'the first rollout', 30_000);
    m = mount(b, { now: () => c.sim.clock.now() });
    await m.see('Namespace: default');
    await m.press(':');
    await m.type('history web');
    await m.press(KEY.enter);
    await m.see(/^1 \(current\) +<none> +nginx:1\.25 +web-[4-9bcdf]+ +2\/2 /m, 20_000);
    await b.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } });
    await m.waitFor((f) => /^2 \(current\) +<none> +nginx:1\.26 +web-\S+ +2\/2 /m.test(f) && /^1 +<none> +nginx:1\.25 +web-\S+ +0\/0 /m.test(f), 'revision 2 rolled out', 30_000);
    await m.press('k', 'u');
    await m.see('Roll back deployment default/web to revision 1?');
    await m.press(KEY.tab, KEY.enter);
    await m.see('deployment.apps/web rolled back to revision 1 (now revision 3)', 20_000);
    await m.see(/^3 \(current\) +<none> +nginx:1\.25 +web-\S+ +2\/2 /m, 30_000);
  }, 90_000);
});
