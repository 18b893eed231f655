// Per-pod request rates as bars, one line per pod, under a line naming the Service and its rate:
//   traffic → petclinic (20 req/s)
//     petclinic-v1.0.1  1.0.1.RELEASE  ██████████████████  20.0/s
//     no endpoints      Connection refused  ██████████████  20.0/s failed
import type { ServiceTraffic } from '../../../backends/sim/network/trafficGenerator.js';

export type TrafficLineKind = 'heading' | 'pod' | 'failed';
export interface TrafficLine { kind: TrafficLineKind; text: string }

const BAR = '█';
const EMPTY = '░';

function bar(rate: number, full: number, width: number): string {
  const n = full > 0 ? Math.max(0, Math.min(width, Math.round((rate / full) * width))) : 0;
  return BAR.repeat(n) + EMPTY.repeat(width - n);
}

const perSecond = (r: number) => `${r.toFixed(1)}/s`;

/** The lines for every target, fitted to `width` columns; no more than `maxLines` are made. */
export function trafficLines(stats: ServiceTraffic[], width: number, maxLines = Infinity): TrafficLine[] {
  const out: TrafficLine[] = [];
  for (const s of stats) {
    if (out.length >= maxLines) break;
    out.push({ kind: 'heading', text: `traffic → ${s.service} (${s.ratePerSecond} req/s)   sent ${s.sent}, failed ${s.failed}` });
    const labels = s.pods.map((p) => `${p.pod}${p.version ? `  ${p.version}` : ''}`);
    const failedLabel = `no answer: ${s.lastError ?? 'no endpoints'}`;
    const labelWidth = Math.min(Math.max(0, ...labels.map((l) => l.length), s.unansweredPerSecond > 0 ? failedLabel.length : 0), Math.floor(width / 2));
    const barWidth = Math.max(4, Math.min(30, width - labelWidth - 22));
    const line = (label: string, rate: number, tail: string) => `  ${label.slice(0, labelWidth).padEnd(labelWidth)}  ${bar(rate, s.ratePerSecond, barWidth)} ${perSecond(rate).padStart(7)}${tail}`;
    s.pods.slice(0, Math.max(0, maxLines - out.length)).forEach((p, i) => {
      const failed = p.failedPerSecond > 0 ? `  ✗ ${perSecond(p.failedPerSecond)} failed` : '';
      out.push({ kind: p.failedPerSecond > 0 ? 'failed' : 'pod', text: line(labels[i], p.ratePerSecond + p.failedPerSecond, failed) });
    });
    if (s.unansweredPerSecond > 0) out.push({ kind: 'failed', text: line(failedLabel, s.unansweredPerSecond, ' failed') });
    else if (s.pods.length === 0) out.push({ kind: 'failed', text: '  no requests answered yet' });
  }
  return out.slice(0, maxLines);
}
