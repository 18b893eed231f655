// describeTopologySpreadConstraints.
import type { V1TopologySpreadConstraint } from '@kubernetes/client-node';
import type { Wire } from '../../../backends/contract/types.js';
import { formatLabelSelector } from '../tables/cells.js';
import { LEVEL_0, type PrefixWriter } from './prefixWriter.js';

export function describeTopologySpreadConstraints(
  constraints: Wire<V1TopologySpreadConstraint>[] | undefined, w: PrefixWriter, space: string,
): void {
  if (!constraints?.length) return;
  const sorted = [...constraints].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) s += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}
