import type { ResourceName } from '../../backends/contract/resources.js';
import type { ObjectOf } from '../../backends/contract/types.js';
import type { RowState } from './table.js';

export function rowStateOf<R extends ResourceName>(_resource: R, _obj: ObjectOf[R], _now: number): RowState {
  return 'ok';
}
