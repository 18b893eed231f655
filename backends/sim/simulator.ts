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
import type { SimSnapshot } from './snapshot/format.js';
import { restartComponents } from './snapshot/restartedCluster.js';
import { applySnapshot, checkForRestore, settle, takeSnapshot } from './snapshot/restore.js';
import { startWorld, type World } from './snapshot/world.js';

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
  private readonly components: readonly Component[];
  /** The running components; a restore replaces them. */
  private world: World;

  constructor(opts: SimulatorOptions = {}) {
    const clock = opts.clock ?? new VirtualClock();
    const random = new Random(opts.seed ?? 1);
    const api = new ApiServer({ clock, random, freeze: opts.freeze ?? !!process.env.VITEST });
    api.use(namespaceLifecycle);
    this.ctx = { api, clock, random, events: new EventRecorder(api), layout: { ...DEFAULT_LAYOUT, ...opts.layout } };
    this.backend = new SimBackend(this);
    this.components = opts.components ?? DEFAULT_COMPONENTS;
    this.world = startWorld(this.ctx, this.components);
  }

  /**
   * The whole state now, in memory (objects are shared with the store, not copied). The
   * components restart from it as a restore would, so the cluster's future after snapshot() is
   * the same as after restore() of this snapshot.
   */
  snapshot(): SimSnapshot {
    settle(this.ctx.clock);
    const s = takeSnapshot(this.ctx);
    this.restartOn(s);
    return s;
  }

  /** Goes back to the state of `s`; checks it first and throws (changing nothing) if it is not valid. */
  restore(s: SimSnapshot): void {
    const checked = checkForRestore(this.ctx, s);
    settle(this.ctx.clock);
    this.world.stop();
    applySnapshot(this.ctx, checked);
    this.restartOn(s);
  }

  private restartOn(s: SimSnapshot): void {
    this.world.stop();
    // What the components draw while they rebuild their memory (ids of adopted containers...) is
    // given back when they created nothing, so the cluster goes on drawing as it would have.
    const random = this.ctx.random.getState();
    const rv = this.ctx.api.resourceVersion;
    this.world = startWorld(this.ctx, restartComponents(this.components), s.components);
    if (this.ctx.api.resourceVersion === rv) this.ctx.random.setState(random);
  }

  get api(): ApiServer { return this.ctx.api; }
  get clock(): Clock { return this.ctx.clock; }

  /** The virtual clock, for tests and benchmarks; throws when the simulator runs in real time. */
  get virtualClock(): VirtualClock {
    if (!(this.ctx.clock instanceof VirtualClock)) throw new Error('this simulator runs on a real-time clock');
    return this.ctx.clock;
  }

  stop(): void {
    this.world.stop();
    if (this.ctx.clock instanceof RealClock) this.ctx.clock.stopAll();
  }
}

export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  return new Simulator(opts);
}
