// Test helpers for simulator tests on the virtual clock.
import { createSimulator, type SimulatorOptions, type Simulator } from '../../backends/sim/simulator.js';
import type { Component } from '../../backends/sim/context.js';
import type { KubeObject, Pod } from '../../backends/contract/types.js';
import { rfc3339 } from '../../backends/sim/clock.js';

/** The namespaces every cluster has, without the rest of a fresh cluster. */
export const namespacesOnly: Component = ({ api }) => {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create('namespaces', { metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
};

/**
 * A stand-in kubelet for controller tests that must not depend on the real kubelet model:
 * binds every pod to kind-worker and makes it Running and Ready after `readyAfterMs`, and
 * removes terminating pods after `terminateAfterMs`.
 */
export function instantKubelet(readyAfterMs = 1000, terminateAfterMs = 1000): Component {
  return ({ api, clock }) => {
    const handled = new Set<string>();
    const { resourceVersion } = api.list('pods');
    const onPod = (p: Pod) => {
      const key = `${p.metadata!.namespace}/${p.metadata!.name}/${p.metadata!.uid}`;
      if (p.metadata!.deletionTimestamp) {
        if (handled.has(key + '/del')) return;
        handled.add(key + '/del');
        clock.setTimer(terminateAfterMs, () => {
          try { api.delete('pods', p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: 0 }); } catch { /* gone */ }
        });
        return;
      }
      if (handled.has(key)) return;
      handled.add(key);
      clock.setTimer(readyAfterMs, () => {
        const cur = api.tryGet('pods', p.metadata!.namespace, p.metadata!.name!) as Pod | undefined;
        if (!cur || cur.metadata!.uid !== p.metadata!.uid || cur.metadata!.deletionTimestamp) return;
        const now = rfc3339(clock.now());
        const bound = api.update('pods', { ...structuredClone(cur), spec: { ...structuredClone(cur.spec!), nodeName: 'kind-worker' } } as KubeObject) as Pod;
        api.update('pods', {
          ...structuredClone(bound),
          status: {
            phase: 'Running', podIP: `10.244.1.${(handled.size % 250) + 2}`,
            conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
            containerStatuses: (cur.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image!, imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } })),
          },
        } as KubeObject, { subresource: 'status' });
      });
    };
    api.watch('pods', { resourceVersion }, {
      onEvent: (e) => { if (e.type === 'ADDED' || e.type === 'MODIFIED') onPod(e.object as Pod); },
      onExpired: () => {}, onError: () => {},
    });
  };
}

export function newSim(components: Component[], opts: SimulatorOptions = {}): Simulator {
  return createSimulator({ ...opts, components: [namespacesOnly, ...components] });
}
