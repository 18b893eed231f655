// Node InternalIPs, read from the Node objects the kubelets register.
import type { Node } from '../../contract/types.js';
import type { ApiServer } from '../apiserver/apiServer.js';
import type { ClusterLayout } from '../context.js';

export function internalIPOf(node: Node | undefined): string | undefined {
  return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/**
 * A node's InternalIP: from its Node object, else where kind's Docker network puts it
 * (172.18.0.2, .3, ... in layout order) until the kubelet has registered it.
 */
export function nodeIP(api: ApiServer, layout: ClusterLayout, name: string): string {
  const ip = internalIPOf(api.tryGet('nodes', undefined, name) as Node | undefined);
  if (ip) return ip;
  const i = layout.nodes.indexOf(name);
  return `172.18.0.${(i < 0 ? 0 : i) + 2}`;
}
