// Shared fixtures for the deployment controller tests: a control plane with the ReplicaSet
// controller, the garbage collector and a stand-in kubelet; Deployment builders; recorders
// that see every write in order (events, ReplicaSet sizes); and the client-side edits kubectl
// makes (set image, annotate, rollout undo).
import type { JsonPatchOp } from '../../backends/contract/backend.js';
import {
  DEPLOYMENT_ONLY_ANNOTATIONS, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, revisionOf,
} from '../../backends/contract/deploymentUtil.js';
import type { Deployment, Event, KubeObject, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { rfc3339 } from '../../backends/sim/clock.js';
import { admission } from '../../backends/sim/admission/index.js';
import type { Component } from '../../backends/sim/context.js';
import { deploymentController } from '../../backends/sim/controllers/deploymentController.js';
import { garbageCollector } from '../../backends/sim/controllers/garbageCollector.js';
import { replicaSetController } from '../../backends/sim/controllers/replicaSetController.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { instantKubelet, newSim } from '../helpers/sim.js';

export const NS = 'default';
export const IMAGE_1 = 'spring2go/spring-petclinic:1.0.0.RELEASE';
export const IMAGE_2 = 'spring2go/spring-petclinic:1.0.1.RELEASE';
/** An image no node can pull: its pods never become Ready. */
export const BROKEN_IMAGE = 'spring2go/spring-petclinic:no-such-tag';

/**
 * A stand-in kubelet: binds pods to kind-worker and makes them Running and Ready after
 * `readyAfterMs`, except pods of BROKEN_IMAGE, which stay Pending in ErrImagePull; terminating
 * pods are removed after `terminateAfterMs`.
 */
export function standInKubelet(readyAfterMs = 1000, terminateAfterMs = 1000): Component {
  return ({ api, clock }) => {
    const handled = new Set<string>();
    const { resourceVersion } = api.list('pods');
    const onPod = (p: Pod) => {
      const key = p.metadata!.uid!;
      if (p.metadata!.deletionTimestamp) {
        if (handled.has(`${key}/del`)) return;
        handled.add(`${key}/del`);
        clock.setTimer(terminateAfterMs, () => {
          try { api.delete('pods', p.metadata!.namespace, p.metadata!.name!, { gracePeriodSeconds: 0 }); } catch { /* gone */ }
        });
        return;
      }
      if (handled.has(key)) return;
      handled.add(key);
      clock.setTimer(readyAfterMs, () => {
        const cur = api.tryGet('pods', p.metadata!.namespace, p.metadata!.name!) as Pod | undefined;
        if (!cur || cur.metadata!.uid !== key || cur.metadata!.deletionTimestamp) return;
        const now = rfc3339(clock.now());
        const bound = api.update('pods', { ...structuredClone(cur), spec: { ...structuredClone(cur.spec!), nodeName: 'kind-worker' } } as KubeObject) as Pod;
        const broken = (cur.spec?.containers ?? []).some((c) => c.image === BROKEN_IMAGE);
        const ready = broken ? 'False' : 'True';
        api.update('pods', {
          ...structuredClone(bound),
          status: {
            phase: broken ? 'Pending' : 'Running',
            conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
              type, status: type === 'PodScheduled' || type === 'Initialized' ? 'True' : ready, lastTransitionTime: now,
            })),
            containerStatuses: (cur.spec?.containers ?? []).map((c) => ({
              name: c.name, image: c.image!, imageID: '', ready: !broken, started: !broken, restartCount: 0,
              state: broken ? { waiting: { reason: 'ErrImagePull' } } : { running: { startedAt: now } },
            })),
          },
        } as KubeObject, { subresource: 'status' });
      });
    };
    api.watch('pods', { resourceVersion }, {
      onEvent: (e) => { if (e.type === 'ADDED' || e.type === 'MODIFIED') onPod(e.object as Pod); },
      onExpired: () => {}, onError: () => {},
    });
  };
}

/** The controllers under test, optionally behind the defaulting and validating admission chain. */
export function controlPlane(kubelet: Component = instantKubelet(), withAdmission = false): Simulator {
  return newSim([...(withAdmission ? [admission] : []), replicaSetController, deploymentController, garbageCollector, kubelet]);
}

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  strategy?: Record<string, unknown>;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  annotations?: Record<string, string>;
}

export function deploymentManifest(name: string, o: DeploymentOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    replicas: o.replicas ?? 3,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: o.image ?? IMAGE_1 }] } },
  };
  if (o.strategy) spec.strategy = o.strategy;
  if (o.minReadySeconds !== undefined) spec.minReadySeconds = o.minReadySeconds;
  if (o.progressDeadlineSeconds !== undefined) spec.progressDeadlineSeconds = o.progressDeadlineSeconds;
  if (o.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = o.revisionHistoryLimit;
  if (o.paused) spec.paused = true;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: NS, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec,
  };
}

export function createDeployment(sim: Simulator, name: string, o: DeploymentOptions = {}): Deployment {
  return sim.api.create('deployments', deploymentManifest(name, o)) as Deployment;
}

export function getDeployment(sim: Simulator, name: string): Deployment {
  return sim.api.get('deployments', NS, name) as Deployment;
}

/** `kubectl set image deploy/<name> app=<image>`: a strategic merge patch of the container. */
export function setImage(sim: Simulator, name: string, image: string): Deployment {
  return sim.api.patch('deployments', NS, name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } }) as Deployment;
}

export function annotate(sim: Simulator, name: string, annotations: Record<string, string>): Deployment {
  return sim.api.patch('deployments', NS, name, 'merge', { metadata: { annotations } }) as Deployment;
}

/** The Deployment's ReplicaSets (controllerRef uid), oldest first. */
export function replicaSetsOf(sim: Simulator, name: string): ReplicaSet[] {
  const d = sim.api.tryGet('deployments', NS, name) as Deployment | undefined;
  return (sim.api.list('replicasets', { namespace: NS }).items as ReplicaSet[])
    .filter((rs) => !d || rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid))
    .filter((rs) => rs.metadata?.labels?.app === name)
    .sort((a, b) => (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : a.metadata!.creationTimestamp! > b.metadata!.creationTimestamp! ? 1 : 0));
}

export function replicaSetWithImage(sim: Simulator, name: string, image: string): ReplicaSet {
  const rs = replicaSetsOf(sim, name).find((r) => r.spec?.template?.spec?.containers?.[0]?.image === image);
  if (!rs) throw new Error(`no ReplicaSet of ${name} runs ${image}`);
  return rs;
}

/** Revision → image, as `kubectl rollout history` would list it. */
export function revisions(sim: Simulator, name: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const rs of replicaSetsOf(sim, name)) out[revisionOf(rs)] = rs.spec!.template!.spec!.containers[0].image!;
  return out;
}

export function podsOf(sim: Simulator, name: string): Pod[] {
  return (sim.api.list('pods', { namespace: NS, labelSelector: `app=${name}` }).items as Pod[]);
}

export function isComplete(sim: Simulator, name: string): boolean {
  const d = sim.api.tryGet('deployments', NS, name) as Deployment | undefined;
  if (!d) return false;
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) && s.updatedReplicas === want
    && s.replicas === want && s.availableReplicas === want
    && s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable'
    && podsOf(sim, name).length === want;
}

export function waitComplete(sim: Simulator, name: string, maxMs = 600_000): number {
  return sim.virtualClock.advanceUntil(() => isComplete(sim, name), maxMs);
}

export interface Recorded { at: number; reason: string; message: string; type: string }

/**
 * Every Event about the Deployment `name` in the order recorded (not name order), repeats
 * included: a repeat is the same Event object counted up.
 */
export function recordDeploymentEvents(sim: Simulator, name: string): Recorded[] {
  const seen: Recorded[] = [];
  sim.api.onStored((op, resource, obj) => {
    if (resource.name !== 'events' || (op !== 'CREATE' && op !== 'UPDATE')) return;
    const e = obj as Event;
    if (e.involvedObject.kind !== 'Deployment' || e.involvedObject.name !== name) return;
    seen.push({ at: sim.clock.now(), reason: e.reason!, message: e.message!, type: e.type! });
  });
  return seen;
}

export function scalingMessages(events: Recorded[]): string[] {
  return events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
}

/**
 * `kubectl rollout undo [--to-revision=N]` (§2.2): the target set's template without its
 * pod-template-hash, and its annotations except the Deployment-only ones, in one JSON patch.
 */
export function rolloutUndo(sim: Simulator, name: string, toRevision = 0): void {
  const d = getDeployment(sim, name);
  const all = replicaSetsOf(sim, name);
  let target: ReplicaSet | undefined;
  if (toRevision > 0) target = all.find((rs) => revisionOf(rs) === toRevision);
  else target = [...all].sort((a, b) => revisionOf(b) - revisionOf(a))[1];
  if (!target) throw new Error(`unable to find specified revision ${toRevision} in history`);
  const template = structuredClone(target.spec!.template!);
  delete template.metadata!.labels![POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const k of DEPLOYMENT_ONLY_ANNOTATIONS) {
    const v = d.metadata?.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(target.metadata?.annotations ?? {})) if (!DEPLOYMENT_ONLY_ANNOTATIONS.includes(k)) annotations[k] = v;
  const ops: JsonPatchOp[] = [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
  sim.api.patch('deployments', NS, name, 'json', ops);
}

export function deploymentRevision(sim: Simulator, name: string): string | undefined {
  return getDeployment(sim, name).metadata?.annotations?.[REVISION_ANNOTATION];
}
