// Pods with a given state, written straight to the API as a kubelet would, for network tests.
import type { KubeObject, Pod } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { rfc3339 } from '../../backends/sim/clock.js';

export interface PodState { ip?: string; ready?: boolean; node?: string; ports?: Array<{ name?: string; containerPort: number }>; image?: string; env?: Record<string, string> }

export function createPod(sim: Simulator, name: string, labels: Record<string, string>, state: PodState = {}, ns = 'default'): Pod {
  const p = sim.api.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels },
    spec: {
      nodeName: state.node ?? 'kind-worker',
      containers: [{ name: 'app', image: state.image ?? 'nginx:1.25', ports: state.ports, env: Object.entries(state.env ?? {}).map(([n, value]) => ({ name: n, value })) }],
    },
  } as KubeObject) as Pod;
  return setPodState(sim, name, state, ns, p);
}

export function setPodState(sim: Simulator, name: string, state: PodState, ns = 'default', cur?: Pod): Pod {
  const p = structuredClone(cur ?? sim.api.get('pods', ns, name)) as Pod;
  const now = rfc3339(sim.clock.now());
  const ready = state.ready ?? true;
  p.status = {
    phase: 'Running', podIP: state.ip, hostIP: '172.18.0.3',
    conditions: [
      { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: now },
    ],
    containerStatuses: [{ name: 'app', image: p.spec!.containers[0].image!, imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: now } } }],
  };
  if (!state.ip) delete p.status.podIP;
  return sim.api.update('pods', p as KubeObject, { subresource: 'status' }) as Pod;
}

export function relabel(sim: Simulator, name: string, labels: Record<string, string | null>, ns = 'default'): void {
  sim.api.patch('pods', ns, name, 'merge', { metadata: { labels } });
}
