// `kdash [--sim] [--scenario NAME|FILE] [--traffic svc[,svc]]`: the demo-mode session for the
// dashboard, with the scenario loaded and checked before the screen opens.
import type { Backend } from '../../backends/contract/backend.js';
import { RealClock } from '../../backends/sim/clock.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { ScenarioSession } from './scenarioSession.js';

export interface DemoOptions {
  scenario?: string;
  /** Services (`name` or `namespace/name`) that get a steady stream of requests (simulator only). */
  traffic?: string[];
}

/** Throws a ScenarioError (naming the file, the step and the reason) when the scenario is bad. */
export async function startDemo(target: Simulator | Backend, opts: DemoOptions): Promise<ScenarioSession> {
  // On a live cluster, waits run in real time.
  const session = new ScenarioSession('capabilities' in target ? { backend: target, clock: new RealClock(1) } : target);
  if (opts.traffic?.length) session.setTraffic(opts.traffic);
  if (opts.scenario) {
    try {
      await session.start(opts.scenario);
    } catch (e) {
      session.stop();
      throw e;
    }
  }
  return session;
}
