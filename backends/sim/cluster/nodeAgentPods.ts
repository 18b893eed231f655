// Keeps each registered node's own pods in place: the control plane's mirror pods (the
// kubelet recreates a deleted mirror pod within a sync) and one kube-proxy and one kindnet
// pod per node (a DaemonSet controller replaces a deleted one at once, under a new name).
import type { KubeObject, Node, Pod } from '../../contract/types.js';
import { rfc3339Micro } from '../clock.js';
import type { SimContext } from '../context.js';
import { internalIPOf, nodeIP } from '../network/nodeAddresses.js';
import { kindnetPod, kubeProxyPod, staticPod, STATIC_COMPONENTS, type DaemonSetRef, type NodeRef } from './nodePods.js';

const NS = 'kube-system';

/** The DaemonSet whose pods are already there (a control plane restarted on a restored store). */
function existingDaemonSet(ctx: SimContext, name: string): DaemonSetRef | undefined {
  for (const p of ctx.api.list('pods', { namespace: NS }).items) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.kind === 'DaemonSet' && r.name === name);
    const hash = p.metadata?.labels?.['controller-revision-hash'];
    if (ref && hash) return { name, uid: ref.uid, revisionHash: hash };
  }
  return undefined;
}

/**
 * Deviation: mirror pods are written when the node registers, not by its kubelet from the
 * manifests in /etc/kubernetes/manifests; the kubelet then runs them like any bound pod.
 */
export function startNodeAgentPods(ctx: SimContext): () => void {
  const { api, clock, random, layout } = ctx;
  const daemonSets: Array<{ ref: DaemonSetRef; pod: (ds: DaemonSetRef, n: NodeRef) => KubeObject }> = [
    { ref: existingDaemonSet(ctx, 'kindnet') ?? { name: 'kindnet', uid: random.uuid(), revisionHash: random.nameSuffix(10) }, pod: kindnetPod },
    { ref: existingDaemonSet(ctx, 'kube-proxy') ?? { name: 'kube-proxy', uid: random.uuid(), revisionHash: random.nameSuffix(10) }, pod: kubeProxyPod },
  ];
  const nodes = new Map<string, NodeRef>();

  const isControlPlane = (n: Node) => n.metadata?.name === layout.nodes[0] || n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  const create = (obj: KubeObject) => { try { api.create('pods', obj); } catch { /* namespace going away, or already there */ } };

  function ensureStatic(component: string, node: NodeRef): void {
    if (!nodes.has(node.name) || api.tryGet('pods', NS, `${component}-${node.name}`)) return;
    create(staticPod(component, node, random, rfc3339Micro(clock.now())));
  }

  function ensureDaemon(i: number, node: NodeRef): void {
    if (!nodes.has(node.name)) return;
    const ds = daemonSets[i];
    const live = api.list('pods', { namespace: NS, labelSelector: `controller-revision-hash=${ds.ref.revisionHash}` }).items as Pod[];
    if (live.some((p) => p.spec?.nodeName === node.name && !p.metadata?.deletionTimestamp)) return;
    create(ds.pod(ds.ref, node));
  }

  function addNode(n: Node): void {
    const name = n.metadata!.name!;
    if (nodes.has(name)) return;
    const ref: NodeRef = { name, uid: n.metadata!.uid!, ip: internalIPOf(n) ?? nodeIP(api, layout, name) };
    nodes.set(name, ref);
    if (isControlPlane(n)) for (const c of STATIC_COMPONENTS) ensureStatic(c, ref);
    daemonSets.forEach((_, i) => ensureDaemon(i, ref));
  }

  const { items, resourceVersion } = api.list('nodes');
  const nodeWatch = api.watch('nodes', { resourceVersion }, {
    onEvent: (e) => {
      if (e.type === 'ADDED' || e.type === 'MODIFIED') addNode(e.object as Node);
      if (e.type === 'DELETED') nodes.delete(e.object.metadata!.name!);
    },
    onExpired: () => {}, onError: () => {},
  });
  for (const n of items) addNode(n as Node);

  const podWatch = api.watch('pods', { namespace: NS, resourceVersion: api.resourceVersion }, {
    onEvent: (e) => {
      if (e.type === 'BOOKMARK') return;
      const p = e.object as Pod;
      const node = nodes.get(p.spec?.nodeName ?? '');
      if (!node) return;
      const gone = e.type === 'DELETED' || !!p.metadata?.deletionTimestamp;
      if (!gone) return;
      const component = STATIC_COMPONENTS.find((c) => p.metadata?.name === `${c}-${node.name}`);
      if (component && e.type === 'DELETED') clock.setTimer(Math.round(random.between(1000, 2000)), () => ensureStatic(component, node));
      const i = daemonSets.findIndex((d) => p.metadata?.ownerReferences?.some((r) => r.uid === d.ref.uid));
      if (i >= 0) clock.setTimer(Math.round(random.between(10, 50)), () => ensureDaemon(i, node));
    },
    onExpired: () => {}, onError: () => {},
  });
  return () => { nodeWatch.stop(); podWatch.stop(); };
}
