// kubectl describe namespace / node (describeNamespace, describeNode).
import type { Namespace, Node, Pod } from '../../../backends/contract/types.js';
import { rfc1123z, since } from '../duration.js';
import {
  ZERO, addQuantity, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, type Quantity,
} from '../quantity.js';
import { nodeRoles } from '../tables/clusterTables.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './metadataLines.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefixWriter.js';

/**
 * Deviation: ResourceQuotas and LimitRanges are not fetched (the simulator has neither), so a
 * namespace always shows `No resource quota.` and `No LimitRange resource.`.
 */
export function describeNamespace(input: DescribeInput<Namespace>): string {
  const ns = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if (ns.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No resource quota.\n');
    w.write(LEVEL_0, '\n');
    w.write(LEVEL_0, 'No LimitRange resource.\n');
  });
}

type ResourceList = Map<string, Quantity>;

function toList(m: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of Object.entries(m ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

function addInto(into: ResourceList, from: ResourceList): void {
  for (const [k, q] of from) into.set(k, into.has(k) ? addQuantity(into.get(k)!, q) : q);
}

function maxInto(into: ResourceList, from: ResourceList): void {
  for (const [k, q] of from) if (!into.has(k) || into.get(k)!.nano < q.nano) into.set(k, q);
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor, plus overhead. */
function podRequestsAndLimits(pod: Pod): [ResourceList, ResourceList] {
  const result: [ResourceList, ResourceList] = [new Map(), new Map()];
  for (const [i, field] of (['requests', 'limits'] as const).entries()) {
    const sum: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) addInto(sum, toList(c.resources?.[field]));
    let sidecars: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      const r = toList(c.resources?.[field]);
      if (c.restartPolicy === 'Always') { addInto(sum, r); addInto(sidecars, r); continue; }
      const withSidecars: ResourceList = new Map(r);
      addInto(withSidecars, sidecars);
      maxInto(sum, withSidecars);
    }
    addInto(sum, toList(pod.spec?.overhead));
    result[i] = sum;
  }
  return result;
}

const get = (l: ResourceList, k: string) => l.get(k) ?? ZERO;
const pct = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

function describeNodeResource(pods: Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = toList(Object.keys(node.status?.allocatable ?? {}).length ? node.status?.allocatable : node.status?.capacity);
  const cpuAlloc = quantityMilliValue(get(allocatable, 'cpu')), memAlloc = quantityValue(get(allocatable, 'memory'));
  const totalReq: ResourceList = new Map(), totalLim: ResourceList = new Map();
  for (const pod of pods) {
    const [req, lim] = podRequestsAndLimits(pod);
    addInto(totalReq, req);
    addInto(totalLim, lim);
    const cpuReq = get(req, 'cpu'), cpuLim = get(lim, 'cpu'), memReq = get(req, 'memory'), memLim = get(lim, 'memory');
    w.write(LEVEL_1, `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t`
      + `${formatQuantity(cpuReq)} (${pct(quantityMilliValue(cpuReq), cpuAlloc)}%)\t${formatQuantity(cpuLim)} (${pct(quantityMilliValue(cpuLim), cpuAlloc)}%)\t`
      + `${formatQuantity(memReq)} (${pct(quantityValue(memReq), memAlloc)}%)\t${formatQuantity(memLim)} (${pct(quantityValue(memLim), memAlloc)}%)\t`
      + `${since(pod.metadata?.creationTimestamp, now)}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, whole: number, value: (q: Quantity) => number) => {
    const r = get(totalReq, name), l = get(totalLim, name);
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${pct(value(r), whole)}%)\t${formatQuantity(l)} (${pct(value(l), whole)}%)\n`);
  };
  row('cpu', cpuAlloc, quantityMilliValue);
  row('memory', memAlloc, quantityValue);
  row('ephemeral-storage', quantityValue(get(allocatable, 'ephemeral-storage')), quantityValue);
  const names = [...allocatable.keys()].sort();
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, quantityValue(get(allocatable, name)), quantityValue);
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(LEVEL_1, `${name}\t${formatQuantity(get(totalReq, name))}\t${formatQuantity(get(totalLim, name))}\n`);
  }
}

function describeLease(node: Node, input: DescribeInput<Node>, w: PrefixWriter): void {
  // Deviation: without a Lease object (the simulator keeps none) the kubelet's heartbeat
  // stands in: holder = node name, renewed at the Ready condition's lastHeartbeatTime.
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const lease = input.lease ?? { holderIdentity: node.metadata?.name, renewTime: ready?.lastHeartbeatTime };
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`);
}

export function describeNode(input: DescribeInput<Node>): string {
  const node = input.object, st = node.status, info = st?.nodeInfo;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
    describeLease(node, input, w);
    if (st?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of st.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of st?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    for (const [title, list] of [['Capacity', st?.capacity], ['Allocatable', st?.allocatable]] as const) {
      const names = Object.keys(list ?? {}).sort();
      if (!names.length) continue;
      w.write(LEVEL_0, `${title}:\n`);
      for (const n of names) {
        const q = parseQuantity(list![n]);
        w.write(LEVEL_0, `  ${n}:\t${q ? formatQuantity(q) : list![n]}\n`);
      }
    }
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
    if (input.pods) describeNodeResource(input.pods, node, w, input.now);
    else w.write(LEVEL_0, 'Pods:\tnot authorized\n');
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
