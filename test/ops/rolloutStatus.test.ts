import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { createDeployment } from '../helpers/deploymentFixtures.js';
import { advance, settle } from '../helpers/waitFor.js';
import { deploymentRolloutStatus, rolloutStatus, watchRolloutStatus } from '../../src/ops/rolloutStatus.js';
import { formatError } from '../../src/ops/errors.js';
import type { Deployment, KubeObject } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';

// kubernetes-behaviour.md §2.4: the message algorithm on given states, and the list+watch loop
// on states written by hand (the controller-driven rollout is in rolloutLifecycle.test.ts).
function dep(status: Deployment['status'], generation = 2, replicas = 3): Deployment {
  return { metadata: { name: 'web', generation }, spec: { replicas, selector: {}, template: {} }, status };
}

describe('deploymentRolloutStatus', () => {
  it('follows the kubectl algorithm line by line', () => {
    expect(deploymentRolloutStatus(dep({ observedGeneration: 1 }))).toEqual({ done: false, message: 'Waiting for deployment spec update to be observed...' });
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 })).message)
      .toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 })).message)
      .toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message)
      .toBe('Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...');
    expect(deploymentRolloutStatus(dep({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 })))
      .toEqual({ done: true, message: 'deployment "web" successfully rolled out' });
  });

  it('reports an exceeded progress deadline as kubectl\'s error', () => {
    const s = deploymentRolloutStatus(dep({
      observedGeneration: 2, replicas: 3, updatedReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    }));
    expect(s).toEqual({ done: false, failed: true, message: 'error: deployment "web" exceeded its progress deadline' });
  });

  it('reads a missing spec.replicas as the default 1', () => {
    const d = dep({ observedGeneration: 2, replicas: 0, updatedReplicas: 0 });
    delete d.spec!.replicas;
    expect(deploymentRolloutStatus(d).message).toBe('Waiting for deployment "web" rollout to finish: 0 out of 1 new replicas have been updated...');
  });
});

function writeStatus(sim: Simulator, status: Deployment['status']): void {
  const d = sim.api.get('deployments', 'default', 'web');
  sim.api.update('deployments', { ...structuredClone(d), status } as KubeObject, { subresource: 'status' });
}

describe('watchRolloutStatus', () => {
  it('prints a line for every state the watch delivers until the rollout is done', async () => {
    const sim = newSim([]);
    createDeployment(sim.api, 'web', 'nginx:1.2');
    await advance(sim, 10);
    expect(await rolloutStatus(sim.backend, 'default', 'web')).toEqual({ done: false, message: 'Waiting for deployment spec update to be observed...' });
    const lines: string[] = [];
    const done = watchRolloutStatus(sim.backend, 'default', 'web', (l) => lines.push(l));
    await advance(sim, 10);
    writeStatus(sim, { observedGeneration: 1, replicas: 1, updatedReplicas: 1 });
    await advance(sim, 10);
    writeStatus(sim, { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1 });
    await advance(sim, 10);
    writeStatus(sim, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    await settle(sim, done);
    expect(lines).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      // an event that leaves the line unchanged prints it again, as kubectl does
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'deployment "web" successfully rolled out',
    ]);
  });

  it('fails when the deployment is deleted, times out, or passes its deadline', async () => {
    const sim = newSim([]);
    createDeployment(sim.api, 'web', 'nginx:1.2');
    const deleted = watchRolloutStatus(sim.backend, 'default', 'web', () => {});
    deleted.catch(() => {});
    await advance(sim, 10);
    sim.api.delete('deployments', 'default', 'web');
    await expect(settle(sim, deleted)).rejects.toThrow('object has been deleted');

    createDeployment(sim.api, 'web', 'nginx:1.2');
    const timer = (ms: number, fn: () => void) => { const t = sim.clock.setTimer(ms, fn); return () => sim.clock.clearTimer(t); };
    const timedOut = watchRolloutStatus(sim.backend, 'default', 'web', () => {}, { timeoutMs: 5000, setTimer: timer });
    const start = sim.clock.now();
    await expect(settle(sim, timedOut)).rejects.toThrow('timed out waiting for the condition');
    expect(sim.clock.now() - start).toBeGreaterThanOrEqual(5000);

    const deadline = watchRolloutStatus(sim.backend, 'default', 'web', () => {});
    deadline.catch(() => {});
    await advance(sim, 10);
    writeStatus(sim, { observedGeneration: 1, replicas: 1, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    const err = await settle(sim, deadline).catch((e: unknown) => e);
    expect(formatError(err)).toBe('error: deployment "web" exceeded its progress deadline');
  });

  it('reports a missing deployment as the server does', async () => {
    const sim = newSim([]);
    const err = await watchRolloutStatus(sim.backend, 'default', 'nope', () => {}).catch((e: unknown) => e);
    expect(formatError(err)).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
