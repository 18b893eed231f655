// The event recorder's correlation, as client-go's EventCorrelator does it: repeats count up one Event,
// the 10th distinct message of a reason within 10 minutes folds into a combined Event, and the
// recorder's memory survives an export / import (snapshots).
import { describe, expect, it } from 'vitest';
import { ApiServer } from '../../backends/sim/apiserver/apiServer.js';
import { VirtualClock } from '../../backends/sim/clock.js';
import { EventRecorder } from '../../backends/sim/events.js';
import { Random } from '../../backends/sim/random.js';
import type { Event, KubeObject } from '../../backends/contract/types.js';

function setup() {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, random: new Random(5) });
  const pod = api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } as KubeObject);
  const events = () => api.list('events', { namespace: 'default' }).items as Event[];
  return { clock, api, pod, events, recorder: new EventRecorder(api) };
}

const kubelet = { component: 'kubelet', host: 'kind-worker' };

describe('EventRecorder', () => {
  it('counts a repeated event up instead of writing another, per field path', () => {
    const { clock, pod, events, recorder } = setup();
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', kubelet, 'spec.containers{app}');
    clock.advance(10_000);
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', kubelet, 'spec.containers{app}');
    recorder.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', kubelet, 'spec.containers{sidecar}');
    const list = events();
    expect(list).toHaveLength(2);
    const app = list.find((e) => e.involvedObject.fieldPath === 'spec.containers{app}')!;
    expect(app.count).toBe(2);
    expect(app.lastTimestamp).not.toBe(app.firstTimestamp);
    expect(list.find((e) => e.involvedObject.fieldPath === 'spec.containers{sidecar}')!.count).toBe(1);
  });

  it('folds the 10th distinct message of one reason within 10 minutes into a combined event', () => {
    const { clock, pod, events, recorder } = setup();
    for (let i = 1; i <= 12; i++) recorder.record(pod, 'Warning', 'Failed', `attempt ${i} failed`, kubelet);
    const list = events();
    expect(list.filter((e) => !e.message!.startsWith('(combined'))).toHaveLength(9);
    const combined = list.filter((e) => e.message!.startsWith('(combined from similar events): '));
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(3);
    expect(combined[0].message).toBe('(combined from similar events): attempt 12 failed');
    // After the window a new message gets its own event again.
    clock.advance(600_001);
    recorder.record(pod, 'Warning', 'Failed', 'attempt 13 failed', kubelet);
    expect(events().some((e) => e.message === 'attempt 13 failed')).toBe(true);
  });

  it('keeps counting the same events after its memory is exported and imported', () => {
    const { pod, events, recorder, api } = setup();
    recorder.record(pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine', kubelet, 'spec.containers{app}');
    for (let i = 1; i <= 10; i++) recorder.record(pod, 'Warning', 'Failed', `attempt ${i} failed`, kubelet);
    const state = JSON.parse(JSON.stringify(recorder.exportState()));
    const restored = new EventRecorder(api);
    restored.importState(state);
    expect(restored.exportState()).toEqual(state);
    restored.record(pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine', kubelet, 'spec.containers{app}');
    restored.record(pod, 'Warning', 'Failed', 'attempt 11 failed', kubelet);
    const list = events();
    expect(list.find((e) => e.reason === 'Pulled')!.count).toBe(2);
    expect(list.find((e) => e.message!.startsWith('(combined'))!.count).toBe(2);
    expect(list).toHaveLength(11);
  });
});
