// Pure rendering: objects in, kubectl's text out. Used by the dashboard, by the kubectl-like
// operations and by the server that answers real kubectl with Tables.
import type { ResourceName } from '../../backends/contract/resources.js';
import type { ObjectOf } from '../../backends/contract/types.js';
import type { ResourceTable, RowState } from './table.js';
import { TABLES } from './tables/index.js';
import { rowStateOf } from './rowState.js';

export type { Column, RowContext, ResourceTable, RowState } from './table.js';
export type { DescribeInput, NodeLease } from './describe/describeInput.js';
export type { TabwriterOptions } from './tabwriter.js';
export { tabwrite, GET_TABWRITER, DESCRIBE_TABWRITER } from './tabwriter.js';
export { humanDuration, since, rfc1123z } from './duration.js';
export {
  describeObject, describePod, describeReplicaSet, describeDeployment, describeService,
  describeConfigMap, describeSecret, describeNamespace, describeNode, describeEndpoints,
  describeEndpointSlice, describeServiceAccount, describeGeneric,
} from './describe/index.js';
export { renderHistoryTable, renderRevisionTemplate, renderPodTemplate } from './history.js';
export type { HistoryEntry } from './history.js';
export { renderTable } from './renderTable.js';
export type { RenderTableOptions } from './renderTable.js';
export { podSummary } from './tables/podStatus.js';
export type { PodSummary } from './tables/podStatus.js';
export { toYaml } from './yaml.js';
export type { YamlOptions } from './yaml.js';

/** The `kubectl get` columns and row function of a resource. */
export function tableFor<R extends ResourceName>(resource: R): ResourceTable<ObjectOf[R]> {
  return TABLES[resource];
}

/** How a row should be coloured (healthy, starting, degraded, failed, going away, done). */
export function rowState<R extends ResourceName>(resource: R, obj: ObjectOf[R], now: number): RowState {
  return rowStateOf(resource, obj, now);
}
