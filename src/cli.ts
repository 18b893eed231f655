// kdash's command line: picks a backend (the built-in simulator or a live cluster) and opens
// the dashboard on it.
import { RealClock } from '../backends/sim/clock.js';
import { createSimulator } from '../backends/sim/simulator.js';
import type { Backend } from '../backends/contract/backend.js';
import { parseCli, USAGE, type CliOptions } from './cli/args.js';

function simBackend(opts: CliOptions): Backend {
  return createSimulator({ clock: new RealClock(opts.speed), seed: opts.seed }).backend;
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
  if (!opts.sim) {
    console.error('kdash: live clusters are not supported yet; use --sim for the built-in simulator.');
    process.exit(2);
  }
  const backend = simBackend(opts);
  const { startDashboard } = await import('./app/index.js');
  await startDashboard(backend, {
    namespace: opts.namespace, allNamespaces: opts.allNamespaces, readonly: opts.readonly, theme: opts.theme,
  });
  await backend.close();
  process.exit(0);
}

await main();
