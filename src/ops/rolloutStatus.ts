// `kubectl rollout status` (kubectl pkg/cmd/rollout/rollout_status.go and
// pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer).
import type { Backend, Watch } from '../../backends/contract/backend.js';
import { notFound } from '../../backends/contract/errors.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { Deployment } from '../../backends/contract/types.js';
import { KubectlError } from './errors.js';

export interface RolloutStatus {
  done: boolean;
  /** kubectl's line without its trailing newline. */
  message: string;
  /** The rollout exceeded its progress deadline; `message` is then the `error: ...` line kubectl prints. */
  failed?: boolean;
}

/** DeploymentStatusViewer.Status: the message kubectl prints for one observed state of the Deployment. */
export function deploymentRolloutStatus(d: Deployment): RolloutStatus {
  const name = d.metadata?.name ?? '';
  const st = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...' };
  }
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { done: false, failed: true, message: `error: deployment "${name}" exceeded its progress deadline` };
  }
  const desired = d.spec?.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  const replicas = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const waiting = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < desired) return { done: false, message: `${waiting}${updated} out of ${desired} new replicas have been updated...` };
  if (replicas > updated) return { done: false, message: `${waiting}${replicas - updated} old replicas are pending termination...` };
  if (available < updated) return { done: false, message: `${waiting}${available} of ${updated} updated replicas are available...` };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

/** One look at the rollout (`kubectl rollout status --watch=false`). */
export async function rolloutStatus(b: Backend, ns: string, name: string): Promise<RolloutStatus> {
  return deploymentRolloutStatus(await b.get('deployments', ns, name));
}

export interface WatchRolloutOptions {
  /** Give up after this long (kubectl `--timeout`); 0 or absent waits forever. */
  timeoutMs?: number;
  /** Schedules the timeout; defaults to setTimeout. Pass the simulator clock's timer to run on simulated time. */
  setTimer?: (ms: number, fn: () => void) => () => void;
}

function defaultTimer(ms: number, fn: () => void): () => void {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
}

/**
 * `kubectl rollout status deployment/<name>`: list and watch the one Deployment, calling onMessage
 * with the status line for every state seen (kubectl repeats a line when an event leaves it
 * unchanged), until the rollout is done. Rejects with kubectl's errors: the Deployment was deleted
 * (`object has been deleted`), its progress deadline passed, or the timeout expired.
 */
export async function watchRolloutStatus(
  b: Backend, ns: string, name: string, onMessage: (line: string) => void, opts: WatchRolloutOptions = {},
): Promise<void> {
  // The GET kubectl's resource builder makes first: a missing Deployment is a server NotFound.
  await b.get('deployments', ns, name);
  const fieldSelector = `metadata.name=${name}`;
  return new Promise<void>((resolve, reject) => {
    let watch: Watch | undefined;
    let cancelTimer: (() => void) | undefined;
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      watch?.stop();
      cancelTimer?.();
      if (err) reject(err); else resolve();
    };
    /** Returns true when watching should stop. */
    const observe = (d: Deployment): boolean => {
      const s = deploymentRolloutStatus(d);
      if (s.failed) { finish(new KubectlError(`deployment "${name}" exceeded its progress deadline`)); return true; }
      onMessage(s.message);
      if (s.done) { finish(); return true; }
      return false;
    };
    const start = async (): Promise<void> => {
      let list;
      try {
        list = await b.list('deployments', { namespace: ns, fieldSelector });
      } catch (e) { finish(e instanceof Error ? e : new Error(String(e))); return; }
      if (finished) return;
      const d = list.items[0];
      if (!d) { finish(notFound(RESOURCES.deployments, name)); return; }
      if (observe(d)) return;
      watch = b.watch('deployments', { namespace: ns, fieldSelector, resourceVersion: list.resourceVersion }, {
        onEvent: (e) => {
          if (finished || e.type === 'BOOKMARK') return;
          if (e.type === 'DELETED') { finish(new KubectlError('object has been deleted')); return; }
          observe(e.object);
        },
        onExpired: () => { watch?.stop(); void start(); },
        onError: (err) => finish(err),
      });
    };
    if (opts.timeoutMs && opts.timeoutMs > 0) {
      cancelTimer = (opts.setTimer ?? defaultTimer)(opts.timeoutMs, () => finish(new KubectlError('timed out waiting for the condition')));
    }
    void start();
  });
}
