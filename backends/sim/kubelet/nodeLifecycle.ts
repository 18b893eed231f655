// The parts of kube-controller-manager that react to a node whose kubelet stops: the node
// lifecycle controller (after node-monitor-grace-period it marks the node's conditions Unknown,
// taints it node.kubernetes.io/unreachable and marks its pods not Ready) and the taint-eviction
// controller (deletes pods on a node with NoExecute taints once their toleration runs out).
// They live with the kubelets because in the simulator a node only fails through its kubelet.
import type { KubeObject, Node, Pod } from '../../contract/types.js';
import { rfc3339 } from '../clock.js';
import type { Timer } from '../clock.js';
import type { SimContext } from '../context.js';
import { Informer } from '../controllers/informer.js';
import { UNREACHABLE_TAINT_KEY } from './nodes.js';
import { effectiveTolerations, noExecuteTolerationMs } from './taints.js';
import type { PodCondition, Taint } from './types.js';

/**
 * Time from the kubelet's last lease renewal to the node being marked Unknown: the
 * node-monitor-grace-period (50 s since v1.32), checked every node-monitor-period (5 s); the
 * last renewal happened up to 10 s before the failure.
 */
const DETECTION_MS: [number, number] = [40_000, 55_000];

export class NodeLifecycleController {
  private readonly detection = new Map<string, Timer>();
  private readonly evictions = new Map<string, { timer: Timer; pod: Pod; node: string }>();
  private readonly nodes: Informer<'nodes'>;

  constructor(private readonly ctx: SimContext, private readonly podsOnNode: (node: string) => Pod[]) {
    this.nodes = new Informer(ctx.api, 'nodes');
    this.nodes.on({
      add: (n) => this.nodeTaintsChanged(n),
      update: (o, n) => { if (JSON.stringify(o.spec?.taints) !== JSON.stringify(n.spec?.taints)) this.nodeTaintsChanged(n); },
    });
  }

  start(): void { this.nodes.start(); }

  stop(): void {
    for (const t of this.detection.values()) this.ctx.clock.clearTimer(t);
    for (const e of this.evictions.values()) this.ctx.clock.clearTimer(e.timer);
  }

  /** The node's kubelet stopped renewing its lease. */
  kubeletStopped(node: string): void {
    if (this.detection.has(node)) return;
    const ms = Math.round(this.ctx.random.between(DETECTION_MS[0], DETECTION_MS[1]));
    this.detection.set(node, this.ctx.clock.setTimer(ms, () => { this.detection.delete(node); this.markUnknown(node); }));
  }

  /** The kubelet posts Ready again: the controller lifts the unreachable taints. */
  kubeletStarted(node: string): void {
    this.ctx.clock.clearTimer(this.detection.get(node));
    this.detection.delete(node);
    const n = this.ctx.api.tryGet('nodes', undefined, node) as Node | undefined;
    if (!n) return;
    const taints = (n.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT_KEY);
    if (taints.length === (n.spec?.taints ?? []).length) return;
    const spec = structuredClone(n.spec ?? {});
    if (taints.length) spec.taints = taints; else delete spec.taints;
    this.ctx.api.update('nodes', { ...structuredClone(n), spec } as KubeObject);
  }

  private markUnknown(node: string): void {
    const n = this.ctx.api.tryGet('nodes', undefined, node) as Node | undefined;
    if (!n) return;
    const nowIso = rfc3339(this.ctx.clock.now());
    const conditions = (n.status?.conditions ?? []).map((c) => ({
      ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
      lastTransitionTime: c.status === 'Unknown' ? c.lastTransitionTime : nowIso,
    }));
    const updated = this.ctx.api.update('nodes', { ...structuredClone(n), status: { ...structuredClone(n.status), conditions } } as KubeObject, { subresource: 'status' }) as Node;
    this.ctx.events.record(updated as KubeObject, 'Normal', 'NodeNotReady', `Node ${node} status is now: NodeNotReady`, { component: 'node-controller' });
    for (const pod of this.podsOnNode(node)) this.markPodNotReady(pod, nowIso);
    const taints: Taint[] = [...(updated.spec?.taints ?? []).filter((t) => t.key !== UNREACHABLE_TAINT_KEY),
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule', timeAdded: nowIso },
      { key: UNREACHABLE_TAINT_KEY, effect: 'NoExecute', timeAdded: nowIso }];
    const latest = this.ctx.api.get('nodes', undefined, node) as Node;
    this.ctx.api.update('nodes', { ...structuredClone(latest), spec: { ...structuredClone(latest.spec), taints } } as KubeObject);
  }

  /** MarkPodsNotReady: the Ready condition goes False, with a NodeNotReady warning on the pod. */
  private markPodNotReady(pod: Pod, nowIso: string): void {
    const fresh = this.ctx.api.tryGet('pods', pod.metadata?.namespace, pod.metadata!.name!) as Pod | undefined;
    if (!fresh || fresh.metadata?.uid !== pod.metadata?.uid) return;
    const conditions = fresh.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') return;
    const next: PodCondition[] = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: nowIso } : c));
    this.ctx.api.update('pods', { ...structuredClone(fresh), status: { ...structuredClone(fresh.status), conditions: next } } as KubeObject, { subresource: 'status' });
    this.ctx.events.record(fresh as KubeObject, 'Warning', 'NodeNotReady', 'Node is not ready', { component: 'node-controller' });
  }

  // ---------------------------------------------------------------- taint eviction

  private nodeTaintsChanged(node: Node): void {
    const name = node.metadata!.name!;
    for (const pod of this.podsOnNode(name)) this.planEviction(pod, node);
  }

  /** A pod appeared on (or changed on) a node: evict it if the node's NoExecute taints say so. */
  podChanged(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const node = this.nodes.get(undefined, nodeName);
    if (node) this.planEviction(pod, node);
  }

  podGone(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const e = this.evictions.get(uid);
    if (e) { this.ctx.clock.clearTimer(e.timer); this.evictions.delete(uid); }
  }

  private planEviction(pod: Pod, node: Node): void {
    const uid = pod.metadata?.uid ?? '';
    const existing = this.evictions.get(uid);
    if (pod.metadata?.deletionTimestamp) { if (existing) { this.ctx.clock.clearTimer(existing.timer); this.evictions.delete(uid); } return; }
    if (!existing && !node.spec?.taints?.some((t) => t.effect === 'NoExecute')) return;
    const ms = noExecuteTolerationMs(node.spec?.taints ?? [], effectiveTolerations(pod));
    if (ms === undefined) {
      if (existing) {
        this.ctx.clock.clearTimer(existing.timer);
        this.evictions.delete(uid);
        this.ctx.events.record(pod as KubeObject, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${pod.metadata?.namespace}/${pod.metadata?.name}`, { component: 'taint-eviction-controller' });
      }
      return;
    }
    if (existing) return;
    const timer = this.ctx.clock.setTimer(ms, () => { this.evictions.delete(uid); this.evict(pod); });
    this.evictions.set(uid, { timer, pod, node: node.metadata!.name! });
  }

  private evict(pod: Pod): void {
    const ns = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    const fresh = this.ctx.api.tryGet('pods', ns, name) as Pod | undefined;
    if (!fresh || fresh.metadata?.uid !== pod.metadata?.uid || fresh.metadata?.deletionTimestamp) return;
    const nowIso = rfc3339(this.ctx.clock.now());
    const conditions: PodCondition[] = [
      ...(fresh.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: nowIso },
    ];
    this.ctx.api.update('pods', { ...structuredClone(fresh), status: { ...structuredClone(fresh.status), conditions } } as KubeObject, { subresource: 'status' });
    this.ctx.events.record(fresh as KubeObject, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`, { component: 'taint-eviction-controller' });
    try { this.ctx.api.delete('pods', ns, name, { preconditions: { uid: fresh.metadata!.uid } }); } catch { /* gone */ }
  }
}
