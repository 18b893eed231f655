// `kdash --sim [--scenario NAME|FILE] [--traffic svc[,svc]]`: the demo-mode session for the
// dashboard, with the scenario loaded and checked before the screen opens.
import type { Simulator } from '../../backends/sim/simulator.js';
import { ScenarioSession } from './scenarioSession.js';

export interface DemoOptions {
  scenario?: string;
  /** Services (`name` or `namespace/name`) that get a steady stream of requests. */
  traffic?: string[];
}

/** Throws a ScenarioError (naming the file, the step and the reason) when the scenario is bad. */
export async function startDemo(sim: Simulator, opts: DemoOptions): Promise<ScenarioSession> {
  const session = new ScenarioSession(sim);
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
