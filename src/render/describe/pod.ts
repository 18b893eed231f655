// kubectl describe pod (describe.go describePod).
import type { Pod } from '../../../backends/contract/types.js';
import { rfc1123z, since } from '../duration.js';
import { describeContainers, describeResources, podEnvResolver } from './containers.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './metadataLines.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from './prefixWriter.js';
import { podQOS } from './qos.js';
import { describeTopologySpreadConstraints } from './topology.js';
import { describeVolumes } from './volumes.js';

/** printController: `Kind/name` of the controlling owner, or empty. */
export function controllerOf(obj: { metadata?: { ownerReferences?: { controller?: boolean; kind: string; name: string }[] } }): string {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function describePodIPs(pod: Pod, w: PrefixWriter): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) { w.write(LEVEL_0, 'IPs:\t<none>\n'); return; }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

export function describePod(input: DescribeInput<Pod>): string {
  const pod = input.object, spec = pod.spec, status = pod.status, meta = pod.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta?.namespace ?? ''}\n`);
    if (spec?.priority != null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec?.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec?.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec?.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    w.write(LEVEL_0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status?.hostIP ?? ''}\n` : 'Node:\t<none>\n');
    if (status?.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta?.labels);
    printAnnotationsMultiline(w, 'Annotations', meta?.annotations);
    if (meta?.deletionTimestamp && status?.phase !== 'Failed' && status?.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(meta.deletionTimestamp, input.now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status?.phase ?? ''}\n`);
    }
    if (status?.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status?.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec?.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status?.podIP ?? ''}\n`);
    describePodIPs(pod, w);
    const controlledBy = controllerOf(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status?.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec?.resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    const resolve = podEnvResolver(pod);
    if (spec?.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status?.initContainerStatuses ?? [], resolve, w, '');
    describeContainers('Containers', spec?.containers, status?.containerStatuses ?? [], resolve, w, '');
    if (spec?.ephemeralContainers?.length) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers, status?.ephemeralContainerStatuses ?? [], resolve, w, '');
    }
    if (spec?.readinessGates?.length) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = status?.conditions?.find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec?.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec?.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec?.tolerations);
    describeTopologySpreadConstraints(spec?.topologySpreadConstraints, w, '');
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
