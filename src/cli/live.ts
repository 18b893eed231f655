// `kdash [--context NAME] [--kubeconfig FILE]`: the dashboard on a live cluster. A kubeconfig or
// context that cannot be used is reported before any screen opens (exit 2); a server that cannot be
// reached is not: the dashboard opens and says so.
import type { ContextSwitcher } from '../app/contextSwitching.js';
import { loadDashboard } from '../app/loadDashboard.js';
import type { CliOptions } from './args.js';

export async function runLive(opts: CliOptions): Promise<void> {
  const live = await import('../../backends/live/index.js');
  const source = { explicitPath: opts.kubeconfig };
  let opened: { backend: Awaited<ReturnType<typeof live.liveBackendFor>>; context: string };
  try {
    const cfg = live.loadKubeconfig(source);
    const context = live.resolveContext(cfg, opts.context).context.name;
    opened = { backend: await live.liveBackendFor(cfg, context), context };
  } catch (e) {
    const message = (e as Error).message;
    console.error(`kdash: ${message}${message.startsWith('no kubeconfig found') ? '; use --sim for the built-in simulator' : ''}`);
    process.exit(2);
  }
  const switcher: ContextSwitcher = live.kubeconfigContexts(source);
  const { startDashboard } = await loadDashboard();
  await startDashboard(opened.backend, {
    namespace: opts.namespace, allNamespaces: opts.allNamespaces, readonly: opts.readonly, theme: opts.theme,
    contexts: { current: opened.context, switcher },
  });
  process.exit(0);
}
