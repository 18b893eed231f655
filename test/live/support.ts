// The live backend under test: the simulator served as a real HTTP kube API in-process, a
// kubeconfig for it in a temp folder, and LiveBackend (with the real client-node) on top.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../../backends/sim/clock.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { serveSimulator, type RunningServer } from '../../backends/sim/server/kubeApiServer.js';
import { kubeconfigFor } from '../../backends/sim/server/kubeconfig.js';
import { createLiveBackend, type LiveBackend } from '../../backends/live/index.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls (real time) until cond holds. */
export async function eventually<T>(cond: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await cond();
      if (v) return v as NonNullable<T>;
    } catch (e) { last = e; }
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(20);
  }
}

export function tempDir(): { dir: string; file(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-live-'));
  return {
    dir,
    file(name, text) { const p = join(dir, name); writeFileSync(p, text); return p; },
    remove() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export interface ServedCluster {
  sim: Simulator;
  server: RunningServer;
  kubeconfig: string;
  backend: LiveBackend;
  /** Stops the HTTP server (the simulator keeps running). */
  stopServer(): Promise<void>;
  /** Serves the same simulator again on the same port. */
  restartServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A fresh simulated cluster on a real-time clock running `speed` times faster than real time (a
 * rollout with minReadySeconds takes a fraction of a second), served on 127.0.0.1.
 */
export async function servedCluster(opts: { speed?: number; seed?: number } = {}): Promise<ServedCluster> {
  const sim = createSimulator({ clock: new RealClock(opts.speed ?? 20), seed: opts.seed ?? 1 });
  let server = await serveSimulator(sim);
  const tmp = tempDir();
  const kubeconfig = tmp.file('config', kubeconfigFor(server.url));
  const backend = await createLiveBackend({ explicitPath: kubeconfig, context: 'kdash-sim' });
  let up = true;
  return {
    sim, kubeconfig, backend,
    get server() { return server; },
    async stopServer() { if (up) { up = false; await server.close(); } },
    async restartServer() { server = await serveSimulator(sim, { port: server.port }); up = true; },
    async close() {
      await backend.close();
      if (up) await server.close();
      sim.stop();
      tmp.remove();
    },
  };
}
