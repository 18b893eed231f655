// A scenario's `wait` / `until`: checks a condition through the Backend every few hundred
// milliseconds of the cluster's clock until it holds, the timeout passes, or the step is abandoned.
import type { Backend } from '../../backends/contract/backend.js';
import { isPodReady, isTerminating } from '../../backends/contract/podUtil.js';
import type { Endpoints } from '../../backends/contract/types.js';
import type { Clock } from '../../backends/sim/clock.js';
import { deploymentRolloutStatus } from '../ops/rolloutStatus.js';
import type { TimedWait, WaitCondition } from './scenarioTypes.js';
import { listTargets } from './targets.js';

const POLL_MS = 250;

export class StepCancelled extends Error {
  constructor() { super('the step was abandoned'); this.name = 'StepCancelled'; }
}

async function readyEndpoints(b: Backend, ns: string, service: string): Promise<number> {
  try {
    const ep = await b.get('endpoints', ns, service) as Endpoints;
    return (ep.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  } catch {
    return 0;
  }
}

/** Whether the condition holds now; `startedAt` dates a `seconds` wait. */
export async function conditionHolds(b: Backend, c: WaitCondition, elapsedMs: number): Promise<boolean> {
  switch (c.kind) {
    case 'seconds': return elapsedMs >= c.seconds * 1000;
    case 'rolledOut': {
      try { return deploymentRolloutStatus(await b.get('deployments', c.namespace, c.deployment)).done; } catch { return false; }
    }
    case 'podsReady': {
      const pods = (await b.list('pods', { namespace: c.namespace, labelSelector: c.selector })).items;
      return pods.filter((p) => isPodReady(p) && !isTerminating(p)).length === c.count && pods.every((p) => !isTerminating(p));
    }
    case 'endpoints': return (await readyEndpoints(b, c.namespace, c.service)) === c.count;
    case 'gone': return (await listTargets(b, c.target)).length === 0;
    case 'exists': return (await listTargets(b, c.target)).some((o) => !o.metadata?.deletionTimestamp);
  }
}

export function describeCondition(c: WaitCondition): string {
  switch (c.kind) {
    case 'seconds': return `${c.seconds}s`;
    case 'rolledOut': return `deployment "${c.deployment}" to roll out`;
    case 'podsReady': return `${c.count} ready pods ${c.selector} (and none terminating)`;
    case 'endpoints': return `${c.count} ready endpoints of service "${c.service}"`;
    case 'gone': return `${c.target.resource} ${c.target.name ?? c.target.selector ?? ''} to be gone`;
    case 'exists': return `${c.target.resource} ${c.target.name ?? c.target.selector ?? ''} to exist`;
  }
}

/** Resolves when the condition holds; rejects after the timeout or when `signal` aborts. */
export function waitUntil(b: Backend, clock: Clock, w: TimedWait, signal: AbortSignal): Promise<void> {
  const start = clock.now();
  return new Promise((resolve, reject) => {
    signal.addEventListener('abort', () => reject(new StepCancelled()), { once: true });
    const check = () => {
      if (signal.aborted) return reject(new StepCancelled());
      const elapsed = clock.now() - start;
      conditionHolds(b, w.condition, elapsed).then((ok) => {
        if (signal.aborted) return reject(new StepCancelled());
        if (ok) return resolve();
        if (elapsed >= w.timeoutSeconds * 1000) {
          return reject(new Error(`timed out after ${w.timeoutSeconds}s waiting for ${describeCondition(w.condition)}`));
        }
        clock.setTimer(w.condition.kind === 'seconds' ? Math.min(POLL_MS, w.condition.seconds * 1000 - elapsed) : POLL_MS, check);
      }, reject);
    };
    check();
  });
}
