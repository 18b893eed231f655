// `kubectl scale` (a merge patch of spec.replicas; kubectl sends it to the scale subresource,
// which for these two kinds changes exactly that field).
import type { Backend } from '../../backends/contract/backend.js';
import { KubectlError } from './errors.js';
import { nameLine } from './names.js';

export async function scale(
  b: Backend, resource: 'deployments' | 'replicasets', ns: string, name: string, replicas: number,
): Promise<string> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  await b.patch(resource, ns, name, 'merge', { spec: { replicas } });
  return nameLine(resource, name, 'scaled');
}
