// Server-side Tables (meta.k8s.io/v1), so `kubectl get` prints kubectl's own columns for
// the simulator's objects. Cells come from the same pure row functions the dashboard uses.
import { tableFor } from '../../../src/render/index.js';
import type { ResourceInfo } from '../../contract/resources.js';
import type { KubeObject, ObjectOf } from '../../contract/types.js';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

function partialMetadata(obj: KubeObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata ?? {};
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

function title(header: string): string {
  // kubectl upper-cases column names; the API sends them in title case (`Up-to-date`, `Nominated Node`).
  return header.toLowerCase().replace(/(^|[\s(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
}

export function toTable(resource: ResourceInfo, items: KubeObject[], resourceVersion: string, now: number, includeObject = 'Metadata', withColumns = true): unknown {
  const table = tableFor(resource.name);
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withColumns
      ? table.columns.map((c, i) => ({ name: title(c.name), type: 'string', format: i === 0 ? 'name' : '', description: '', priority: c.wide ? 1 : 0 }))
      : [],
    rows: items.map((obj) => ({
      cells: table.row(obj as ObjectOf[typeof resource.name], { now }),
      object: partialMetadata(obj, includeObject),
    })),
  };
}
