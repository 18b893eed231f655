// `kubectl get events` (printEvent).
import type { Event } from '../../../backends/contract/types.js';
import { parseTime, since } from '../duration.js';
import type { ResourceTable } from '../table.js';

/** formatEventSource: `component[, host]`, falling back to reportingController/Instance. */
export function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

export const eventTable: ResourceTable<Event> = {
  columns: [
    { name: 'LAST SEEN' }, { name: 'TYPE' }, { name: 'REASON' }, { name: 'OBJECT' },
    { name: 'SUBOBJECT', wide: true }, { name: 'SOURCE', wide: true }, { name: 'MESSAGE' },
    { name: 'FIRST SEEN', wide: true }, { name: 'COUNT', wide: true }, { name: 'NAME', wide: true, format: 'name' },
  ],
  row(e, { now }) {
    const first = parseTime(e.firstTimestamp) !== undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now);
    let last = parseTime(e.lastTimestamp) !== undefined ? since(e.lastTimestamp, now) : first;
    let count = e.count ?? 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const kind = (e.involvedObject?.kind ?? '').toLowerCase();
    const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      last, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', eventSource(e),
      (e.message ?? '').trim(), first, String(count), e.metadata?.name ?? '',
    ];
  },
};
