import { describe, expect, it } from 'vitest';
import type { ServiceTraffic } from '../../backends/sim/network/trafficGenerator.js';
import { scenarioPanelLines, wrap } from '../../src/app/scenario/panelLines.js';
import { trafficLines } from '../../src/app/scenario/trafficBars.js';
import { parseScenario } from '../../src/scenario/loadScenario.js';
import type { PlayerView } from '../../src/scenario/scenarioPlayer.js';

const traffic: ServiceTraffic = {
  service: 'petclinic', ratePerSecond: 20, sent: 100, failed: 10, unansweredPerSecond: 0,
  pods: [
    { namespace: 'default', pod: 'petclinic-v1.0.0', version: '1.0.0.RELEASE', ratePerSecond: 0, failedPerSecond: 0 },
    { namespace: 'default', pod: 'petclinic-v1.0.1', version: '1.0.1.RELEASE', ratePerSecond: 15, failedPerSecond: 5 },
  ],
};

const scenario = parseScenario(`name: demo
title: Demo
description: Two steps.
steps:
  - title: Wait a little
    narration: |
      First line of the narration,
      and its second line.
    kubectl: kubectl get po
    wait: { seconds: 1 }
  - title: Wait more
    kubectl: kubectl get svc
    wait: { seconds: 2 }
`, 'demo.yaml');

describe('the scenario panel', () => {
  it('draws a bar per pod scaled to the stream rate, with failed requests', () => {
    expect(trafficLines([traffic], 80).map((l) => `${l.kind}|${l.text}`)).toEqual([
      'heading|traffic → petclinic (20 req/s)   sent 100, failed 10',
      // 80 columns: labels of 31, bars of 27 (room for the rate and the failures).
      `pod|  petclinic-v1.0.0  1.0.0.RELEASE  ${'░'.repeat(27)}   0.0/s`,
      `failed|  petclinic-v1.0.1  1.0.1.RELEASE  ${'█'.repeat(27)}  20.0/s  ✗ 5.0/s failed`,
    ]);
  });

  it('draws requests nobody answered, with curl\'s reason', () => {
    const refused: ServiceTraffic = { ...traffic, pods: [], unansweredPerSecond: 10, lastError: 'Connection refused' };
    expect(trafficLines([refused], 80).map((l) => l.text)).toEqual([
      'traffic → petclinic (20 req/s)   sent 100, failed 10',
      `  no answer: Connection refused  ${'█'.repeat(15)}${'░'.repeat(14)}  10.0/s failed`,
    ]);
  });

  it('shows the introduction, then step i/n with its narration, command and output, within its height', () => {
    const intro: PlayerView = { scenario, position: 0, status: 'idle', output: [] };
    const lines = scenarioPanelLines(intro, [], 100, 10);
    expect(lines.map((l) => l.text.trimEnd())).toEqual([
      `── Demo · 2 steps ${'─'.repeat(43)} n next · p back · R restart · X leave`,
      'Two steps.',
      'Press n for step 1: Wait a little',
    ]);
    const step1: PlayerView = { scenario, position: 1, status: 'running', output: [] };
    expect(scenarioPanelLines(step1, [traffic], 100, 10).map((l) => `${l.kind}|${l.text.trimEnd()}`)).toEqual([
      `title|── Demo · step 1/2: Wait a little ${'─'.repeat(27)} n next · p back · R restart · X leave`,
      'text|First line of the narration,',
      'text|and its second line.',
      'command|$ kubectl get po',
      'running|  running…',
      'heading|traffic → petclinic (20 req/s)   sent 100, failed 10',
      expect.stringMatching(/^pod\| {2}petclinic-v1\.0\.0 /),
      expect.stringMatching(/^failed\| {2}petclinic-v1\.0\.1 /),
    ]);
    // Short of room, the narration is cut before the command and the bars.
    expect(scenarioPanelLines(step1, [traffic], 100, 7).map((l) => l.kind)).toEqual(['title', 'text', 'command', 'running', 'heading', 'pod', 'failed']);
    const waiting: PlayerView = { ...step1, waitingFor: '1s' };
    expect(scenarioPanelLines(waiting, [], 100, 10).find((l) => l.kind === 'running')?.text).toBe('  waiting for 1s… (n goes on without waiting)');
    const last: PlayerView = { scenario, position: 2, status: 'idle', output: [] };
    expect(scenarioPanelLines(last, [], 100, 10).map((l) => l.text).pop()).toBe('End of the scenario: R restarts it, X leaves demo mode.');
    const failed: PlayerView = { scenario, position: 2, status: 'failed', output: [], error: 'error: timed out\nsecond line' };
    expect(scenarioPanelLines(failed, [], 100, 10).filter((l) => l.kind === 'error').map((l) => l.text)).toEqual(['  error: timed out', '  second line']);
  });

  it('wraps narration to the width', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
});
