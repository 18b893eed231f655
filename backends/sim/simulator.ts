// A Kubernetes control plane in a box: the API server, its admission chain, and the
// controllers, scheduler, kubelets and network model as clients of it.
import { ApiServer } from './apiserver/apiServer.js';
import { namespaceLifecycle } from './apiserver/namespaceLifecycle.js';
import { RealClock, VirtualClock, type Clock } from './clock.js';
import type { ClusterLayout, Component, SimContext } from './context.js';
import { EventRecorder } from './events.js';
import { Random } from './random.js';
import { SimBackend } from './simBackend.js';
import { DEFAULT_COMPONENTS } from './components.js';

export interface SimulatorOptions {
  /** Defaults to a VirtualClock (tests); the dashboard passes a RealClock. */
  clock?: Clock;
  seed?: number;
  /** Deep-freeze stored objects (tests do, to catch mutation of shared objects). */
  freeze?: boolean;
  layout?: Partial<ClusterLayout>;
  /** Which components run; defaults to the whole control plane and a fresh kind-like cluster. */
  components?: Component[];
}

export const DEFAULT_LAYOUT: ClusterLayout = {
  nodes: ['kind-control-plane', 'kind-worker', 'kind-worker2'],
  clusterName: 'kind-kdash',
  version: 'v1.33.1',
};

export class Simulator {
  readonly ctx: SimContext;
  readonly backend: SimBackend;
  private readonly stops: Array<() => void> = [];

  constructor(opts: SimulatorOptions = {}) {
    const clock = opts.clock ?? new VirtualClock();
    const random = new Random(opts.seed ?? 1);
    const api = new ApiServer({ clock, random, freeze: opts.freeze ?? !!process.env.VITEST });
    api.use(namespaceLifecycle);
    this.ctx = { api, clock, random, events: new EventRecorder(api), layout: { ...DEFAULT_LAYOUT, ...opts.layout } };
    this.backend = new SimBackend(this);
    for (const c of opts.components ?? DEFAULT_COMPONENTS) {
      const stop = c(this.ctx);
      if (stop) this.stops.push(stop);
    }
  }

  get api(): ApiServer { return this.ctx.api; }
  get clock(): Clock { return this.ctx.clock; }

  /** The virtual clock, for tests and benchmarks; throws when the simulator runs in real time. */
  get virtualClock(): VirtualClock {
    if (!(this.ctx.clock instanceof VirtualClock)) throw new Error('this simulator runs on a real-time clock');
    return this.ctx.clock;
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
    if (this.ctx.clock instanceof RealClock) this.ctx.clock.stopAll();
  }
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  return new Simulator(opts);
}
