import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { createDeployment, createOwnedReplicaSet, setDeploymentRevision } from '../helpers/deploymentFixtures.js';
import { rolloutHistory, rolloutHistoryText } from '../../src/ops/rolloutHistory.js';
import { formatError } from '../../src/ops/errors.js';

// kubectl rollout history (§2.1, §2.3) over ReplicaSets a deployment controller would have written.
function twoRevisions() {
  const sim = newSim([]);
  const d = createDeployment(sim.api, 'web', 'nginx:1.2');
  createOwnedReplicaSet(sim.api, d, '7c5ddbdf54', 'nginx:1.2', 2, { replicas: 3 });
  createOwnedReplicaSet(sim.api, d, '5d59d67564', 'nginx:1.1', 1, { annotations: { 'kubernetes.io/change-cause': 'kubectl apply --filename=web.yaml' } });
  setDeploymentRevision(sim.api, 'web', 2);
  return sim;
}

describe('rolloutHistory', () => {
  it('lists one entry per revision, oldest first, marking the current one', async () => {
    const sim = twoRevisions();
    sim.api.update('replicasets', { ...structuredClone(sim.api.get('replicasets', 'default', 'web-7c5ddbdf54')), status: { replicas: 3 } }, { subresource: 'status' });
    const entries = await rolloutHistory(sim.backend, 'default', 'web');
    expect(entries.map(({ template, createdAt, ...rest }) => rest)).toEqual([
      { revision: 1, changeCause: 'kubectl apply --filename=web.yaml', replicaSet: 'web-5d59d67564', images: ['nginx:1.1'], pods: 0, current: false },
      { revision: 2, changeCause: '', replicaSet: 'web-7c5ddbdf54', images: ['nginx:1.2'], pods: 3, current: true },
    ]);
    expect(entries[0].createdAt).toBe('2026-01-01T10:00:00Z');
    expect(entries[0].template.metadata!.labels).toEqual({ app: 'web', 'pod-template-hash': '5d59d67564' });
  });

  it('skips an unparsable revision and counts a missing one as 0, as kubectl does', async () => {
    const sim = twoRevisions();
    const d = sim.api.get('deployments', 'default', 'web');
    createOwnedReplicaSet(sim.api, d, '66b6c48dd5', 'nginx:1.0', 'x');
    const bare = createOwnedReplicaSet(sim.api, d, '8499f9bc7c', 'nginx:0.9', 0);
    sim.api.patch('replicasets', 'default', bare.metadata!.name!, 'merge', { metadata: { annotations: { 'deployment.kubernetes.io/revision': null } } });
    expect((await rolloutHistory(sim.backend, 'default', 'web')).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('prints kubectl\'s table, with the trailing space and the final blank line', async () => {
    const sim = twoRevisions();
    expect(await rolloutHistoryText(sim.backend, 'default', 'web')).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         kubectl apply --filename=web.yaml\n2         <none>\n\n',
    );
    const empty = newSim([]);
    createDeployment(empty.api, 'web', 'nginx:1.2');
    expect(await rolloutHistoryText(empty.backend, 'default', 'web')).toBe('deployment.apps/web \nNo rollout history found.\n');
  });

  it('prints one revision\'s template with --revision', async () => {
    const sim = twoRevisions();
    const text = await rolloutHistoryText(sim.backend, 'default', 'web', 1);
    expect(text.startsWith('deployment.apps/web with revision #1\nPod Template:\n')).toBe(true);
    expect(text).toContain('\tpod-template-hash=5d59d67564\n');
    expect(text).toContain('kubernetes.io/change-cause: kubectl apply --filename=web.yaml');
    expect(text).toContain('    Image:\tnginx:1.1\n');
    expect(await rolloutHistoryText(sim.backend, 'default', 'web', 9).catch(formatError)).toBe('error: unable to find the specified revision');
    expect(await rolloutHistoryText(sim.backend, 'default', 'web', -1).catch(formatError)).toBe('error: revision must be a positive integer: -1');
    expect(await rolloutHistoryText(sim.backend, 'default', 'nope').catch(formatError)).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });
});
