// `kubectl rollout restart | pause | resume` (kubectl pkg/polymorphichelpers objectrestarter.go,
// objectpauser.go, objectresumer.go): strategic-merge patches of the Deployment.
import type { Backend } from '../../backends/contract/backend.js';
import { KubectlError } from './errors.js';
import { nameLine } from './names.js';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

/** RFC 3339 with seconds, UTC (`2024-05-01T10:00:00Z`), as time.Now().Format(time.RFC3339) gives in UTC. */
function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Adds `kubectl.kubernetes.io/restartedAt: <now>` to the pod template: a new template, so the
 * deployment controller rolls every pod. `now` is the caller's clock (the simulated one on the simulator).
 */
export async function restart(b: Backend, ns: string, name: string, now: number = Date.now()): Promise<string> {
  const d = await b.get('deployments', ns, name);
  // kubectl prefixes the restarter's error with the object: `deployments.apps "web" can't restart ...`.
  if (d.spec?.paused) throw new KubectlError(`deployments.apps "${name}" can't restart paused deployment (run rollout resume first)`);
  await b.patch('deployments', ns, name, 'strategic', {
    spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: rfc3339Seconds(now) } } } },
  });
  return nameLine('deployments', name, 'restarted');
}

async function setPaused(b: Backend, ns: string, name: string, paused: boolean): Promise<string> {
  const d = await b.get('deployments', ns, name);
  const word = paused ? 'paused' : 'resumed';
  if (!!d.spec?.paused === paused) return nameLine('deployments', name, `already ${word}`);
  await b.patch('deployments', ns, name, 'strategic', { spec: { paused } });
  return nameLine('deployments', name, word);
}

/** `kubectl rollout pause`: template changes no longer roll out; scaling still works. */
export function rolloutPause(b: Backend, ns: string, name: string): Promise<string> {
  return setPaused(b, ns, name, true);
}

/** `kubectl rollout resume`. */
export function rolloutResume(b: Backend, ns: string, name: string): Promise<string> {
  return setPaused(b, ns, name, false);
}
