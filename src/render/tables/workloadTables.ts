// `kubectl get replicasets` and `kubectl get deployments` (printReplicaSet, printDeployment).
import type { Deployment, ReplicaSet } from '../../../backends/contract/types.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf, containerCells, formatLabelSelector, selectorString } from './cells.js';

const WIDE_TEMPLATE = [
  { name: 'CONTAINERS', wide: true }, { name: 'IMAGES', wide: true }, { name: 'SELECTOR', wide: true },
];

export const replicaSetTable: ResourceTable<ReplicaSet> = {
  columns: [
    NAME, { name: 'DESIRED', type: 'integer' }, { name: 'CURRENT', type: 'integer' },
    { name: 'READY', type: 'integer' }, AGE, ...WIDE_TEMPLATE,
  ],
  row(rs, { now }) {
    return [
      rs.metadata?.name ?? '', String(rs.spec?.replicas ?? 1), String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0), ageOf(rs, now),
      ...containerCells(rs.spec?.template?.spec?.containers), formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const deploymentTable: ResourceTable<Deployment> = {
  columns: [
    NAME, { name: 'READY' }, { name: 'UP-TO-DATE', type: 'integer' }, { name: 'AVAILABLE', type: 'integer' },
    AGE, ...WIDE_TEMPLATE,
  ],
  row(d, { now }) {
    return [
      d.metadata?.name ?? '', `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), ageOf(d, now),
      ...containerCells(d.spec?.template?.spec?.containers), selectorString(d.spec?.selector),
    ];
  },
};
