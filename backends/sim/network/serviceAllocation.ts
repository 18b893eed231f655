// ClusterIP and NodePort allocation, as the Service registry does it on create and update
// (K8S pkg/registry/core/service/storage/alloc.go, ipallocator, portallocator).
//
// Admission picks and checks addresses against what stored Services hold; the holdings change
// only once a write is stored (onStored), so a refused or dry-run write allocates nothing.
//
// Deviation: the allocations are not published as servicecidrs/ipaddresses.networking.k8s.io
// objects (kdash serves neither resource).
import { internalError, invalid, type FieldError } from '../../contract/errors.js';
import type { KubeObject, Service } from '../../contract/types.js';
import type { AdmissionContext, AdmissionPlugin, Operation } from '../apiserver/apiServer.js';
import type { Random } from '../random.js';
import { formatIPv4, parseCidr, parseIPv4 } from './ipv4.js';
import { RangeAllocator, staticBandSize } from './rangeAllocator.js';

/** kind's service subnet (kind pkg/apis/config/v1alpha4/default.go); kubeadm alone would use 10.96.0.0/12. */
export const SERVICE_CIDR = '10.96.0.0/16';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const KUBE_DNS_SERVICE_IP = '10.96.0.10';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];

export function serviceKey(svc: KubeObject): string {
  return `${svc.metadata?.namespace ?? 'default'}/${svc.metadata?.name ?? ''}`;
}

export function needsNodePorts(svc: Service): boolean {
  const t = svc.spec?.type ?? 'ClusterIP';
  return t === 'NodePort' || (t === 'LoadBalancer' && svc.spec?.allocateLoadBalancerNodePorts !== false);
}

function needsHealthCheckNodePort(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

/** A clusterIP that is an address (not empty, not `None`). */
export function allocatedClusterIP(svc: Service): string | undefined {
  const ip = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}

/** Go's %#v of a []string, as v1.33 apiservers print non-scalar invalid values (§16 item 4). */
function goStrings(values: string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

function invalidService(name: string, field: string, detail: string, type: FieldError['type'] = 'FieldValueInvalid'): Error {
  return invalid('Service', '', name, [{ type, field, detail }]);
}

export class ServiceAllocator {
  private readonly cidr = parseCidr(SERVICE_CIDR);
  /** Index 0 is the network address + 1; the broadcast address is excluded. */
  private readonly ips: RangeAllocator;
  private readonly ports: RangeAllocator;
  private readonly holdings = new Map<string, { ips: number[]; ports: number[] }>();

  constructor(private readonly random: Random) {
    const ipCount = 2 ** (32 - this.cidr.prefix) - 2;
    this.ips = new RangeAllocator(ipCount, staticBandSize(ipCount + 2, 16, 16, 256));
    const portCount = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    this.ports = new RangeAllocator(portCount, staticBandSize(portCount, 16, 32, 128));
  }

  readonly plugin: AdmissionPlugin = {
    name: 'ServiceIPAndNodePortAllocation',
    admit: (ctx) => this.admit(ctx),
  };

  /** Registers what already-stored Services hold (a simulator started over existing objects). */
  load(services: KubeObject[]): void {
    for (const s of services) this.stored('CREATE', s);
  }

  /** onStored hook: the write happened, so its addresses are now held (or released). */
  stored(op: Operation, obj: KubeObject): void {
    const key = serviceKey(obj);
    const prev = this.holdings.get(key);
    if (prev) {
      for (const i of prev.ips) this.ips.release(i, key);
      for (const p of prev.ports) this.ports.release(p, key);
      this.holdings.delete(key);
    }
    if (op === 'DELETE') return;
    const svc = obj as Service;
    const now = { ips: [] as number[], ports: [] as number[] };
    const ip = allocatedClusterIP(svc);
    const idx = ip ? this.ipIndex(ip) : undefined;
    if (idx !== undefined && this.ips.inRange(idx)) now.ips.push(idx);
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) now.ports.push(p.nodePort - NODE_PORT_MIN);
    if (svc.spec?.healthCheckNodePort) now.ports.push(svc.spec.healthCheckNodePort - NODE_PORT_MIN);
    for (const i of now.ips) this.ips.hold(i, key);
    for (const p of now.ports) if (this.ports.inRange(p)) this.ports.hold(p, key);
    if (now.ips.length || now.ports.length) this.holdings.set(key, now);
  }

  private ipIndex(ip: string): number | undefined {
    const n = parseIPv4(ip);
    return n === undefined ? undefined : n - (this.cidr.network + 1);
  }

  private admit(ctx: AdmissionContext): void {
    if (ctx.resource.name !== 'services' || ctx.op === 'DELETE' || ctx.subresource === 'status') return;
    const svc = ctx.obj as Service;
    const old = ctx.op === 'UPDATE' ? ctx.old as Service : undefined;
    const spec = (svc.spec ??= {});
    for (const p of spec.ports ?? []) {
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if (ctx.op === 'CREATE') svc.status = { loadBalancer: {} };
    this.admitClusterIP(svc, old);
    this.admitNodePorts(svc, old);
  }

  private admitClusterIP(svc: Service, old: Service | undefined): void {
    const spec = svc.spec!;
    const name = svc.metadata?.name ?? '';
    const oldIP = old?.spec?.clusterIPs?.[0] ?? old?.spec?.clusterIP;
    if ((spec.type ?? 'ClusterIP') === 'ExternalName') {
      // dropTypeDependentFields: leaving ExternalName's opposite clears what was allocated.
      if (oldIP && (spec.clusterIP === oldIP || spec.clusterIPs?.[0] === oldIP)) {
        delete spec.clusterIP; delete spec.clusterIPs; delete spec.ipFamilies; delete spec.ipFamilyPolicy;
      }
      return;
    }
    if (old && oldIP && !spec.clusterIP && !spec.clusterIPs?.length) {
      // patchAllocatedValues: an update that omits the clusterIP keeps the allocated one.
      spec.clusterIP = oldIP;
      spec.clusterIPs = [...(old.spec?.clusterIPs ?? [oldIP])];
    }
    if (spec.ipFamilyPolicy === 'RequireDualStack') {
      throw invalidService(name, 'spec.ipFamilyPolicy', 'Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
    }
    const requested = spec.clusterIP || spec.clusterIPs?.[0];
    if (old && oldIP && requested !== oldIP) {
      throw invalidService(name, 'spec.clusterIPs[0]', `Invalid value: ${JSON.stringify(requested ?? '')}: may not change once set`);
    }
    let ip: string;
    if (requested === 'None') ip = 'None';
    else if (requested) {
      if (!(old && oldIP === requested)) this.checkRequestedIP(name, requested, serviceKey(svc));
      ip = requested;
    } else {
      const idx = this.ips.pickFree(this.random);
      if (idx === undefined) throw internalError('failed to allocate a serviceIP: range is full');
      ip = formatIPv4(this.cidr.network + 1 + idx);
    }
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }

  private checkRequestedIP(name: string, ip: string, key: string): void {
    const idx = this.ipIndex(ip);
    if (idx === undefined) {
      throw invalidService(name, 'spec.clusterIPs[0]', `Invalid value: ${JSON.stringify(ip)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`);
    }
    if (!this.ips.inRange(idx)) {
      throw invalidService(name, 'spec.clusterIPs', `Invalid value: ${goStrings([ip])}: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
    }
    const holder = this.ips.holderOf(idx);
    if (holder !== undefined && holder !== key) {
      throw invalidService(name, 'spec.clusterIPs', `Invalid value: ${goStrings([ip])}: failed to allocate IP ${ip}: provided IP is already allocated`);
    }
  }

  private admitNodePorts(svc: Service, old: Service | undefined): void {
    const spec = svc.spec!;
    const name = svc.metadata?.name ?? '';
    const key = serviceKey(svc);
    const ports = spec.ports ?? [];
    const oldPorts = old && needsNodePorts(old) ? old.spec?.ports ?? [] : [];
    if (!needsNodePorts(svc)) {
      ports.forEach((p, i) => {
        if (!p.nodePort) return;
        // dropTypeDependentFields: node ports left over from the old type go with it.
        if (oldPorts.some((o) => o.nodePort === p.nodePort)) { delete p.nodePort; return; }
        if (spec.type !== 'LoadBalancer') {
          throw invalidService(name, `spec.ports[${i}].nodePort`, `Forbidden: may not be used when \`type\` is '${spec.type ?? 'ClusterIP'}'`, 'FieldValueForbidden');
        }
        this.checkRequestedPort(name, `spec.ports[${i}].nodePort`, p.nodePort, key, new Set());
      });
    } else {
      // patchAllocatedValues: ports the update leaves without a nodePort keep the old one.
      for (const p of ports) {
        if (p.nodePort) continue;
        const before = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP') && o.nodePort);
        if (before) p.nodePort = before.nodePort;
      }
      const chosen = new Set<number>();
      const byPortNumber = new Map<number, number>();
      ports.forEach((p: ServicePort, i) => {
        if (p.nodePort) {
          this.checkRequestedPort(name, `spec.ports[${i}].nodePort`, p.nodePort, key, chosen, byPortNumber.get(p.port) === p.nodePort);
        } else if (byPortNumber.has(p.port)) {
          // The same port number under another protocol shares its node port (initNodePorts).
          p.nodePort = byPortNumber.get(p.port);
        } else {
          p.nodePort = this.pickPort(chosen);
        }
        chosen.add(p.nodePort! - NODE_PORT_MIN);
        byPortNumber.set(p.port, p.nodePort!);
      });
    }
    if (needsHealthCheckNodePort(svc)) {
      spec.healthCheckNodePort ||= old?.spec?.healthCheckNodePort;
      const chosen = new Set(ports.filter((p) => p.nodePort).map((p) => p.nodePort! - NODE_PORT_MIN));
      if (spec.healthCheckNodePort) this.checkRequestedPort(name, 'spec.healthCheckNodePort', spec.healthCheckNodePort, key, chosen);
      else spec.healthCheckNodePort = this.pickPort(chosen);
    } else if (spec.healthCheckNodePort && spec.healthCheckNodePort === old?.spec?.healthCheckNodePort) {
      delete spec.healthCheckNodePort;
    }
  }

  private pickPort(chosen: Set<number>): number {
    const idx = this.ports.pickFree(this.random, (i) => chosen.has(i));
    if (idx === undefined) throw internalError('failed to allocate a nodePort: range is full');
    return NODE_PORT_MIN + idx;
  }

  private checkRequestedPort(name: string, field: string, port: number, key: string, chosen: Set<number>, sharedWithinService = false): void {
    const idx = port - NODE_PORT_MIN;
    if (!this.ports.inRange(idx)) {
      throw invalidService(name, field, `Invalid value: ${port}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    }
    const holder = this.ports.holderOf(idx);
    if ((holder !== undefined && holder !== key) || (chosen.has(idx) && !sharedWithinService)) {
      throw invalidService(name, field, `Invalid value: ${port}: provided port is already allocated`);
    }
  }
}
