// Plays a scenario one step at a time: next runs the following step's action (and its `until`),
// previous puts the cluster back exactly as it was before the current step (a simulator
// snapshot taken before each step), restart goes back to the state before the first step.
import type { Scenario, ScenarioStep } from './scenarioTypes.js';
import { runAction, type ScenarioEnv } from './runAction.js';
import { describeCondition, StepCancelled, waitUntil } from './waitCondition.js';
import { formatApplyError } from '../ops/apply.js';

/** Whole-cluster snapshots (the simulator's); absent on a live cluster. */
export interface Snapshots<S = unknown> {
  snapshot(): S;
  restore(s: S): void;
}

export type PlayerStatus = 'idle' | 'running' | 'failed';

export interface PlayerView {
  scenario: Scenario;
  /** The step shown: 0 = the introduction, i = step i (running, done or failed). */
  position: number;
  status: PlayerStatus;
  /** What the step's commands printed. */
  output: string[];
  error?: string;
  /** While the step waits (a `wait` step, or its `until`): for what. */
  waitingFor?: string;
}

export interface PlayerOptions<S> {
  snapshots?: Snapshots<S>;
  /** Called after the cluster's state was restored (stepping back, restart). */
  onRestore?: () => void;
  /** Called after a snapshot was taken (which restarts the simulator's components). */
  onSnapshot?: () => void;
}

export class ScenarioPlayer<S = unknown> {
  private position = 0;
  private status: PlayerStatus = 'idle';
  private output: string[] = [];
  private error: string | undefined;
  private waitingFor: string | undefined;
  /** taken[i]: the cluster before step i + 1. */
  private taken: S[] = [];
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(readonly scenario: Scenario, private readonly env: ScenarioEnv, private readonly opts: PlayerOptions<S> = {}) {}

  view(): PlayerView {
    return {
      scenario: this.scenario, position: this.position, status: this.status, output: this.output,
      ...(this.error ? { error: this.error } : {}), ...(this.waitingFor ? { waitingFor: this.waitingFor } : {}),
    };
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  /**
   * Runs the next step; resolves when it is done (or failed: see view().error). While the current
   * step only waits, its wait ends here (the cluster carries on) and the next step starts.
   */
  async next(): Promise<void> {
    if (this.running) {
      if (this.waitingFor === undefined) throw new Error('a step is still running');
      const output = this.output;
      await this.dispose();
      this.set('idle', output, undefined);
    }
    if (this.position >= this.scenario.steps.length) throw new Error('this was the last step: R restarts, X leaves the scenario');
    // After stepping back the cluster is exactly the kept snapshot: taking another would restart
    // the simulator's components once more than the first time through, and change the future.
    if (this.opts.snapshots && this.taken.length <= this.position) {
      this.taken[this.position] = this.opts.snapshots.snapshot();
      this.opts.onSnapshot?.();
    }
    this.position++;
    const step = this.scenario.steps[this.position - 1];
    this.set('running', [], undefined);
    const abort = (this.abort = new AbortController());
    const running = (this.running = this.play(step, abort.signal));
    try { await running; } finally { if (this.running === running) this.running = undefined; }
  }

  /** Back to the cluster as it was before the current step. */
  async previous(): Promise<void> {
    if (this.position === 0) throw new Error('this is the start of the scenario');
    await this.rewindTo(this.position - 1);
  }

  /** Back to the cluster as it was before the first step. */
  async restart(): Promise<void> {
    if (this.position === 0) return;
    await this.rewindTo(0);
  }

  /** Abandons a running step. */
  async dispose(): Promise<void> {
    this.abort?.abort();
    await this.running?.catch(() => {});
  }

  private async rewindTo(position: number): Promise<void> {
    const snapshots = this.opts.snapshots;
    if (!snapshots) throw new Error('stepping back needs snapshots of the cluster, which only the simulator has');
    await this.dispose();
    snapshots.restore(this.taken[position]);
    this.taken.length = position + 1;
    this.position = position;
    this.opts.onRestore?.();
    this.set('idle', [], undefined);
  }

  private async play(step: ScenarioStep, signal: AbortSignal): Promise<void> {
    try {
      const wait = step.action.kind === 'wait' ? step.action.wait : undefined;
      const lines = wait ? [] : await runAction(this.env, step.action, signal);
      if (signal.aborted) return;
      const until = wait ?? step.until;
      if (until) {
        this.waitingFor = describeCondition(until.condition);
        this.set('running', lines, undefined);
        try { await waitUntil(this.env.backend, this.env.clock, until, signal); } finally { this.waitingFor = undefined; }
      }
      if (!signal.aborted) this.set('idle', lines, undefined);
    } catch (e) {
      if (e instanceof StepCancelled || signal.aborted) return;
      this.set('failed', this.output, formatApplyError(e));
    }
  }

  private set(status: PlayerStatus, output: string[], error: string | undefined): void {
    this.status = status;
    this.output = output;
    this.error = error;
    for (const fn of this.listeners) fn();
  }
}
