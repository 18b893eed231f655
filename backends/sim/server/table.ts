// Server-side Tables (meta.k8s.io/v1), so `kubectl get` prints kubectl's own columns for
// the simulator's objects. Cells come from the same pure row functions the dashboard uses;
// the column types and formats are the API server's (printers.go), which kubectl relies on:
// `format: name` marks the cell it prefixes with `kind/` (`get all`, `--show-kind`), and
// integer columns carry JSON numbers.
import { tableFor, type Column } from '../../../src/render/index.js';
import { apiVersionOf, type ResourceInfo } from '../../contract/resources.js';
import type { KubeObject, ObjectOf } from '../../contract/types.js';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

/** A row's `object`: nothing, the whole object, or (the default) its metadata only. */
function rowObject(resource: ResourceInfo, obj: KubeObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return { ...obj, apiVersion: apiVersionOf(resource), kind: resource.kind };
  const { managedFields: _drop, ...metadata } = obj.metadata ?? {};
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

/** Column names as printers.go spells them; kubectl prints them upper-cased. */
const API_NAMES: Record<string, string> = {
  'IP': 'IP', 'CLUSTER-IP': 'Cluster-IP', 'EXTERNAL-IP': 'External-IP', 'INTERNAL-IP': 'Internal-IP',
  'OS-IMAGE': 'OS-Image', 'KERNEL-VERSION': 'Kernel-Version', 'CONTAINER-RUNTIME': 'Container-Runtime',
  'ADDRESSTYPE': 'AddressType',
};

function apiName(header: string): string {
  return API_NAMES[header]
    ?? header.toLowerCase().replace(/(^|[\s(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}

/**
 * Cells whose API type differs from the column's declared type: printEvent declares Count a
 * string column but fills it with an int64.
 */
function numericCell(resource: ResourceInfo, column: Column): boolean {
  return column.type === 'integer' || (resource.name === 'events' && column.name === 'COUNT');
}

function columnDefinitions(resource: ResourceInfo, columns: Column[]): unknown[] {
  return columns.map((c) => ({
    name: apiName(c.name), type: c.type ?? 'string', format: c.format ?? '', description: '', priority: c.wide ? 1 : 0,
  }));
}

export function toTable(resource: ResourceInfo, items: KubeObject[], resourceVersion: string, now: number, includeObject = 'Metadata', withColumns = true): unknown {
  const table = tableFor(resource.name);
  const numeric = table.columns.map((c) => numericCell(resource, c));
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? columnDefinitions(resource, table.columns) : [],
    rows: items.map((obj) => ({
      cells: table.row(obj as ObjectOf[typeof resource.name], { now }).map((cell, i) => (numeric[i] ? Number(cell) : cell)),
      object: rowObject(resource, obj, includeObject),
    })),
  };
}
