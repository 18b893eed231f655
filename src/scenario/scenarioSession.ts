// Demo mode on the simulator: at most one scenario being played, and the traffic generator
// whose per-pod request rates the dashboard draws. Started from `--scenario` or `:scenario NAME`.
import type { SimContext } from '../../backends/sim/context.js';
import { TrafficGenerator, type GeneratorTarget, type ServiceTraffic } from '../../backends/sim/network/trafficGenerator.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import type { SimSnapshot } from '../../backends/sim/snapshot/index.js';
import { dryRunScenario, loadScenario } from './loadScenario.js';
import { ScenarioPlayer, type Snapshots } from './scenarioPlayer.js';
import type { Scenario } from './scenarioTypes.js';

/** Stepping back restores the simulator's whole state: objects, clock, random state, components. */
function snapshotsOf(sim: Simulator): Snapshots<SimSnapshot> {
  return { snapshot: () => sim.snapshot(), restore: (s) => sim.restore(s) };
}

export const DEFAULT_TRAFFIC_RATE = 20;

export class ScenarioSession {
  private current: ScenarioPlayer | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly generator: TrafficGenerator;
  private readonly listeners = new Set<() => void>();
  private extraTraffic: GeneratorTarget[] = [];

  constructor(private readonly sim: Simulator, private readonly scenariosDir?: string) {
    this.generator = new TrafficGenerator(sim.ctx as SimContext);
  }

  get player(): ScenarioPlayer | undefined { return this.current; }

  /** `--traffic svc[,svc]`: Services that get a steady stream whatever the scenario. */
  setTraffic(services: string[], ratePerSecond = DEFAULT_TRAFFIC_RATE): void {
    this.extraTraffic = services.map((service) => ({ service, ratePerSecond }));
    this.applyTraffic();
  }

  traffic(): ServiceTraffic[] { return this.generator.stats(); }

  /** Loads (and dry-runs on the server) a scenario by name or path; throws a ScenarioError. */
  async start(nameOrPath: string): Promise<Scenario> {
    const scenario = loadScenario(nameOrPath, this.scenariosDir);
    await dryRunScenario(this.sim.backend, scenario);
    await this.leave();
    const sim = this.sim;
    // The running components (and so the fault injection) change with every snapshot and restore.
    const env = { backend: sim.backend, clock: sim.clock, get faults() { return sim.ctx.faults; } };
    const player = new ScenarioPlayer(scenario, env, {
      snapshots: snapshotsOf(this.sim),
      onRestore: () => this.generator.reset(),
      onSnapshot: () => this.generator.rearm(),
    });
    this.current = player;
    this.unsubscribe = player.subscribe(() => this.changed());
    this.applyTraffic();
    this.changed();
    return scenario;
  }

  /** Leaves demo mode; the cluster stays as the scenario left it. */
  async leave(): Promise<void> {
    const p = this.current;
    if (!p) return;
    this.current = undefined;
    this.unsubscribe?.();
    await p.dispose();
    this.applyTraffic();
    this.changed();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  stop(): void {
    this.generator.stop();
    void this.current?.dispose();
  }

  private applyTraffic(): void {
    const targets = [...(this.current?.scenario.traffic ?? []), ...this.extraTraffic];
    const unique = targets.filter((t, i) => targets.findIndex((u) => u.service === t.service) === i);
    this.generator.setTargets(unique);
  }

  private changed(): void { for (const fn of this.listeners) fn(); }
}
