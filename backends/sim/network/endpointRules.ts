// The rules both endpoint controllers share: which pods back a Service and on which port
// (K8S pkg/api/v1/endpoints, pkg/controller/util/endpoint: ShouldPodBeInEndpoints, FindPort).
import type { Pod, Service } from '../../contract/types.js';

export type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

/** A pod with an IP that has not finished; terminating pods only when asked for. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  const phase = pod.status.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never': return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure': return phase !== 'Succeeded';
    default: return true;
  }
}

/** The pod's port for a Service port: a number as is, a name looked up in the containers' ports (same protocol). */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** Service labels carried over to its Endpoints and EndpointSlices, plus the headless marker. */
export function endpointLabels(svc: Service, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
  delete labels['service.kubernetes.io/headless'];
  if (svc.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  return { ...labels, ...extra };
}

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
