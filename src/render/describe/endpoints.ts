// kubectl describe endpoints / endpointslice (describeEndpoints, describeEndpointSliceV1).
import type { EndpointSlice, Endpoints } from '../../../backends/contract/types.js';
import type { DescribeInput } from './describeInput.js';
import { describeEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './metadataLines.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from './prefixWriter.js';

export function describeEndpoints(input: DescribeInput<Endpoints>): string {
  const ep = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const ss of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if (ss.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of ss.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (input.events) describeEvents(input.events, w, input.now);
  });
}

export function describeEndpointSlice(input: DescribeInput<EndpointSlice>): string {
  const eps = input.object;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata?.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
    if (!eps.ports?.length) {
      w.write(LEVEL_0, 'Ports: <unset>\n');
    } else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of eps.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
    }
    if (!eps.endpoints?.length) {
      w.write(LEVEL_0, 'Endpoints: <none>\n');
    } else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of eps.endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        w.write(LEVEL_3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
      }
    }
    if (input.events) describeEvents(input.events, w, input.now);
  });
}
