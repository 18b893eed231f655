// `kubectl set image deployment/NAME CONTAINER=IMAGE` with the change-cause a presenter records
// (`kubectl annotate ... kubernetes.io/change-cause=...`): one strategic merge patch, so the
// deployment controller sees a new template and records the cause on the new revision.
import type { Backend } from '../../backends/contract/backend.js';
import { KubectlError } from '../ops/errors.js';
import { nameLine } from '../ops/names.js';

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';

export async function setImage(
  b: Backend, ns: string, deployment: string, container: string, image: string, changeCause?: string,
): Promise<string> {
  const d = await b.get('deployments', ns, deployment);
  if (!d.spec?.template.spec?.containers.some((c) => c.name === container)) {
    throw new KubectlError(`error: unable to find container named "${container}"`);
  }
  await b.patch('deployments', ns, deployment, 'strategic', {
    ...(changeCause !== undefined ? { metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: changeCause } } } : {}),
    spec: { template: { spec: { containers: [{ name: container, image }] } } },
  });
  return nameLine('deployments', deployment, 'image updated');
}
