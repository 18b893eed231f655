import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { createDeployment, createOwnedReplicaSet } from '../helpers/deploymentFixtures.js';
import { scale } from '../../src/ops/scale.js';
import { restart, rolloutPause, rolloutResume } from '../../src/ops/rolloutControl.js';
import { formatError, KubectlError } from '../../src/ops/errors.js';
import { forbidden, invalid, notFound, StatusError } from '../../backends/contract/errors.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { Deployment, ReplicaSet } from '../../backends/contract/types.js';

// One-line kubectl outputs (§10.8, §2.5) and error rendering (§10.9, §16 item 10).
async function failure(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { return formatError(e); }
  throw new Error('expected a failure');
}

describe('scale', () => {
  it('patches spec.replicas and prints the NamePrinter line', async () => {
    const sim = newSim([]);
    const d = createDeployment(sim.api, 'web', 'nginx:1.2');
    createOwnedReplicaSet(sim.api, d, '7c5ddbdf54', 'nginx:1.2', 1, { replicas: 3 });
    expect(await scale(sim.backend, 'deployments', 'default', 'web', 5)).toBe('deployment.apps/web scaled');
    expect((sim.api.get('deployments', 'default', 'web') as Deployment).spec!.replicas).toBe(5);
    expect(await scale(sim.backend, 'replicasets', 'default', 'web-7c5ddbdf54', 0)).toBe('replicaset.apps/web-7c5ddbdf54 scaled');
    expect((sim.api.get('replicasets', 'default', 'web-7c5ddbdf54') as ReplicaSet).spec!.replicas).toBe(0);
  });

  it('refuses a negative count before calling the server, and reports a missing object', async () => {
    const sim = newSim([]);
    expect(await failure(scale(sim.backend, 'deployments', 'default', 'web', -1)))
      .toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    expect(await failure(scale(sim.backend, 'deployments', 'default', 'web', 2)))
      .toBe('Error from server (NotFound): deployments.apps "web" not found');
  });
});

describe('restart, pause, resume', () => {
  it('restart stamps the template with restartedAt (RFC 3339 of the given now)', async () => {
    const sim = newSim([]);
    createDeployment(sim.api, 'web', 'nginx:1.2');
    const now = Date.UTC(2026, 0, 1, 10, 4, 5, 678);
    expect(await restart(sim.backend, 'default', 'web', now)).toBe('deployment.apps/web restarted');
    const d = sim.api.get('deployments', 'default', 'web') as Deployment;
    expect(d.spec!.template!.metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T10:04:05Z' });
    expect(d.spec!.template!.metadata!.labels).toEqual({ app: 'web' });
    expect(d.metadata!.generation).toBe(2);
  });

  it('pause and resume print kubectl\'s words, including "already"', async () => {
    const sim = newSim([]);
    createDeployment(sim.api, 'web', 'nginx:1.2');
    expect(await rolloutPause(sim.backend, 'default', 'web')).toBe('deployment.apps/web paused');
    expect((sim.api.get('deployments', 'default', 'web') as Deployment).spec!.paused).toBe(true);
    expect(await rolloutPause(sim.backend, 'default', 'web')).toBe('deployment.apps/web already paused');
    expect(await failure(restart(sim.backend, 'default', 'web'))).toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)');
    expect(await rolloutResume(sim.backend, 'default', 'web')).toBe('deployment.apps/web resumed');
    expect(await rolloutResume(sim.backend, 'default', 'web')).toBe('deployment.apps/web already resumed');
    expect((sim.api.get('deployments', 'default', 'web') as Deployment).spec!.paused).toBe(false);
  });
});

describe('formatError', () => {
  it('prints Status errors as kubectl does', () => {
    expect(formatError(notFound(RESOURCES.deployments, 'web'))).toBe('Error from server (NotFound): deployments.apps "web" not found');
    expect(formatError(forbidden(RESOURCES.namespaces, 'default', 'this namespace may not be deleted')))
      .toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    expect(formatError(new StatusError({ status: 'Failure', message: 'boom' }))).toBe('Error from server: boom');
  });

  it('prints Invalid with one cause on one line, several as a list', () => {
    expect(formatError(invalid('Deployment', 'apps', 'web', [
      { type: 'FieldValueInvalid', field: 'spec.replicas', detail: 'Invalid value: -1: must be greater than or equal to 0' },
    ]))).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(formatError(invalid('ReplicaSet', 'apps', 'petclinic', [
      { type: 'FieldValueRequired', field: 'spec.selector', detail: 'Required value' },
      { type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', detail: 'Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`' },
    ]))).toBe([
      'The ReplicaSet "petclinic" is invalid: ',
      '* spec.selector: Required value',
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`',
    ].join('\n'));
  });

  it('prefixes client-side errors with error:', () => {
    expect(formatError(new KubectlError('unable to find the specified revision'))).toBe('error: unable to find the specified revision');
    expect(formatError(new Error('error: already prefixed'))).toBe('error: already prefixed');
  });
});
