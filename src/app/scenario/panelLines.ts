// The lines of the scenario panel: scenario and step (i/n) with the player's keys, the narration,
// the kubectl command and what it printed (or that it runs, or its error), then the traffic bars.
import type { ServiceTraffic } from '../../../backends/sim/network/trafficGenerator.js';
import type { PlayerView } from '../../scenario/scenarioPlayer.js';
import { trafficLines, type TrafficLineKind } from './trafficBars.js';

export type PanelLineKind = 'title' | 'text' | 'command' | 'output' | 'error' | 'running' | TrafficLineKind;
export interface PanelLine { kind: PanelLineKind; text: string }

const KEYS = 'n next · p back · R restart · X leave';

/** Words wrapped to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

function titleLine(view: PlayerView, width: number): string {
  const n = view.scenario.steps.length;
  const where = view.position === 0 ? `${n} steps` : `step ${view.position}/${n}: ${view.scenario.steps[view.position - 1].title}`;
  const head = `── ${view.scenario.title} · ${where} `;
  const room = width - head.length - KEYS.length - 2;
  return room >= 2 ? `${head}${'─'.repeat(room)} ${KEYS} ` : head.padEnd(width, '─');
}

/** At most `height` lines: the step first, the traffic bars below it, the narration cut first. */
export function scenarioPanelLines(view: PlayerView | undefined, traffic: ServiceTraffic[], width: number, height: number): PanelLine[] {
  const bars = trafficLines(traffic, width, height);
  if (!view) {
    return [{ kind: 'title' as const, text: `── traffic ${'─'.repeat(Math.max(0, width - 11))}` }, ...bars].slice(0, height);
  }
  const head: PanelLine = { kind: 'title', text: titleLine(view, width) };
  const tail: PanelLine[] = [];
  let narration: string[];
  if (view.position === 0) {
    narration = wrap(view.scenario.description, width);
    tail.push({ kind: 'output', text: `Press n for step 1: ${view.scenario.steps[0].title}` });
  } else {
    const step = view.scenario.steps[view.position - 1];
    narration = wrap(step.narration, width);
    tail.push({ kind: 'command', text: `$ ${step.kubectl}` });
    for (const l of view.output) tail.push({ kind: 'output', text: `  ${l}` });
    if (view.status === 'running') {
      tail.push({ kind: 'running', text: view.waitingFor ? `  waiting for ${view.waitingFor}… (n goes on without waiting)` : '  running…' });
    }
    if (view.error) for (const l of view.error.split('\n')) tail.push({ kind: 'error', text: `  ${l}` });
    if (view.status === 'idle' && view.position === view.scenario.steps.length) tail.push({ kind: 'output', text: 'End of the scenario: R restarts it, X leaves demo mode.' });
  }
  const room = Math.max(1, height - 1 - tail.length - bars.length);
  const text = narration.slice(0, room).map((t): PanelLine => ({ kind: 'text', text: t }));
  return [head, ...text, ...tail, ...bars].slice(0, height);
}
