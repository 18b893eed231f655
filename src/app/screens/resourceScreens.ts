// The built-in tables and where `enter` leads from each: a Deployment to its ReplicaSets, a
// ReplicaSet to its pods, a Service to the pods its selector picks, a namespace to its pods, a
// node to the pods bound to it.
import { formatLabelSelector, formatLabels } from '../../../backends/contract/selectors.js';
import type { Deployment, KubeObject, LabelSelector, ReplicaSet, Service } from '../../../backends/contract/types.js';
import { registerScreen, type DrillDown, type ResourceScreenDef } from './screenRegistry.js';

function selectorString(sel: LabelSelector | undefined): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

function ownedPods(rs: ReplicaSet): DrillDown {
  return {
    screen: 'pods',
    query: { namespace: rs.metadata?.namespace, labelSelector: selectorString(rs.spec?.selector) },
    ownerUid: rs.metadata?.uid,
  };
}

export const RESOURCE_SCREENS: ResourceScreenDef[] = [
  { kind: 'resource', name: 'pods', resource: 'pods', aliases: ['po', 'pod'], mutations: ['delete', 'kill'] },
  {
    kind: 'resource', name: 'services', resource: 'services', aliases: ['svc', 'service'], mutations: ['delete'],
    drill: (o: KubeObject) => {
      const svc = o as Service;
      const sel = svc.spec?.selector;
      if (!sel || Object.keys(sel).length === 0) return { error: `service "${svc.metadata?.name}" has no selector: it selects no pods` };
      return {
        screen: 'pods', query: { namespace: svc.metadata?.namespace, labelSelector: formatLabels(sel) },
        service: { namespace: svc.metadata?.namespace, name: svc.metadata?.name ?? '' },
      };
    },
  },
  {
    kind: 'resource', name: 'replicasets', resource: 'replicasets', aliases: ['rs', 'replicaset'], mutations: ['delete', 'scale'],
    drill: (o) => ownedPods(o as ReplicaSet),
  },
  {
    kind: 'resource', name: 'deployments', resource: 'deployments', aliases: ['deploy', 'dp', 'deployment'],
    mutations: ['delete', 'scale', 'restart', 'undo'],
    drill: (o) => {
      const d = o as Deployment;
      return {
        screen: 'replicasets',
        query: { namespace: d.metadata?.namespace, labelSelector: selectorString(d.spec?.selector) },
        ownerUid: d.metadata?.uid,
      };
    },
  },
  { kind: 'resource', name: 'configmaps', resource: 'configmaps', aliases: ['cm', 'configmap'], mutations: ['delete'] },
  { kind: 'resource', name: 'secrets', resource: 'secrets', aliases: ['sec', 'secret'], mutations: ['delete'] },
  {
    kind: 'resource', name: 'namespaces', resource: 'namespaces', aliases: ['ns', 'namespace'], mutations: ['delete'],
    drill: (o) => ({ screen: 'pods', query: { namespace: o.metadata?.name }, switchNamespace: o.metadata?.name }),
  },
  { kind: 'resource', name: 'events', resource: 'events', aliases: ['ev', 'event'], mutations: ['delete'] },
  {
    kind: 'resource', name: 'nodes', resource: 'nodes', aliases: ['no', 'node'], mutations: [],
    drill: (o) => ({ screen: 'pods', query: { fieldSelector: `spec.nodeName=${o.metadata?.name}` } }),
  },
];

for (const s of RESOURCE_SCREENS) registerScreen(s);
