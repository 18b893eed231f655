// Cluster DNS as CoreDNS's kubernetes plugin answers it, and the resolver every pod runs
// (search list and ndots from its resolv.conf), K8S pkg/kubelet/network/dns/dns.go.
import type { Pod, Service } from '../../contract/types.js';
import type { Informer } from '../controllers/informer.js';
import type { DnsLookup } from '../context.js';
import type { EndpointSliceIndex } from './endpointSliceIndex.js';
import { KUBE_DNS_SERVICE_IP } from './serviceAllocation.js';
import { formatIPv4, parseIPv4 } from './ipv4.js';

export const CLUSTER_DOMAIN = 'cluster.local';
const NDOTS = 5;
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

/**
 * A kind node's /etc/resolv.conf: kind's entrypoint replaces Docker's embedded DNS (127.0.0.11)
 * with the Docker network gateway; Docker writes `ndots:0`.
 */
const NODE_RESOLV = { nameservers: ['172.18.0.1'], searches: [] as string[], options: ['ndots:0'] };

export interface ResolvConf { nameservers: string[]; searches: string[]; options: string[] }

/** The resolv.conf the kubelet writes for a pod, by dnsPolicy, merged with spec.dnsConfig. */
export function resolvConfFor(pod: Pod): ResolvConf {
  const ns = pod.metadata?.namespace ?? 'default';
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    conf = {
      nameservers: [KUBE_DNS_SERVICE_IP],
      searches: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...NODE_RESOLV.searches],
      options: [`ndots:${NDOTS}`],
    };
  } else if (policy === 'None') {
    conf = { nameservers: [], searches: [], options: [] };
  } else {
    conf = structuredClone(NODE_RESOLV);
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    conf.nameservers = [...new Set([...conf.nameservers, ...(extra.nameservers ?? [])])];
    conf.searches = [...new Set([...conf.searches, ...(extra.searches ?? [])])];
    const opts = new Map(conf.options.map((o) => [o.split(':')[0], o]));
    for (const o of extra.options ?? []) opts.set(o.name!, o.value === undefined ? o.name! : `${o.name}:${o.value}`);
    conf.options = [...opts.values()];
  }
  conf.nameservers = conf.nameservers.slice(0, MAX_NAMESERVERS);
  conf.searches = conf.searches.slice(0, MAX_SEARCHES);
  return conf;
}

export function formatResolvConf(c: ResolvConf): string {
  const lines: string[] = [];
  if (c.searches.length) lines.push(`search ${c.searches.join(' ')}`);
  for (const n of c.nameservers) lines.push(`nameserver ${n}`);
  if (c.options.length) lines.push(`options ${c.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** The names the resolver tries, in order: the search list first when the name has fewer dots than ndots. */
export function candidateNames(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const ndots = Number(conf.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? 1);
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}

export class ClusterDns {
  constructor(
    private readonly services: Informer<'services'>,
    private readonly slices: EndpointSliceIndex,
  ) {}

  /** Resolves a name the way a pod in `fromNamespace` with dnsPolicy ClusterFirst does. */
  lookup(name: string, fromNamespace = 'default', conf?: ResolvConf): DnsLookup {
    const query = name.trim().toLowerCase();
    conf ??= resolvConfFor({ metadata: { namespace: fromNamespace }, spec: { containers: [] } });
    const tried: string[] = [];
    if (!this.serverUp()) return { query, tried, error: 'connection timed out; no servers could be reached' };
    for (const candidate of candidateNames(query, conf)) {
      tried.push(candidate);
      const answer = this.answer(candidate);
      if (answer) return { query, tried, answer };
    }
    return { query, tried, error: 'NXDOMAIN' };
  }

  /**
   * kube-dns answers only while it has a ready endpoint. Deviation: a simulator started without
   * the fresh cluster (no kube-dns Service at all) resolves anyway.
   */
  private serverUp(): boolean {
    const kubeDns = this.services.get('kube-system', 'kube-dns');
    if (!kubeDns || kubeDns.spec?.clusterIP !== KUBE_DNS_SERVICE_IP) return true;
    return this.readyAddresses(kubeDns).length > 0;
  }

  /** CoreDNS's records for one fully qualified name, or undefined (NXDOMAIN). */
  answer(fqdn: string): DnsLookup['answer'] {
    const svcSuffix = `.svc.${CLUSTER_DOMAIN}`;
    const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(svcSuffix)) {
      const parts = fqdn.slice(0, -svcSuffix.length).split('.');
      if (parts.length === 2) {
        const [name, ns] = parts;
        const svc = this.services.get(ns, name);
        if (!svc) return undefined;
        const service = { namespace: ns, name };
        if (svc.spec?.type === 'ExternalName') return { name: fqdn, addresses: [], cname: svc.spec.externalName, service };
        if (svc.spec?.clusterIP === 'None') {
          const addresses = this.readyAddresses(svc).map((a) => a.ip);
          return addresses.length ? { name: fqdn, addresses, service } : undefined;
        }
        return svc.spec?.clusterIP ? { name: fqdn, addresses: [svc.spec.clusterIP], service } : undefined;
      }
      if (parts.length === 3) {
        const [host, name, ns] = parts;
        const svc = this.services.get(ns, name);
        if (!svc || svc.spec?.clusterIP !== 'None') return undefined;
        const hit = this.readyAddresses(svc).find((a) => a.hostname === host);
        return hit ? { name: fqdn, addresses: [hit.ip], service: { namespace: ns, name } } : undefined;
      }
      return undefined;
    }
    if (fqdn.endsWith(podSuffix)) {
      // `pods insecure`: a-b-c-d.<ns>.pod.cluster.local answers a.b.c.d without checking the pod.
      const parts = fqdn.slice(0, -podSuffix.length).split('.');
      const ip = parts.length === 2 ? parseIPv4(parts[0].replaceAll('-', '.')) : undefined;
      return ip === undefined ? undefined : { name: fqdn, addresses: [formatIPv4(ip)] };
    }
    // Deviation: names outside cluster.local would be forwarded upstream; the simulator has no upstream.
    return undefined;
  }

  /** Endpoints CoreDNS publishes for a Service: ready ones (all of them with publishNotReadyAddresses). */
  private readyAddresses(svc: Service): Array<{ ip: string; hostname?: string }> {
    const out: Array<{ ip: string; hostname?: string }> = [];
    const seen = new Set<string>();
    const all = !!svc.spec?.publishNotReadyAddresses;
    for (const s of this.slices.slicesFor(svc.metadata!.namespace!, svc.metadata!.name!)) {
      for (const ep of s.endpoints ?? []) {
        if (!all && ep.conditions?.ready === false) continue;
        const ip = ep.addresses[0];
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push(ep.hostname ? { ip, hostname: ep.hostname } : { ip });
      }
    }
    return out;
  }
}
