// Demo mode on a live cluster: the simulator served over HTTP stands in for one, reached through
// LiveBackend with a kubeconfig, so the scenario runs exactly the calls it would make to a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../src/scenario/startDemo.js';
import { servedCluster, type ServedCluster } from '../live/support.js';
import { endpointPods, podNames } from './scenarioKit.js';

let c: ServedCluster;
beforeAll(async () => { c = await servedCluster({ speed: 40 }); });
afterAll(async () => { await c?.close(); });

describe('a scenario on a live cluster', () => {
  it('plays blue-green through the kube API; stepping back is refused, there is no traffic stream', async () => {
    const session = await startDemo(c.backend, { scenario: 'blue-green' });
    const p = session.player!;
    const step = async () => {
      await p.next();
      expect(p.view().error).toBeUndefined();
      return p.view().output;
    };
    expect(await step()).toEqual(['pod/petclinic-v1.0.0 created', 'pod/petclinic-v1.0.1 created']);
    expect(await step()).toEqual(['service/petclinic created']);
    expect(await endpointPods(c.backend, 'default', 'petclinic')).toEqual(['petclinic-v1.0.0']);
    expect(await step()).toEqual(['service/petclinic patched']);
    expect(await endpointPods(c.backend, 'default', 'petclinic')).toEqual(['petclinic-v1.0.1']);
    await expect(p.previous()).rejects.toThrow('stepping back needs snapshots of the cluster, which only the simulator has');
    expect(session.traffic()).toEqual([]);
    for (let i = 0; i < 4; i++) await step();
    expect(await podNames(c.backend, 'default', 'app=petclinic')).toEqual([]);
    expect((await c.backend.list('services', { namespace: 'default' })).items.map((s) => s.metadata!.name)).toEqual(['kubernetes']);
    session.stop();
  }, 60_000);

  it('refuses a scenario with fault injection, naming the step', async () => {
    await expect(startDemo(c.backend, { scenario: 'replicaset' })).rejects.toThrow(/replicaset\.yaml: step 4 "Kill a container": faults can only be injected into the simulator \(kdash --sim\)$/);
  });
});
