// kubectl describe deployment / replicaset (describeDeployment, describeReplicaSet).
import type { Deployment, ReplicaSet } from '../../../backends/contract/types.js';
import { rfc1123z } from '../duration.js';
import { formatLabelSelector, selectorString } from '../tables/cells.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './metadataLines.js';
import { controllerOf } from './pod.js';
import { describePodTemplate } from './podTemplate.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefixWriter.js';

type Condition = { type: string; status: string; reason?: string };

function describeConditions(conditions: Condition[] | undefined, w: PrefixWriter): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, `<none>` when empty. */
function replicaSetList(list: ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 1} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(input: DescribeInput<Deployment>): string {
  const d = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(d.spec?.selector)}\n`);
    const st = d.status ?? {};
    w.write(LEVEL_0, `Replicas:\t${d.spec?.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total`
      + ` | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${d.spec?.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec?.minReadySeconds ?? 0}\n`);
    const ru = d.spec?.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
    describePodTemplate(d.spec?.template, w);
    describeConditions(st.conditions, w);
    // Both lines are left out while the Deployment has no ReplicaSet at all (describe.go).
    const oldRSs = input.oldReplicaSets ?? [];
    const newRSs = input.newReplicaSet ? [input.newReplicaSet] : [];
    if (oldRSs.length > 0 || newRSs.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newRSs)}\n`);
    }
    if (input.events) describeEvents(input.events, w, input.now);
  });
}

/** getPodStatusForController: the pods this ReplicaSet controls, counted by phase. */
function podPhases(input: DescribeInput<ReplicaSet>): string {
  const uid = input.object.metadata?.uid;
  let running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (const p of input.pods ?? []) {
    const ref = p.metadata?.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    switch (p.status?.phase) {
      case 'Running': running++; break;
      case 'Pending': waiting++; break;
      case 'Succeeded': succeeded++; break;
      case 'Failed': failed++; break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

export function describeReplicaSet(input: DescribeInput<ReplicaSet>): string {
  const rs = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    const controlledBy = controllerOf(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${podPhases(input)}\n`);
    describePodTemplate(rs.spec?.template, w);
    describeConditions(rs.status?.conditions, w);
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
