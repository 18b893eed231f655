// `kdash --sim --serve`: the dashboard shows live what kubectl, in another process, does to the
// served simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petclinicDeployment } from '../helpers/petclinicManifests.js';
import { mount, type Mounted } from '../app/harness.js';
import { TEST_TIMEOUT, ServedCluster } from './servedCluster.js';

let c: ServedCluster;
let m: Mounted | undefined;
beforeAll(async () => { c = await ServedCluster.start({ seed: 5 }); });
afterAll(async () => { m?.unmount(); await c?.close(); });

describe('the dashboard on a served simulator', TEST_TIMEOUT, () => {
  it('shows the pods of a Deployment kubectl applies, then deletes', async () => {
    m = mount(c.sim.backend, {}, c.sim);
    await m.see('No resources found in default namespace.');
    const file = c.file('petclinic.yml', petclinicDeployment('1.0.0'));
    expect((await c.kubectl(['apply', '-f', file])).stdout).toBe('deployment.apps/petclinic created\n');
    let f = await m.see(/pods\(default\)\[3\]/, 20_000);
    f = await m.waitFor((frame) => (frame.match(/^petclinic-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 /gm) ?? []).length === 3, 'three running pods', 20_000);
    const kubectlPods = (await c.kubectl(['get', 'pods', '-o', 'name'])).stdout.trimEnd().split('\n').map((n) => n.replace('pod/', ''));
    for (const name of kubectlPods) expect(f).toContain(name);
    expect((await c.kubectl(['delete', 'deployment', 'petclinic'])).stdout).toBe('deployment.apps "petclinic" deleted\n');
    await m.see('No resources found in default namespace.', 20_000);
  });
});
