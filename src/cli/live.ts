// `kdash [--context NAME] [--kubeconfig FILE]`: the dashboard on a live cluster. A kubeconfig or
// context that cannot be used is reported before any screen opens (exit 2); a server that cannot be
// reached is not: the dashboard opens and says so.
import { existsSync } from 'node:fs';
import { SIM_CONTEXT, defaultKubeconfigPath } from '../../backends/sim/server/kubeconfig.js';
import type { ContextSwitcher } from '../app/contextSwitching.js';
import { loadDashboard } from '../app/loadDashboard.js';
import type { CliOptions } from './args.js';
import { startDemo } from '../scenario/startDemo.js';

/** What to try next, after a kubeconfig or context that cannot be used. */
function hint(e: Error, opts: CliOptions): string {
  const served = defaultKubeconfigPath();
  if (opts.context === SIM_CONTEXT && !opts.kubeconfig && existsSync(served)) return ` (kdash serve wrote its kubeconfig to ${served}: add --kubeconfig ${served})`;
  if (e.message.startsWith('no kubeconfig found')) return '; use --sim for the built-in simulator';
  return '';
}

export async function runLive(opts: CliOptions): Promise<void> {
  const live = await import('../../backends/live/index.js');
  const source = { explicitPath: opts.kubeconfig };
  let chosen: { cfg: ReturnType<typeof live.loadKubeconfig>; context: string };
  try {
    const cfg = live.loadKubeconfig(source);
    chosen = { cfg, context: live.resolveContext(cfg, opts.context).context.name };
  } catch (e) {
    console.error(`kdash: ${(e as Error).message}${hint(e as Error, opts)}`);
    process.exit(2);
  }
  // The dashboard's modules first: client-node then loads while the first frame is drawn.
  const { startDashboard } = await loadDashboard();
  const backend = await live.liveBackendFor(chosen.cfg, chosen.context);
  const switcher: ContextSwitcher = live.kubeconfigContexts(source);
  const demo = await startDemo(backend, opts).catch((e: Error) => { console.error(`kdash: ${e.message}`); process.exit(2); });
  await startDashboard(backend, {
    scenario: demo,
    namespace: opts.namespace, allNamespaces: opts.allNamespaces, readonly: opts.readonly, theme: opts.theme,
    contexts: { current: chosen.context, switcher },
  });
  process.exit(0);
}
