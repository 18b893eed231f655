import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { createDeployment, createOwnedReplicaSet, setDeploymentRevision } from '../helpers/deploymentFixtures.js';
import { rolloutUndo } from '../../src/ops/rolloutUndo.js';
import { formatError } from '../../src/ops/errors.js';
import type { Deployment } from '../../backends/contract/types.js';

// Client-side rollback alone (kubernetes-behaviour.md §2.2), on objects a deployment controller
// would have written; the controller's renumbering is covered in rolloutLifecycle.test.ts.
function twoRevisions(opts: { paused?: boolean } = {}) {
  const sim = newSim([]);
  const d = createDeployment(sim.api, 'web', 'nginx:1.2', {
    paused: opts.paused,
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}', 'team': 'blue' },
  });
  createOwnedReplicaSet(sim.api, d, '5d59d67564', 'nginx:1.1', 1, { annotations: { 'kubernetes.io/change-cause': 'first', 'deployment.kubernetes.io/desired-replicas': '3' } });
  createOwnedReplicaSet(sim.api, d, '7c5ddbdf54', 'nginx:1.2', 2, { replicas: 3 });
  setDeploymentRevision(sim.api, 'web', 2);
  return { sim, b: sim.backend };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return formatError(e); }
  throw new Error('expected a failure');
}

describe('rolloutUndo', () => {
  it('restores the second-highest revision with one JSON patch of template and annotations', async () => {
    const { sim, b } = twoRevisions();
    const res = await rolloutUndo(b, 'default', 'web');
    expect(res).toEqual({ message: 'deployment.apps/web rolled back', fromRevision: 2, toRevision: 1 });
    const d = sim.api.get('deployments', 'default', 'web') as Deployment;
    expect(d.spec!.template!.spec!.containers[0].image).toBe('nginx:1.1');
    // pod-template-hash is removed before the template goes back onto the Deployment
    expect(d.spec!.template!.metadata!.labels).toEqual({ app: 'web' });
    // the skip-list keys keep the Deployment's values; every other annotation comes from the ReplicaSet
    expect(d.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Deployment"}',
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'first',
    });
  });

  it('restores an explicit --to-revision', async () => {
    const { sim, b } = twoRevisions();
    const d0 = sim.api.get('deployments', 'default', 'web') as Deployment;
    createOwnedReplicaSet(sim.api, d0, '66b6c48dd5', 'nginx:1.0', 3);
    setDeploymentRevision(sim.api, 'web', 3);
    sim.api.patch('deployments', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.0' }]);
    const res = await rolloutUndo(b, 'default', 'web', 2);
    expect(res).toEqual({ message: 'deployment.apps/web rolled back', fromRevision: 3, toRevision: 2 });
    expect((sim.api.get('deployments', 'default', 'web') as Deployment).spec!.template!.spec!.containers[0].image).toBe('nginx:1.2');
  });

  it('refuses an unknown or negative revision', async () => {
    const { b } = twoRevisions();
    expect(await failure(rolloutUndo(b, 'default', 'web', 7))).toBe('error: unable to find specified revision 7 in history');
    expect(await failure(rolloutUndo(b, 'default', 'web', -1))).toBe('error: unable to find specified revision -1 in history');
  });

  it('has nothing to go back to with a single revision', async () => {
    const sim = newSim([]);
    const d = createDeployment(sim.api, 'web', 'nginx:1.2');
    createOwnedReplicaSet(sim.api, d, '7c5ddbdf54', 'nginx:1.2', 1, { replicas: 3 });
    expect(await failure(rolloutUndo(sim.backend, 'default', 'web'))).toBe('error: no rollout history found for deployment "web"');
  });

  it('ignores ReplicaSets the Deployment does not control', async () => {
    const sim = newSim([]);
    const d = createDeployment(sim.api, 'web', 'nginx:1.2');
    createOwnedReplicaSet(sim.api, d, '7c5ddbdf54', 'nginx:1.2', 1, { replicas: 3 });
    const stranger = createDeployment(sim.api, 'other', 'x');
    const foreign = createOwnedReplicaSet(sim.api, stranger, '5d59d67564', 'nginx:1.1', 5);
    sim.api.patch('replicasets', 'default', foreign.metadata!.name!, 'merge', { metadata: { labels: { app: 'web' } } });
    expect(await failure(rolloutUndo(sim.backend, 'default', 'web'))).toBe('error: no rollout history found for deployment "web"');
  });

  it('skips a rollback to the template already running and changes nothing', async () => {
    const { sim, b } = twoRevisions();
    const before = sim.api.get('deployments', 'default', 'web');
    const res = await rolloutUndo(b, 'default', 'web', 2);
    expect(res.message).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)');
    expect(sim.api.get('deployments', 'default', 'web').metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
  });

  it('refuses a paused deployment and changes nothing', async () => {
    const { sim, b } = twoRevisions({ paused: true });
    const before = sim.api.get('deployments', 'default', 'web');
    expect(await failure(rolloutUndo(b, 'default', 'web'))).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
    expect(sim.api.get('deployments', 'default', 'web').metadata!.resourceVersion).toBe(before.metadata!.resourceVersion);
  });

  it('reports a missing deployment as the server does', async () => {
    const { b } = twoRevisions();
    expect(await failure(rolloutUndo(b, 'default', 'nope'))).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
