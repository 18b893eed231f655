// A Deployment rolled out on the default simulator (the whole control plane, virtual clock), for
// the rollout history and undo screens.
import type { KubeObject } from '../../backends/contract/types.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { rolloutStatus } from '../../src/ops/rolloutStatus.js';
import { waitFor } from '../helpers/waitFor.js';

export const IMAGE = (v: string) => `spring2go/spring-petclinic:${v}.RELEASE`;

function petclinic(minReadySeconds: number): KubeObject {
  const labels = { app: 'petclinic' };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic', namespace: 'default' },
    spec: {
      replicas: 3, minReadySeconds, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'petclinic', image: IMAGE('1.0.0'), ports: [{ containerPort: 8080 }] }] } },
    },
  };
}

export async function setImage(sim: Simulator, version: string): Promise<void> {
  await sim.backend.patch('deployments', 'default', 'petclinic', 'strategic', {
    spec: { template: { spec: { containers: [{ name: 'petclinic', image: IMAGE(version) }] } } },
  });
}

export async function rolledOut(sim: Simulator): Promise<void> {
  await waitFor(sim, async () => (await rolloutStatus(sim.backend, 'default', 'petclinic')).done, { stepMs: 1000, what: 'the rollout' });
}

/** Revision 1 runs 1.0.0, revision 2 (current, rolled out) 1.0.1. */
export async function twoRevisions(minReadySeconds = 0): Promise<Simulator> {
  const sim = createSimulator();
  sim.virtualClock.advance(30_000);
  await sim.backend.create('deployments', petclinic(minReadySeconds));
  await rolledOut(sim);
  await setImage(sim, '1.0.1');
  await rolledOut(sim);
  return sim;
}
