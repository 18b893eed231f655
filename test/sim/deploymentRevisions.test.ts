import { describe, expect, it } from 'vitest';
import {
  CHANGE_CAUSE_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
} from '../../backends/contract/deploymentUtil.js';
import {
  IMAGE_1, IMAGE_2, annotate, controlPlane, createDeployment, deploymentRevision, getDeployment, podsOf,
  recordDeploymentEvents, replicaSetWithImage, replicaSetsOf, revisions, rolloutUndo, scalingMessages, setImage,
  waitComplete,
} from './deploymentKit.js';

const IMAGE_3 = 'spring2go/spring-petclinic:1.0.2.RELEASE';

describe('revisions', () => {
  it('numbers rollouts 1, 2; undo gives 2, 3; undo --to-revision=2 gives 3, 4 (the tutorial lesson)', () => {
    const sim = controlPlane();
    createDeployment(sim, 'petclinic', { replicas: 3, minReadySeconds: 10 });
    waitComplete(sim, 'petclinic');
    setImage(sim, 'petclinic', IMAGE_2);
    waitComplete(sim, 'petclinic');
    expect(revisions(sim, 'petclinic')).toEqual({ 1: IMAGE_1, 2: IMAGE_2 });
    expect(deploymentRevision(sim, 'petclinic')).toBe('2');

    const rsA = replicaSetWithImage(sim, 'petclinic', IMAGE_1).metadata!.name!;
    const rsB = replicaSetWithImage(sim, 'petclinic', IMAGE_2).metadata!.name!;
    const events = recordDeploymentEvents(sim, 'petclinic');

    rolloutUndo(sim, 'petclinic');
    waitComplete(sim, 'petclinic');
    // The old ReplicaSet is the new one again: no third set, revision 1 moved to 3.
    expect(replicaSetsOf(sim, 'petclinic').map((r) => r.metadata!.name)).toEqual([rsA, rsB]);
    expect(revisions(sim, 'petclinic')).toEqual({ 2: IMAGE_2, 3: IMAGE_1 });
    expect(replicaSetWithImage(sim, 'petclinic', IMAGE_1).metadata!.annotations![REVISION_HISTORY_ANNOTATION]).toBe('1');
    expect(deploymentRevision(sim, 'petclinic')).toBe('3');
    expect(podsOf(sim, 'petclinic').every((p) => p.spec!.containers[0].image === IMAGE_1)).toBe(true);
    expect(scalingMessages(events)[0]).toBe(`Scaled up replica set ${rsA} from 0 to 1`);

    rolloutUndo(sim, 'petclinic', 2);
    waitComplete(sim, 'petclinic');
    expect(revisions(sim, 'petclinic')).toEqual({ 3: IMAGE_1, 4: IMAGE_2 });
    const b = replicaSetWithImage(sim, 'petclinic', IMAGE_2);
    expect(b.metadata!.name).toBe(rsB);
    expect(b.metadata!.annotations![REVISION_HISTORY_ANNOTATION]).toBe('2');
    expect(deploymentRevision(sim, 'petclinic')).toBe('4');

    // Back to the first image once more: its history grows to "1,3".
    rolloutUndo(sim, 'petclinic');
    waitComplete(sim, 'petclinic');
    expect(revisions(sim, 'petclinic')).toEqual({ 4: IMAGE_2, 5: IMAGE_1 });
    expect(replicaSetWithImage(sim, 'petclinic', IMAGE_1).metadata!.annotations![REVISION_HISTORY_ANNOTATION]).toBe('1,3');
  });

  it('copies the Deployment annotations onto the current ReplicaSet, change-cause included, but never the revision ones', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2, annotations: { [CHANGE_CAUSE_ANNOTATION]: 'kubectl apply --filename=web.yml', team: 'blue' } });
    waitComplete(sim, 'web');
    const first = replicaSetWithImage(sim, 'web', IMAGE_1);
    expect(first.metadata!.annotations).toEqual({
      [CHANGE_CAUSE_ANNOTATION]: 'kubectl apply --filename=web.yml', team: 'blue',
      [REVISION_ANNOTATION]: '1',
      'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3',
    });

    setImage(sim, 'web', IMAGE_2);
    annotate(sim, 'web', { [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image deployment/web app=1.0.1' });
    waitComplete(sim, 'web');
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.annotations![CHANGE_CAUSE_ANNOTATION]).toBe('kubectl set image deployment/web app=1.0.1');
    expect(replicaSetWithImage(sim, 'web', IMAGE_1).metadata!.annotations![CHANGE_CAUSE_ANNOTATION]).toBe('kubectl apply --filename=web.yml');

    // `kubectl annotate` after the rollout changes the CURRENT ReplicaSet's cause at once.
    annotate(sim, 'web', { [CHANGE_CAUSE_ANNOTATION]: 'image bumped for CVE-2024-1234' });
    sim.virtualClock.advance(100);
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.annotations![CHANGE_CAUSE_ANNOTATION]).toBe('image bumped for CVE-2024-1234');
    expect(replicaSetWithImage(sim, 'web', IMAGE_1).metadata!.annotations![CHANGE_CAUSE_ANNOTATION]).toBe('kubectl apply --filename=web.yml');
    expect(replicaSetWithImage(sim, 'web', IMAGE_2).metadata!.annotations![REVISION_ANNOTATION]).toBe('2');

    // An undo brings the old set's cause back onto the Deployment (kubectl copies it).
    rolloutUndo(sim, 'web');
    waitComplete(sim, 'web');
    expect(getDeployment(sim, 'web').metadata!.annotations![CHANGE_CAUSE_ANNOTATION]).toBe('kubectl apply --filename=web.yml');
    expect(replicaSetWithImage(sim, 'web', IMAGE_1).metadata!.annotations![REVISION_ANNOTATION]).toBe('3');
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the lowest revisions', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 2, revisionHistoryLimit: 2 });
    waitComplete(sim, 'web');
    const images = [IMAGE_2, IMAGE_3, 'spring2go/spring-petclinic:1.0.3.RELEASE', 'spring2go/spring-petclinic:1.0.4.RELEASE'];
    for (const image of images) {
      setImage(sim, 'web', image);
      waitComplete(sim, 'web');
    }
    sim.virtualClock.advance(1000);
    expect(Object.keys(revisions(sim, 'web')).map(Number)).toEqual([3, 4, 5]);
    expect(revisions(sim, 'web')[5]).toBe(images[3]);
    // The deleted sets' revisions are gone for good: undo now lands on 4.
    rolloutUndo(sim, 'web');
    waitComplete(sim, 'web');
    expect(Object.keys(revisions(sim, 'web')).map(Number)).toEqual([3, 5, 6]);
  });

  it('keeps no old ReplicaSet with revisionHistoryLimit 0', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 1, revisionHistoryLimit: 0 });
    waitComplete(sim, 'web');
    setImage(sim, 'web', IMAGE_2);
    waitComplete(sim, 'web');
    sim.virtualClock.advance(1000);
    expect(revisions(sim, 'web')).toEqual({ 2: IMAGE_2 });
  });

  it('keeps 10 old ReplicaSets by default', () => {
    const sim = controlPlane();
    createDeployment(sim, 'web', { replicas: 1 });
    waitComplete(sim, 'web');
    for (let i = 1; i <= 12; i++) {
      setImage(sim, 'web', `nginx:1.${i}`);
      waitComplete(sim, 'web');
    }
    sim.virtualClock.advance(1000);
    expect(Object.keys(revisions(sim, 'web')).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
});
