import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import { dryRunScenario, listScenarios, loadScenario } from '../../src/scenario/loadScenario.js';
import { settle } from '../helpers/waitFor.js';

describe('shipped scenarios', () => {
  it('one per lesson of the tutorial, each loading and passing the server dry-run', async () => {
    expect(listScenarios()).toEqual(['blue-green', 'cluster-tour', 'clusterip', 'configmap', 'namespaces', 'nodeport', 'replicaset', 'rolling-update', 'secrets']);
    const sim = createSimulator();
    for (const name of listScenarios()) {
      const s = loadScenario(name);
      expect(s.name).toBe(name);
      await settle(sim, dryRunScenario(sim.backend, s));
    }
    // A dry run changes nothing.
    expect((await sim.backend.list('pods', { namespace: 'default' })).items).toEqual([]);
  });
});
