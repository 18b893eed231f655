// A simulator served over HTTP in this process, driven by the real kubectl binary in child
// processes, the way a user drives `kdash serve`.
//
// The clock: a VirtualClock moved forward by a wall-clock timer, `speed` times faster than real
// time, so a rolling update with minReadySeconds 10 finishes in a couple of seconds. It starts
// two hours behind the wall clock on purpose: kubectl computes some ages itself (describe's
// events) from its own clock, and prints `<invalid>` for a timestamp in its future. At speed 20
// simulated time would need over six minutes of a test file's run to catch up.
// Server-side ages (`kubectl get`) read the simulated clock and are matched by pattern.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VirtualClock } from '../../backends/sim/clock.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { serveSimulator, type RunningServer } from '../../backends/sim/server/kubeApiServer.js';
import { SIM_CONTEXT, writeKubeconfig } from '../../backends/sim/server/kubeconfig.js';

export interface KubectlResult { stdout: string; stderr: string; code: number }

export interface ServedClusterOptions { seed?: number; speed?: number }

/** Per-test time limit: rollouts and graceful deletions take seconds of wall time, more on a loaded CI machine. */
export const TEST_TIMEOUT = { timeout: 90_000 };

const TICK_MS = 20;
const BEHIND_WALL_CLOCK_MS = 2 * 60 * 60_000;

/** The kubectl on PATH; the conformance suite fails (never skips) without one. */
export function requireKubectl(): void {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      'kubectl is not installed or does not run: the conformance suite drives the real kubectl against `kdash serve`. '
      + 'Install kubectl v1.33 (.ci/run fetches the release binary from dl.k8s.io) and run the tests again.',
    );
  }
}

export class ServedCluster {
  readonly dir: string;
  readonly kubeconfig: string;
  private readonly ticker: NodeJS.Timeout;

  private constructor(readonly sim: Simulator, readonly clock: VirtualClock, readonly server: RunningServer, speed: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'kdash-conformance-'));
    this.kubeconfig = join(this.dir, 'kubeconfig.yaml');
    writeKubeconfig(this.kubeconfig, server.url);
    let last = Date.now();
    this.ticker = setInterval(() => {
      const now = Date.now();
      if (!this.paused) clock.advance((now - last) * speed);
      last = now;
    }, TICK_MS);
  }

  private paused = false;

  /** Stops simulated time (a test then moves it by hand with clock.advance) until resume(). */
  pause(): void { this.paused = true; }
  resume(): void { this.paused = false; }

  static async start(opts: ServedClusterOptions = {}): Promise<ServedCluster> {
    requireKubectl();
    const clock = new VirtualClock(Date.now() - BEHIND_WALL_CLOCK_MS);
    const sim = createSimulator({ clock, seed: opts.seed ?? 1 });
    clock.advance(60_000); // the fresh cluster's pods start
    const server = await serveSimulator(sim, { port: 0 });
    return new ServedCluster(sim, clock, server, opts.speed ?? 20);
  }

  /** Writes a manifest into the cluster's temp dir (kubectl's working directory); returns the name. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return name;
  }

  private env(): NodeJS.ProcessEnv {
    const { KUBECONFIG: _k, ...env } = process.env;
    return { ...env, HOME: this.dir, KUBECACHEDIR: join(this.dir, 'cache') };
  }

  private args(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--context', SIM_CONTEXT, ...args];
  }

  /** Runs kubectl to completion in the cluster's temp dir (so relative file names work). */
  kubectl(args: string[], timeoutMs = 60_000): Promise<KubectlResult> {
    return new Promise((resolve) => {
      execFile('kubectl', this.args(args), { cwd: this.dir, env: this.env(), timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ stdout, stderr, code });
      });
    });
  }

  /** Starts a long-running kubectl (`get -w`); stop() kills it, exited() waits; both give what it printed. */
  kubectlStream(args: string[]): { output(): string; stop(): Promise<KubectlResult>; exited(): Promise<KubectlResult> } {
    const child = spawn('kubectl', this.args(args), { cwd: this.dir, env: this.env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    return {
      output: () => stdout,
      stop: async () => {
        child.kill('SIGTERM');
        const code = await exited;
        return { stdout, stderr, code };
      },
      exited: async () => {
        const code = await exited;
        return { stdout, stderr, code };
      },
    };
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await this.server.close();
    this.sim.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until check() returns a value, or fails after timeoutMs of wall time. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
