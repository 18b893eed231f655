// `kubectl get pods` (printPod).
import type { Pod } from '../../../backends/contract/types.js';
import { humanDuration } from '../duration.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf } from './cells.js';
import { podSummary } from './podStatus.js';

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  let trueCount = 0;
  for (const g of gates) {
    const c = pod.status?.conditions?.find((x) => x.type === g.conditionType);
    if (c?.status === 'True') trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

export const podTable: ResourceTable<Pod> = {
  columns: [
    NAME, { name: 'READY' }, { name: 'STATUS' }, { name: 'RESTARTS' }, AGE,
    { name: 'IP', wide: true }, { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true }, { name: 'READINESS GATES', wide: true },
  ],
  row(pod, { now }) {
    const s = podSummary(pod);
    const restarts = s.restarts !== 0 && s.lastRestart !== undefined
      ? `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)` : String(s.restarts);
    return [
      pod.metadata?.name ?? '', `${s.ready}/${s.total}`, s.reason, restarts, ageOf(pod, now),
      pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>', readinessGates(pod),
    ];
  },
};
