// The default scheduler: binds each pending pod without a node to a node that passes the
// filters (schedulingFilters.ts), preferring the node with the fewest pods of the same owner
// (the default topology spread of a ReplicaSet's pods over hostnames), then the fewest pods
// (ties broken at random), with the `Scheduled` event; a pod no node can take gets PodScheduled=False
// (Unschedulable) and a FailedScheduling warning, and is tried again when nodes change, when
// pods go away, and every 5 minutes. Pods that already name a node (static and mirror pods,
// DaemonSet-style pods) are left alone.
import type { KubeObject, Node, Pod } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import type { Timer } from '../clock.js';
import type { Component, SimContext } from '../context.js';
import { Informer } from '../controllers/informer.js';
import { WorkQueue } from '../controllers/workQueue.js';
import { filterNode, fitErrorMessage, podRequests, type FilterFailure, type NodeUsage } from './schedulingFilters.js';
import { podKey, type PodCondition } from './types.js';

/** How long the scheduling cycle and the bind take. */
const BIND_LATENCY_MS: [number, number] = [10, 50];
/** podMaxInUnschedulablePodsDuration: unschedulable pods are retried at least this often. */
const UNSCHEDULABLE_RETRY_MS = 300_000;
const FLUSH_PERIOD_MS = 30_000;

interface Assigned { node: string; cpuMilli: number; memoryBytes: number; owner?: string }
interface Unschedulable { since: number; attempts: number; resources: boolean }

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

class Scheduler {
  private readonly pods: Informer<'pods'>;
  private readonly nodes: Informer<'nodes'>;
  private readonly queue: WorkQueue;
  private readonly usage = new Map<string, NodeUsage>();
  private readonly assigned = new Map<string, Assigned>();
  private readonly unschedulable = new Map<string, Unschedulable>();
  /** Controller uid -> node -> pods of that controller on the node. */
  private readonly byOwner = new Map<string, Map<string, number>>();
  private flushTimer?: Timer;

  constructor(private readonly ctx: SimContext) {
    this.pods = new Informer(ctx.api, 'pods');
    this.nodes = new Informer(ctx.api, 'nodes');
    this.queue = new WorkQueue(ctx.clock, (key) => this.scheduleOne(key));
  }

  start(): void {
    this.nodes.on({
      add: () => this.retryUnschedulable(false),
      update: (o, n) => { if (this.schedulingRelevant(o, n)) this.retryUnschedulable(false); },
    });
    this.pods.on({
      add: (p) => this.podChanged(p),
      update: (_, p) => this.podChanged(p),
      delete: (p) => this.podGone(p),
    });
    this.nodes.start();
    this.pods.start();
  }

  stop(): void { this.ctx.clock.clearTimer(this.flushTimer); }

  private schedulingRelevant(o: Node, n: Node): boolean {
    return JSON.stringify([o.spec?.taints, o.spec?.unschedulable, o.metadata?.labels, o.status?.allocatable])
      !== JSON.stringify([n.spec?.taints, n.spec?.unschedulable, n.metadata?.labels, n.status?.allocatable]);
  }

  private wantsScheduling(pod: Pod): boolean {
    return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && !isTerminal(pod)
      && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';
  }

  private podChanged(pod: Pod): void {
    const key = podKey(pod);
    if (pod.spec?.nodeName) {
      this.unschedulable.delete(key);
      if (isTerminal(pod)) return this.unassign(key, true);
      if (!this.assigned.has(key)) this.assign(key, pod.spec.nodeName, pod);
      return;
    }
    if (!this.wantsScheduling(pod)) { this.unschedulable.delete(key); return; }
    if (pod.spec?.schedulingGates?.length) return this.gated(pod);
    if (!this.unschedulable.has(key)) this.queue.addAfter(key, Math.round(this.ctx.random.between(...BIND_LATENCY_MS)));
  }

  private podGone(pod: Pod): void {
    const key = podKey(pod);
    this.unschedulable.delete(key);
    this.unassign(key, true);
  }

  private assign(key: string, node: string, pod: Pod): void {
    const req = podRequests(pod);
    const owner = pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
    this.assigned.set(key, { node, ...req, owner });
    if (owner) {
      let m = this.byOwner.get(owner);
      if (!m) this.byOwner.set(owner, (m = new Map()));
      m.set(node, (m.get(node) ?? 0) + 1);
    }
    const u = this.usageOf(node);
    u.pods++;
    u.cpuMilli += req.cpuMilli;
    u.memoryBytes += req.memoryBytes;
  }

  private unassign(key: string, freed: boolean): void {
    const a = this.assigned.get(key);
    if (!a) return;
    this.assigned.delete(key);
    if (a.owner) {
      const m = this.byOwner.get(a.owner)!;
      const n = (m.get(a.node) ?? 1) - 1;
      if (n > 0) m.set(a.node, n); else m.delete(a.node);
      if (m.size === 0) this.byOwner.delete(a.owner);
    }
    const u = this.usageOf(a.node);
    u.pods--;
    u.cpuMilli -= a.cpuMilli;
    u.memoryBytes -= a.memoryBytes;
    if (freed && (a.cpuMilli > 0 || a.memoryBytes > 0)) this.retryUnschedulable(true);
  }

  private usageOf(node: string): NodeUsage {
    let u = this.usage.get(node);
    if (!u) this.usage.set(node, (u = { pods: 0, cpuMilli: 0, memoryBytes: 0 }));
    return u;
  }

  /** Moves unschedulable pods back to the queue, after their per-pod back-off (1 s doubling to 10 s). */
  private retryUnschedulable(resourcesOnly: boolean): void {
    for (const [key, u] of this.unschedulable) {
      if (resourcesOnly && !u.resources) continue;
      this.queue.addAfter(key, Math.min(1000 * 2 ** Math.max(0, u.attempts - 1), 10_000));
    }
  }

  private scheduleOne(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.pods.get(ns, name);
    if (!pod || !this.wantsScheduling(pod) || pod.spec?.schedulingGates?.length) { this.unschedulable.delete(key); return; }
    const nodes = this.nodes.list();
    const failures: FilterFailure[] = [];
    const siblings = this.byOwner.get(pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid ?? '');
    let best: Node[] = [];
    let bestScore = Infinity;
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const usage = this.usageOf(name);
      const failure = filterNode(pod, node, usage);
      if (failure) { failures.push(failure); continue; }
      const score = (siblings?.get(name) ?? 0) * 1_000_000 + usage.pods;
      if (score < bestScore) { best = [node]; bestScore = score; } else if (score === bestScore) best.push(node);
    }
    if (best.length === 0) return this.failed(key, pod, nodes.length, failures);
    const node = this.ctx.random.pick(best).metadata!.name!;
    this.bind(key, pod, node);
  }

  /** POSTs the pods/binding subresource, as kube-scheduler's DefaultBinder does. */
  private bind(key: string, pod: Pod, node: string): void {
    const api = this.ctx.api;
    const { namespace, name, uid } = pod.metadata!;
    try {
      api.bindPod(namespace, name!, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } });
    } catch {
      return; // gone, replaced, being deleted or bound meanwhile: the informer brings the news
    }
    const bound = api.get('pods', namespace, name!) as Pod;
    this.unschedulable.delete(key);
    this.assign(key, node, bound);
    this.ctx.events.recordWithEventTime(bound as KubeObject, 'Normal', 'Scheduled',
      `Successfully assigned ${namespace}/${name} to ${node}`, 'default-scheduler', 'Binding', this.ctx.layout.nodes[0]);
  }

  /** A pod with scheduling gates waits, PodScheduled=False (SchedulingGated), until they are removed. */
  private gated(pod: Pod): void {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (old?.reason === 'SchedulingGated') return;
    const condition: PodCondition = {
      type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
      lastTransitionTime: rfc3339(this.ctx.clock.now()),
    };
    const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition];
    try {
      this.ctx.api.update('pods', { ...structuredClone(pod), status: { ...structuredClone(pod.status ?? {}), phase: pod.status?.phase ?? 'Pending', conditions } } as KubeObject, { subresource: 'status' });
    } catch { /* changed or gone: the next event brings it back */ }
  }

  private failed(key: string, pod: Pod, nodeCount: number, failures: FilterFailure[]): void {
    const message = nodeCount === 0 ? 'no nodes available to schedule pods' : fitErrorMessage(nodeCount, failures);
    const prev = this.unschedulable.get(key);
    this.unschedulable.set(key, { since: this.ctx.clock.now(), attempts: (prev?.attempts ?? 0) + 1, resources: failures.some((f) => f.resolvable) });
    this.ensureFlush();
    this.ctx.events.recordWithEventTime(pod as KubeObject, 'Warning', 'FailedScheduling', message, 'default-scheduler', 'Scheduling', this.ctx.layout.nodes[0]);
    const api = this.ctx.api;
    const fresh = api.tryGet('pods', pod.metadata!.namespace, pod.metadata!.name!) as Pod | undefined;
    if (!fresh || fresh.metadata?.uid !== pod.metadata?.uid) return;
    const old = fresh.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (old?.status === 'False' && old.reason === 'Unschedulable' && old.message === message) return;
    const condition: PodCondition = {
      type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message,
      lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : rfc3339(this.ctx.clock.now()),
    };
    const conditions = [...(fresh.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition];
    api.update('pods', { ...structuredClone(fresh), status: { ...structuredClone(fresh.status ?? {}), phase: fresh.status?.phase ?? 'Pending', conditions } } as KubeObject, { subresource: 'status' });
  }

  /** flushUnschedulablePodsLeftover: every 30 s, pods unschedulable for 5 minutes are tried again. */
  private ensureFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = this.ctx.clock.setTimer(FLUSH_PERIOD_MS, () => {
      this.flushTimer = undefined;
      const now = this.ctx.clock.now();
      for (const [key, u] of this.unschedulable) if (now - u.since >= UNSCHEDULABLE_RETRY_MS) this.queue.add(key);
      if (this.unschedulable.size) this.ensureFlush();
    });
  }
}

export const scheduler: Component = (ctx) => {
  const s = new Scheduler(ctx);
  s.start();
  return () => s.stop();
};
