// `kubectl get namespaces|nodes` (printNamespace, printNode).
import type { Namespace, Node } from '../../../backends/contract/types.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf } from './cells.js';

export const namespaceTable: ResourceTable<Namespace> = {
  columns: [NAME, { name: 'STATUS' }, AGE],
  row: (ns, { now }) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', ageOf(ns, now)],
};

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` value. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

export function nodeStatus(node: Node): string {
  const status: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodeTable: ResourceTable<Node> = {
  columns: [
    NAME, { name: 'STATUS' }, { name: 'ROLES' }, AGE, { name: 'VERSION' },
    { name: 'INTERNAL-IP', wide: true }, { name: 'EXTERNAL-IP', wide: true }, { name: 'OS-IMAGE', wide: true },
    { name: 'KERNEL-VERSION', wide: true }, { name: 'CONTAINER-RUNTIME', wide: true },
  ],
  row(node, { now }) {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '', nodeStatus(node), nodeRoles(node).join(',') || '<none>', ageOf(node, now),
      info?.kubeletVersion ?? '', address(node, 'InternalIP'), address(node, 'ExternalIP'),
      info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
