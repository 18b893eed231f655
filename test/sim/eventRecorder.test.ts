import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Event, KubeObject } from '../../backends/contract/types.js';
import { namespacesOnly } from '../helpers/sim.js';

const pod = (name: string, cpu?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] },
});

function eventsOf(sim: ReturnType<typeof createSimulator>, name: string): Event[] {
  return (sim.api.list('events', { namespace: 'default' }).items as Event[]).filter((e) => e.involvedObject?.name === name);
}

describe('EventRecorder', () => {
  it('names events <object>.<hex of UnixNano>, unique and in order within one millisecond', () => {
    const sim = createSimulator({ components: [namespacesOnly] });
    const web = sim.api.create('pods', pod('web'));
    const source = { component: 'kubelet', host: 'kind-worker' };
    sim.ctx.events.record(web, 'Normal', 'Pulling', 'Pulling image "nginx"', source);
    sim.ctx.events.record(web, 'Normal', 'Pulled', 'Container image "nginx" already present on machine', source);
    sim.virtualClock.advance(1.5); // a fractional clock (RealClock with a speed factor) must not break the name
    sim.ctx.events.record(web, 'Normal', 'Created', 'Created container: c', source);
    expect(eventsOf(sim, 'web').map((e) => `${e.metadata!.name} ${e.reason}`).sort()).toEqual([
      'web.1886930fd5304000 Pulling',
      'web.1886930fd5304001 Pulled',
      'web.1886930fd53f8240 Created',
    ]);
  });

  it('counts a repeat up on the same Event until 4096 newer events pushed it out of the cache (client-go LRU)', () => {
    const sim = createSimulator({ components: [namespacesOnly] });
    const pod = (i: number): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', uid: `uid-${i}` } });
    const source = { component: 'kubelet', host: 'kind-worker' };
    const counts = () => eventsOf(sim, 'p0').map((e) => e.count);
    sim.ctx.events.record(pod(0), 'Normal', 'Pulled', 'Container image "nginx" already present on machine', source);
    sim.ctx.events.record(pod(0), 'Normal', 'Pulled', 'Container image "nginx" already present on machine', source);
    expect(counts()).toEqual([2]);
    for (let i = 1; i <= 4096; i++) sim.ctx.events.record(pod(i), 'Normal', 'Pulled', 'Container image "nginx" already present on machine', source);
    sim.ctx.events.record(pod(0), 'Normal', 'Pulled', 'Container image "nginx" already present on machine', source);
    expect(counts().sort()).toEqual([1, 2]);
  });

  it('gives the scheduler\'s events their action (Binding for Scheduled, Scheduling for FailedScheduling) and its instance on the control-plane node', () => {
    const sim = createSimulator({ seed: 4 });
    sim.api.create('pods', pod('fits'));
    sim.api.create('pods', pod('huge', '500'));
    sim.virtualClock.advance(2000);
    const summary = (e: Event) => `${e.type} ${e.reason} action=${e.action} ${e.reportingComponent} ${e.reportingInstance}`;
    expect(eventsOf(sim, 'fits').filter((e) => e.reportingComponent === 'default-scheduler').map(summary))
      .toEqual(['Normal Scheduled action=Binding default-scheduler default-scheduler-kind-control-plane']);
    expect(eventsOf(sim, 'huge').map(summary)).toEqual(['Warning FailedScheduling action=Scheduling default-scheduler default-scheduler-kind-control-plane']);
    sim.stop();
  });
});
