// `kubectl get configmaps|secrets|serviceaccounts`.
import type { ConfigMap, Secret, ServiceAccount } from '../../../backends/contract/types.js';
import type { ResourceTable } from '../table.js';
import { AGE, NAME, ageOf } from './cells.js';

const size = (m: Record<string, unknown> | undefined) => Object.keys(m ?? {}).length;

export const configMapTable: ResourceTable<ConfigMap> = {
  columns: [NAME, { name: 'DATA', type: 'integer' }, AGE],
  row: (cm, { now }) => [cm.metadata?.name ?? '', String(size(cm.data) + size(cm.binaryData)), ageOf(cm, now)],
};

export const secretTable: ResourceTable<Secret> = {
  columns: [NAME, { name: 'TYPE' }, { name: 'DATA', type: 'integer' }, AGE],
  row: (s, { now }) => [s.metadata?.name ?? '', s.type ?? '', String(size(s.data)), ageOf(s, now)],
};

export const serviceAccountTable: ResourceTable<ServiceAccount> = {
  columns: [NAME, { name: 'SECRETS', type: 'integer' }, AGE],
  row: (sa, { now }) => [sa.metadata?.name ?? '', String(sa.secrets?.length ?? 0), ageOf(sa, now)],
};
