import { expect, it } from 'vitest';
import { CHANGE_CAUSE_ANNOTATION } from '../../backends/contract/deploymentUtil.js';
import type { Deployment } from '../../backends/contract/types.js';
import {
  IMAGE_1, IMAGE_2, annotate, controlPlane, createDeployment, getDeployment, podsOf, recordDeploymentEvents,
  replicaSetWithImage, revisions, rolloutUndo, scalingMessages, setImage, waitComplete,
} from './deploymentKit.js';

// Lesson 5 of the tutorial, behind the admission chain (so every template is the defaulted one,
// as on a real cluster): rolling update with minReadySeconds 10, history, undo, delete.
it('runs the rolling-update lesson on defaulted objects', () => {
  const sim = controlPlane(undefined, true);
  createDeployment(sim, 'petclinic', { replicas: 3, minReadySeconds: 10 });
  waitComplete(sim, 'petclinic');
  const d = getDeployment(sim, 'petclinic');
  // Defaults the controller relied on are now explicit.
  expect(d.spec!.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  expect(d.spec!.template!.spec!.containers[0].imagePullPolicy).toBe('IfNotPresent');
  const rs1 = replicaSetWithImage(sim, 'petclinic', IMAGE_1);
  expect(rs1.spec!.template!.spec!.terminationGracePeriodSeconds).toBe(30);

  const events = recordDeploymentEvents(sim, 'petclinic');
  setImage(sim, 'petclinic', IMAGE_2);
  annotate(sim, 'petclinic', { [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image deployment/petclinic petclinic=1.0.1' });
  const took = waitComplete(sim, 'petclinic');
  expect(took).toBeGreaterThanOrEqual(33_000); // three steps, each ≥ 1 s ready + 10 s minReadySeconds
  const rs2 = replicaSetWithImage(sim, 'petclinic', IMAGE_2).metadata!.name!;
  expect(scalingMessages(events)).toEqual([
    `Scaled up replica set ${rs2} from 0 to 1`,
    `Scaled down replica set ${rs1.metadata!.name} from 3 to 2`,
    `Scaled up replica set ${rs2} from 1 to 2`,
    `Scaled down replica set ${rs1.metadata!.name} from 2 to 1`,
    `Scaled up replica set ${rs2} from 2 to 3`,
    `Scaled down replica set ${rs1.metadata!.name} from 1 to 0`,
  ]);
  expect(revisions(sim, 'petclinic')).toEqual({ 1: IMAGE_1, 2: IMAGE_2 });

  rolloutUndo(sim, 'petclinic');
  waitComplete(sim, 'petclinic');
  expect(revisions(sim, 'petclinic')).toEqual({ 2: IMAGE_2, 3: IMAGE_1 });
  rolloutUndo(sim, 'petclinic', 2);
  waitComplete(sim, 'petclinic');
  expect(revisions(sim, 'petclinic')).toEqual({ 3: IMAGE_1, 4: IMAGE_2 });
  expect(replicaSetWithImage(sim, 'petclinic', IMAGE_2).metadata!.annotations![CHANGE_CAUSE_ANNOTATION])
    .toBe('kubectl set image deployment/petclinic petclinic=1.0.1');
  expect((getDeployment(sim, 'petclinic') as Deployment).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('4');

  sim.api.delete('deployments', 'default', 'petclinic', { propagationPolicy: 'Background' });
  sim.virtualClock.advanceUntil(() => sim.api.list('replicasets', { namespace: 'default' }).items.length === 0, 10_000, 10);
  expect(podsOf(sim, 'petclinic').every((p) => p.metadata!.deletionTimestamp)).toBe(true);
  sim.virtualClock.advanceUntil(() => podsOf(sim, 'petclinic').length === 0, 60_000);
});
