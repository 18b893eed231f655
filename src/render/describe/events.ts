// DescribeEvents: the Events table at the end of most describe pages.
import type { Event } from '../../../backends/contract/types.js';
import { parseTime, since } from '../duration.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefixWriter.js';

export function describeEvents(events: Event[], w: PrefixWriter, now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // SortableEvents: by lastTimestamp ascending; a missing one is Go's zero time, so first.
  const last = (e: Event) => parseTime(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = parseTime(e.eventTime) !== undefined ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
