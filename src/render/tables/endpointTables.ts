// `kubectl get endpoints` and `kubectl get endpointslices` (printEndpoints, printEndpointSlice).
import type { EndpointSlice, Endpoints } from '../../../backends/contract/types.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf, listWithMore } from './cells.js';

/** net.JoinHostPort: IPv6 addresses are bracketed. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * formatEndpoints: ready addresses as `ip:port`, at most 3 then ` + N more...`; only ports
 * named `portName` when it is given (describe svc before EndpointSlices).
 */
export function formatEndpoints(ep: Endpoints, portName?: string): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(a.ip);
      continue;
    }
    for (const port of ss.ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      count += addresses.length;
      for (const a of addresses) if (list.length < 3) list.push(joinHostPort(a.ip, port.port));
    }
  }
  const s = list.join(',');
  return count > 3 ? `${s} + ${count - 3} more...` : s;
}

export const endpointsTable: ResourceTable<Endpoints> = {
  columns: [NAME, { name: 'ENDPOINTS' }, AGE],
  row: (ep, { now }) => [ep.metadata?.name ?? '', formatEndpoints(ep), ageOf(ep, now)],
};

export const endpointSliceTable: ResourceTable<EndpointSlice> = {
  columns: [NAME, { name: 'ADDRESSTYPE' }, { name: 'PORTS' }, { name: 'ENDPOINTS' }, AGE],
  row(eps, { now }) {
    const ports = (eps.ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
    const addresses = (eps.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [eps.metadata?.name ?? '', eps.addressType ?? '', listWithMore(ports), listWithMore(addresses), ageOf(eps, now)];
  },
};
