// The `kubectl get` table of every resource kdash knows.
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { ObjectOf } from '../../../backends/contract/types.js';
import type { ResourceTable } from '../table.js';
import { namespaceTable, nodeTable } from './clusterTables.js';
import { configMapTable, secretTable, serviceAccountTable } from './configTables.js';
import { endpointSliceTable, endpointsTable } from './endpointTables.js';
import { eventTable } from './eventTable.js';
import { podTable } from './podTable.js';
import { serviceTable } from './serviceTable.js';
import { deploymentTable, replicaSetTable } from './workloadTables.js';

export const TABLES: { [R in ResourceName]: ResourceTable<ObjectOf[R]> } = {
  pods: podTable,
  replicasets: replicaSetTable,
  deployments: deploymentTable,
  services: serviceTable,
  endpoints: endpointsTable,
  endpointslices: endpointSliceTable,
  configmaps: configMapTable,
  secrets: secretTable,
  namespaces: namespaceTable,
  nodes: nodeTable,
  events: eventTable,
  serviceaccounts: serviceAccountTable,
};
