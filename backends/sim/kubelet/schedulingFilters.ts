// The scheduler's filter plugins that matter on a kind cluster, with their messages:
// NodeUnschedulable, TaintToleration, NodeAffinity (nodeSelector and required node affinity)
// and NodeResourcesFit (cpu and memory requests against allocatable), and the FitError text
// of a pod no node can take.
import type { Node, Pod } from '../../contract/types.js';
import { parseQuantityBytes } from './configResolution.js';
import { untoleratedTaint } from './taints.js';
import type { Toleration } from './types.js';

export interface NodeUsage { pods: number; cpuMilli: number; memoryBytes: number }

export interface FilterFailure {
  reasons: string[];
  /** Unschedulable (preemption could help) rather than UnschedulableAndUnresolvable. */
  resolvable: boolean;
}

export function cpuMilli(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}

/** The pod's effective requests: the larger of the app containers' sum and any one init container. */
export function podRequests(pod: Pod): { cpuMilli: number; memoryBytes: number } {
  const req = (c: { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }, r: string) =>
    c.resources?.requests?.[r] ?? c.resources?.limits?.[r];
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) { cpu += cpuMilli(req(c, 'cpu')); mem += parseQuantityBytes(req(c, 'memory') ?? '0'); }
  for (const c of pod.spec?.initContainers ?? []) { cpu = Math.max(cpu, cpuMilli(req(c, 'cpu'))); mem = Math.max(mem, parseQuantityBytes(req(c, 'memory') ?? '0')); }
  return { cpuMilli: cpu, memoryBytes: mem };
}

type Requirement = { key: string; operator: string; values?: string[] };

function matchRequirement(value: string | undefined, r: Requirement): boolean {
  switch (r.operator) {
    case 'In': return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn': return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(r.values?.[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(r.values?.[0]);
    default: return false;
  }
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (terms ORed, expressions ANDed). */
export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms?.length) return true;
  return terms.some((t) =>
    (t.matchExpressions ?? []).every((r) => matchRequirement(labels[r.key], r as Requirement))
    && (t.matchFields ?? []).every((r) => r.key === 'metadata.name' && matchRequirement(node.metadata?.name, r as Requirement)));
}

/** Why the pod cannot go to this node, in filter order; undefined when it fits. */
export function filterNode(pod: Pod, node: Node, usage: NodeUsage): FilterFailure | undefined {
  const tolerations = pod.spec?.tolerations;
  if (node.spec?.unschedulable && !toleratesUnschedulable(tolerations)) {
    return { reasons: ['node(s) were unschedulable'], resolvable: false };
  }
  const taint = untoleratedTaint(node.spec?.taints, tolerations);
  if (taint) return { reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`], resolvable: false };
  if (!matchesNodeAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  const want = podRequests(pod);
  const alloc = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  // Deviation: the `pods` allocatable (110 on kind) is not enforced, so the simulator can run
  // thousands of pods on its three nodes.
  if (want.cpuMilli > 0 && usage.cpuMilli + want.cpuMilli > cpuMilli(alloc.cpu ?? '0')) reasons.push('Insufficient cpu');
  if (want.memoryBytes > 0 && usage.memoryBytes + want.memoryBytes > parseQuantityBytes(alloc.memory ?? '0')) reasons.push('Insufficient memory');
  return reasons.length ? { reasons, resolvable: true } : undefined;
}

function toleratesUnschedulable(tolerations: readonly Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'));
}

function histogram(entries: string[]): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

/** FitError.Error() with the default preemption plugin's post-filter message. */
export function fitErrorMessage(nodeCount: number, failures: FilterFailure[]): string {
  const filter = histogram(failures.flatMap((f) => f.reasons));
  const preemption = histogram(failures.map((f) => (f.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling')));
  return `0/${nodeCount} nodes are available: ${filter}. preemption: 0/${nodeCount} nodes are available: ${preemption}.`;
}
