// qos.GetPodQOS: status.qosClass when set, otherwise computed like the API server does.
import type { Pod } from '../../../backends/contract/types.js';
import { parseQuantity } from '../quantity.js';

const QOS_RESOURCES = ['cpu', 'memory'];

export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, bigint>(), limits = new Map<string, bigint>();
  let guaranteed = true;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      const v = parseQuantity(q)?.nano ?? 0n;
      if (QOS_RESOURCES.includes(name) && v !== 0n) requests.set(name, (requests.get(name) ?? 0n) + v);
    }
    const seen = new Set<string>();
    for (const [name, q] of Object.entries(c.resources?.limits ?? {})) {
      const v = parseQuantity(q)?.nano ?? 0n;
      if (QOS_RESOURCES.includes(name) && v !== 0n) { seen.add(name); limits.set(name, (limits.get(name) ?? 0n) + v); }
    }
    if (seen.size !== QOS_RESOURCES.length) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  }
  return guaranteed && limits.size === QOS_RESOURCES.length ? 'Guaranteed' : 'Burstable';
}
