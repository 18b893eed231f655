// Demo mode figures: every shipped scenario played headless on the virtual clock, stepping back
// (a snapshot restore) mid-scenario, and the traffic panel's cost with 1,000 pods behind a Service.
import { createSimulator, type Simulator } from '../backends/sim/simulator.js';
import { TrafficGenerator } from '../backends/sim/network/trafficGenerator.js';
import { trafficLines } from '../src/app/scenario/trafficBars.js';
import { listScenarios } from '../src/scenario/loadScenario.js';
import { ScenarioSession } from '../src/scenario/scenarioSession.js';
import { metric } from './machine.js';

/** Advances the virtual clock in 100 ms steps until the promise settles. */
async function settle<T>(sim: Simulator, p: Promise<T>): Promise<T> {
  let done = false;
  p.then(() => { done = true; }, () => { done = true; });
  while (!done) {
    await new Promise((r) => setImmediate(r));
    if (!done) sim.virtualClock.advance(100);
  }
  return p;
}

export async function benchScenarios(): Promise<void> {
  let steps = 0;
  const t0 = performance.now();
  for (const name of listScenarios()) {
    const sim = createSimulator({ seed: 1 });
    const session = new ScenarioSession(sim);
    const s = await settle(sim, session.start(name));
    for (let i = 0; i < s.steps.length; i++, steps++) await settle(sim, session.player!.next());
    session.stop();
    sim.stop();
  }
  metric('scenario_all_shipped_played_s', (performance.now() - t0) / 1000, `s (${steps} steps, virtual clock)`);

  const sim = createSimulator({ seed: 1 });
  const session = new ScenarioSession(sim);
  await settle(sim, session.start('rolling-update'));
  await settle(sim, session.player!.next());
  await settle(sim, session.player!.next());
  const t1 = performance.now();
  await session.player!.previous();
  metric('scenario_step_back_ms', performance.now() - t1, 'ms (rolling-update, back over the rollout)');
  session.stop();
  sim.stop();
}

export async function benchTrafficPanel(): Promise<void> {
  const sim = createSimulator({ seed: 1 });
  const labels = { app: 'web' };
  await sim.backend.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1000, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
  });
  await sim.backend.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: labels, ports: [{ port: 80 }] },
  });
  sim.virtualClock.advance(300_000);
  const idle = performance.now();
  sim.virtualClock.advance(10_000);
  const idleMs = performance.now() - idle;
  const gen = new TrafficGenerator(sim.ctx);
  const rate = 100;
  gen.setTargets([{ service: 'web', ratePerSecond: rate }]);
  const t0 = performance.now();
  sim.virtualClock.advance(10_000);
  const perSecond = (performance.now() - t0 - idleMs) / 10;
  metric('traffic_generator_ms_per_sim_s', perSecond, `ms of wall time per simulated second (${rate} req/s to a Service of 1,000 pods)`);
  const t1 = performance.now();
  const n = 20;
  let pods = 0;
  for (let i = 0; i < n; i++) {
    const stats = gen.stats();
    pods = stats[0].pods.length;
    trafficLines(stats, 140, 14);
  }
  metric('traffic_panel_refresh_ms', (performance.now() - t1) / n, `ms (stats of ${pods} pods, the panel's 14 lines)`);
  gen.stop();
  sim.stop();
}
