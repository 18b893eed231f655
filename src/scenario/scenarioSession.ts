// Demo mode: at most one scenario being played and, on the simulator, the traffic generator
// whose per-pod request rates the dashboard draws. Started from `--scenario` or `:scenario NAME`.
// On a live cluster the same steps run through the same operations; stepping back, traffic and
// fault injection need the simulator.
import type { Backend } from '../../backends/contract/backend.js';
import type { Clock } from '../../backends/sim/clock.js';
import { TrafficGenerator, type GeneratorTarget, type ServiceTraffic } from '../../backends/sim/network/trafficGenerator.js';
import { Simulator } from '../../backends/sim/simulator.js';
import type { SimSnapshot } from '../../backends/sim/snapshot/index.js';
import { dryRunScenario, loadScenario } from './loadScenario.js';
import { ScenarioError } from './scenarioError.js';
import { ScenarioPlayer, type Snapshots } from './scenarioPlayer.js';
import type { Scenario } from './scenarioTypes.js';
import type { ScenarioEnv } from './runAction.js';

/** A live cluster: its backend and the clock waits read (real time). */
export interface LiveTarget { backend: Backend; clock: Clock }

/** Stepping back restores the simulator's whole state: objects, clock, random state, components. */
function snapshotsOf(sim: Simulator): Snapshots<SimSnapshot> {
  return { snapshot: () => sim.snapshot(), restore: (s) => sim.restore(s) };
}

export const DEFAULT_TRAFFIC_RATE = 20;

export class ScenarioSession {
  private current: ScenarioPlayer | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly sim: Simulator | undefined;
  private readonly generator: TrafficGenerator | undefined;
  private readonly env: ScenarioEnv;
  private readonly listeners = new Set<() => void>();
  private extraTraffic: GeneratorTarget[] = [];

  constructor(target: Simulator | LiveTarget, private readonly scenariosDir?: string) {
    if (target instanceof Simulator) {
      const sim = (this.sim = target);
      this.generator = new TrafficGenerator(sim.ctx);
      // The running components (and so the fault injection) change with every snapshot and restore.
      this.env = { backend: sim.backend, clock: sim.clock, get faults() { return sim.ctx.faults; } };
    } else {
      this.env = { backend: target.backend, clock: target.clock };
    }
  }

  get player(): ScenarioPlayer | undefined { return this.current; }

  /** `--traffic svc[,svc]`: Services that get a steady stream whatever the scenario (simulator only). */
  setTraffic(services: string[], ratePerSecond = DEFAULT_TRAFFIC_RATE): void {
    this.extraTraffic = services.map((service) => ({ service, ratePerSecond }));
    this.applyTraffic();
  }

  traffic(): ServiceTraffic[] { return this.generator?.stats() ?? []; }

  /** Loads (and dry-runs on the server) a scenario by name or path; throws a ScenarioError. */
  async start(nameOrPath: string): Promise<Scenario> {
    const scenario = loadScenario(nameOrPath, this.scenariosDir);
    if (!this.sim) {
      const i = scenario.steps.findIndex((s) => s.action.kind === 'fault');
      if (i >= 0) throw new ScenarioError(scenario.source, 'faults can only be injected into the simulator (kdash --sim)', { index: i + 1, title: scenario.steps[i].title });
    }
    await dryRunScenario(this.env.backend, scenario);
    await this.leave();
    const sim = this.sim;
    const generator = this.generator;
    const player = new ScenarioPlayer(scenario, this.env, sim && generator ? {
      snapshots: snapshotsOf(sim),
      onRestore: () => generator.reset(),
      onSnapshot: () => generator.rearm(),
    } : {});
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
    this.generator?.stop();
    void this.current?.dispose();
  }

  private applyTraffic(): void {
    if (!this.generator) return;
    const targets = [...(this.current?.scenario.traffic ?? []), ...this.extraTraffic];
    const unique = targets.filter((t, i) => targets.findIndex((u) => u.service === t.service) === i);
    this.generator.setTargets(unique);
  }

  private changed(): void { for (const fn of this.listeners) fn(); }
}
