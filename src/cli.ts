// kdash's command line: picks a backend (the built-in simulator or a live cluster) and opens
// the dashboard on it.
import { RealClock } from '../backends/sim/clock.js';
import { createSimulator, type Simulator } from '../backends/sim/simulator.js';
import { serveSimulator, type RunningServer } from '../backends/sim/server/kubeApiServer.js';
import { SIM_CONTEXT, defaultKubeconfigPath, writeKubeconfig } from '../backends/sim/server/kubeconfig.js';
import { exposeNodePorts } from '../backends/sim/network/expose.js';
import type { Backend } from '../backends/contract/backend.js';
import { parseCli, USAGE, type CliOptions } from './cli/args.js';
import { runLive } from './cli/live.js';
import { startDemo } from './scenario/startDemo.js';
import { loadDashboard } from './app/loadDashboard.js';
import { loadOrExit } from './cli/loadSnapshot.js';
import { saveSnapshot } from '../backends/sim/snapshot/index.js';

/** Serves the simulator; the dashboard shows where instead of printing it over the screen. */
async function serve(sim: Simulator, opts: CliOptions, printWhere: boolean): Promise<RunningServer> {
  const server = await serveSimulator(sim, { port: opts.port });
  const path = opts.kubeconfigOut ?? defaultKubeconfigPath();
  writeKubeconfig(path, server.url);
  if (printWhere) console.log(`kdash: serving the simulator on ${server.url} (context ${SIM_CONTEXT}); kubeconfig written to ${path}`);
  return server;
}

async function serveHeadless(opts: CliOptions): Promise<void> {
  const sim = createSimulator({ clock: new RealClock(opts.speed), seed: opts.seed });
  loadOrExit(sim, opts.load);
  const server = await serve(sim, opts, true);
  const exposure = opts.expose ? exposeNodePorts(sim.ctx) : undefined;
  const stop = async () => { exposure?.(); await server.close(); sim.stop(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`kdash: ${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts === 'help') { console.log(USAGE); return; }
  if (opts === 'version') { console.log('kdash 0.1.0'); return; }
  if (opts.command === 'serve') return serveHeadless(opts);
  if (!opts.sim) return runLive(opts);
  const sim = createSimulator({ clock: new RealClock(opts.speed), seed: opts.seed });
  loadOrExit(sim, opts.load);
  const demo = await startDemo(sim, opts).catch((e: Error) => { console.error(`kdash: ${e.message}`); process.exit(2); });
  const server = opts.serve ? await serve(sim, opts, false) : undefined;
  const exposure = opts.expose ? exposeNodePorts(sim.ctx) : undefined;
  const backend: Backend = sim.backend;
  // After the simulator: its components start while the dashboard's modules load, and its pods
  // (which take simulated time to start) are listed sooner; loading the dashboard first saves the
  // first frame at most 20 ms of CPU but delays the pods by about 100 ms.
  const { startDashboard } = await loadDashboard();
  await startDashboard(backend, {
    namespace: opts.namespace, allNamespaces: opts.allNamespaces, readonly: opts.readonly, theme: opts.theme,
    now: () => sim.clock.now(),
    scenario: demo,
    saveSnapshot: (file) => saveSnapshot(sim, file),
    notice: server ? `serving on ${server.url} — kubectl --context ${SIM_CONTEXT} --kubeconfig ${opts.kubeconfigOut ?? defaultKubeconfigPath()}` : undefined,
  });
  exposure?.();
  demo.stop();
  await server?.close();
  await backend.close();
  process.exit(0);
}

await main();
