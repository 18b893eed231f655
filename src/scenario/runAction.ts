// Carries out one scenario action through the Backend contract and the shared kubectl-like
// operations (the same code the dashboard's keys run); faults go to the simulator's fault
// injection. Returns the lines kubectl would print.
import type { Backend } from '../../backends/contract/backend.js';
import type { Clock } from '../../backends/sim/clock.js';
import type { Faults } from '../../backends/sim/context.js';
import { applyManifests } from '../ops/apply.js';
import { deleteObject } from '../ops/deleteObject.js';
import { nameLine } from '../ops/names.js';
import { rolloutUndo } from '../ops/rolloutUndo.js';
import { scale } from '../ops/scale.js';
import type { ScenarioAction } from './scenarioTypes.js';
import { setImage } from './setImage.js';
import { firstTarget, listTargets } from './targets.js';
import { waitUntil } from './waitCondition.js';

export interface ScenarioEnv {
  backend: Backend;
  /** The cluster's clock: waits read it. */
  clock: Clock;
  /** Fault injection, when the backend is the simulator. */
  faults?: Faults;
}

function needFaults(env: ScenarioEnv): Faults {
  if (!env.faults) throw new Error('faults can only be injected into the simulator');
  return env.faults;
}

export async function runAction(env: ScenarioEnv, a: ScenarioAction, signal: AbortSignal): Promise<string[]> {
  const b = env.backend;
  switch (a.kind) {
    case 'apply': return (await applyManifests(b, a.sources, { namespace: a.namespace })).lines;
    case 'delete': {
      const objs = await listTargets(b, a.target);
      if (objs.length === 0) return [`No resources found in ${a.target.namespace} namespace.`];
      const lines: string[] = [];
      for (const o of objs) {
        lines.push(await deleteObject(b, a.target.resource, a.target.namespace, o.metadata!.name!, {
          ...(a.propagationPolicy ? { propagationPolicy: a.propagationPolicy } : {}),
          ...(a.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: a.gracePeriodSeconds } : {}),
        }));
      }
      return lines;
    }
    case 'patch':
      await b.patch(a.target.resource, a.target.namespace, a.target.name, a.type, a.patch as Record<string, unknown>);
      return [nameLine(a.target.resource, a.target.name, 'patched')];
    case 'scale': return [await scale(b, a.target.resource, a.target.namespace, a.target.name, a.replicas)];
    case 'setImage': return [await setImage(b, a.namespace, a.deployment, a.container, a.image, a.changeCause)];
    case 'undo': return [(await rolloutUndo(b, a.namespace, a.deployment, a.toRevision)).message];
    case 'editConfigMap':
      await b.patch('configmaps', a.namespace, a.name, 'merge', { data: a.data });
      return [nameLine('configmaps', a.name, 'edited')];
    case 'restartPod': {
      const pod = await firstTarget(b, a.pod);
      return [await deleteObject(b, 'pods', a.pod.namespace, pod.metadata!.name!)];
    }
    case 'fault': {
      const faults = needFaults(env);
      if (a.fault === 'failNode') { faults.failNode(a.node!); return [`node "${a.node}" failed`]; }
      if (a.fault === 'recoverNode') { faults.recoverNode(a.node!); return [`node "${a.node}" recovered`]; }
      const pod = (await firstTarget(b, a.pod!)).metadata!.name!;
      faults[a.fault](a.pod!.namespace, pod, a.container);
      const what = { killContainer: 'container killed', crashLoop: 'crash-looping', heal: 'healed' }[a.fault];
      return [`pod "${pod}" ${what}`];
    }
    case 'wait':
      await waitUntil(b, env.clock, a.wait, signal);
      return [];
  }
}
