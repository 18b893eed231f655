// A demo scenario: a lesson of the tutorial as steps a presenter plays one at a time, each with
// its narration, the kubectl command a person would type, and one action on the cluster.
import type { PatchType, PropagationPolicy } from '../../backends/contract/backend.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { ManifestSource } from '../ops/manifests.js';

/** Which Services get a steady stream of requests, and how many a second. */
export interface TrafficTarget {
  /** A Service (`name` or `namespace/name`), or a request target such as `localhost:31080`. */
  service: string;
  ratePerSecond: number;
}

/** One object (`name`) or every object matching a label selector (`selector`) of a resource. */
export interface ObjectRef {
  resource: ResourceName;
  namespace: string;
  name?: string;
  selector?: string;
}

export type FaultType = 'killContainer' | 'crashLoop' | 'heal' | 'failNode' | 'recoverNode';

export type WaitCondition =
  | { kind: 'rolledOut'; namespace: string; deployment: string }
  | { kind: 'podsReady'; namespace: string; selector: string; count: number }
  | { kind: 'endpoints'; namespace: string; service: string; count: number }
  | { kind: 'gone'; target: ObjectRef }
  | { kind: 'exists'; target: ObjectRef }
  | { kind: 'seconds'; seconds: number };

export interface TimedWait {
  condition: WaitCondition;
  /** Simulated seconds before the wait gives up. */
  timeoutSeconds: number;
}

export type ScenarioAction =
  | { kind: 'apply'; namespace: string; sources: ManifestSource[] }
  | { kind: 'delete'; target: ObjectRef; propagationPolicy?: PropagationPolicy; gracePeriodSeconds?: number }
  | { kind: 'patch'; target: ObjectRef & { name: string }; type: PatchType; patch: Record<string, unknown> | Array<Record<string, unknown>> }
  | { kind: 'scale'; target: ObjectRef & { resource: 'deployments' | 'replicasets'; name: string }; replicas: number }
  | { kind: 'setImage'; namespace: string; deployment: string; container: string; image: string; changeCause?: string }
  | { kind: 'undo'; namespace: string; deployment: string; toRevision: number }
  | { kind: 'fault'; fault: FaultType; pod?: ObjectRef; container?: string; node?: string }
  | { kind: 'editConfigMap'; namespace: string; name: string; data: Record<string, string> }
  | { kind: 'restartPod'; pod: ObjectRef }
  | { kind: 'wait'; wait: TimedWait };

export const ACTION_NAMES = ['apply', 'delete', 'patch', 'scale', 'setImage', 'undo', 'fault', 'editConfigMap', 'restartPod', 'wait'] as const;
export type ActionName = typeof ACTION_NAMES[number];

export interface ScenarioStep {
  title: string;
  narration: string;
  kubectl: string;
  action: ScenarioAction;
  /** A condition the step waits for after its action (the step is done when it holds). */
  until?: TimedWait;
}

export interface Scenario {
  name: string;
  title: string;
  description: string;
  /** Where the scenario was read from (named in every error). */
  source: string;
  namespace: string;
  traffic: TrafficTarget[];
  steps: ScenarioStep[];
}
