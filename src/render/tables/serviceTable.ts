// `kubectl get services` (printService).
import { formatLabels } from '../../../backends/contract/selectors.js';
import type { Service } from '../../../backends/contract/types.js';
import type { ServicePort } from '../wireTypes.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf } from './cells.js';

/** makePortString: `80/TCP`, `8080:31080/TCP`, joined with `,`. */
export function servicePorts(ports: ServicePort[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

/** loadBalancerStatusStringer: ingress IPs (or hostnames), sorted and unique. */
function loadBalancerIngress(svc: Service): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  // The API server always prints Tables with options.Wide, so the 16-character truncation
  // kubectl's client-side printer would apply never shows in `kubectl get svc`.
  return [...set].sort().join(',');
}

export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(svc);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const serviceTable: ResourceTable<Service> = {
  columns: [
    NAME, { name: 'TYPE' }, { name: 'CLUSTER-IP' }, { name: 'EXTERNAL-IP' }, { name: 'PORT(S)' }, AGE,
    { name: 'SELECTOR', wide: true },
  ],
  row(svc, { now }) {
    return [
      svc.metadata?.name ?? '', svc.spec?.type ?? 'ClusterIP', svc.spec?.clusterIPs?.[0] || '<none>',
      serviceExternalIP(svc), servicePorts(svc.spec?.ports) || '<none>', ageOf(svc, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};
