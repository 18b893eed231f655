// The table of every resource kdash knows.
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { KubeObject, ObjectOf } from '../../../backends/contract/types.js';
import { since } from '../duration.js';
import type { ResourceTable } from '../table.js';

const generic: ResourceTable<KubeObject> = {
  columns: [{ name: 'NAME' }, { name: 'AGE' }],
  row: (o, ctx) => [o.metadata?.name ?? '', since(o.metadata?.creationTimestamp, ctx.now)],
};

export const TABLES = new Proxy({}, { get: () => generic }) as { [R in ResourceName]: ResourceTable<ObjectOf[R]> };
