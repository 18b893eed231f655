// A fresh simulated cluster (real kubelet and network model) with the tutorial's blue/green
// release: pods petclinic-v1 (version v1.0.0) and petclinic-v2 (v1.0.1), and the NodePort
// Service petclinic selecting version v1.0.0.
import type { KubeObject, Pod } from '../../backends/contract/types.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';

const PETCLINIC = 'spring2go/spring-petclinic';

export function petclinicPod(name: string, version: string, tag: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'petclinic', version } },
    spec: { containers: [{ name: 'petclinic', image: `${PETCLINIC}:${tag}`, ports: [{ containerPort: 8080 }] }] },
  };
}

export const PETCLINIC_SERVICE: KubeObject = {
  apiVersion: 'v1', kind: 'Service',
  metadata: { name: 'petclinic', namespace: 'default' },
  spec: { type: 'NodePort', selector: { app: 'petclinic', version: 'v1.0.0' }, ports: [{ port: 8080, targetPort: 8080, nodePort: 31080 }] },
};

/** Advances simulated time a second at a time until `done` (at most `maxS` seconds). */
export function advanceUntil(sim: Simulator, done: () => boolean, maxS = 120): void {
  for (let i = 0; i < maxS && !done(); i++) sim.virtualClock.advance(1000);
  if (!done()) throw new Error(`not reached in ${maxS} simulated seconds`);
}

export function isReady(sim: Simulator, name: string): boolean {
  const p = sim.api.tryGet('pods', 'default', name) as Pod | undefined;
  return !!p?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function blueGreenCluster(): Simulator {
  const sim = createSimulator({ seed: 7 });
  sim.virtualClock.advance(30_000);
  sim.api.create('pods', petclinicPod('petclinic-v1', 'v1.0.0', '1.0.0.RELEASE'));
  sim.api.create('pods', petclinicPod('petclinic-v2', 'v1.0.1', '1.0.1.RELEASE'));
  sim.api.create('services', PETCLINIC_SERVICE);
  advanceUntil(sim, () => isReady(sim, 'petclinic-v1') && isReady(sim, 'petclinic-v2'));
  return sim;
}

/** The pods behind the Service, by its EndpointSlices. */
export function endpointPods(sim: Simulator, service = 'petclinic'): string[] {
  const slices = sim.api.list('endpointslices', { namespace: 'default', labelSelector: `kubernetes.io/service-name=${service}` }).items as Array<{ endpoints?: Array<{ targetRef?: { name?: string } }> }>;
  return slices.flatMap((s) => (s.endpoints ?? []).map((e) => e.targetRef?.name ?? '')).sort();
}
