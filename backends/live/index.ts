// The live backend's entry point. @kubernetes/client-node is loaded here, with `await import()`,
// only when a live backend is created: the simulator never loads it.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeHttp } from './kubeHttp.js';
import { contextsOf, loadKubeconfig, resolveContext, type ContextInfo, type Kubeconfig, type KubeconfigSource } from './kubeconfig.js';
import { LiveBackend } from './liveBackend.js';

export { LiveBackend, resourcePath, type LiveTarget } from './liveBackend.js';
export { ConnectionError } from './liveErrors.js';
export { contextsOf, KubeconfigError, kubeconfigPaths, loadKubeconfig, resolveContext, type ContextInfo, type Kubeconfig, type KubeconfigSource } from './kubeconfig.js';

/** The merged kubeconfig as one document, in the shape client-node's KubeConfig loads. */
function mergedDocument(cfg: Kubeconfig, context: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Config',
    clusters: cfg.clusters.map((c) => ({ name: c.name, cluster: c.body })),
    users: cfg.users.map((u) => ({ name: u.name, user: u.body })),
    contexts: cfg.contexts.map((c) => ({ name: c.name, context: c.body })),
    'current-context': context,
  };
}

async function clientConfig(cfg: Kubeconfig, context: string): Promise<{ kc: KubeConfig; Watch: typeof import('@kubernetes/client-node').Watch }> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  // Entries other contexts need but this one does not are skipped rather than refused, as kubectl
  // only validates the context in use (resolveContext did that).
  kc.loadFromString(JSON.stringify(mergedDocument(cfg, context)), { onInvalidEntry: 'filter' });
  // client-node refuses plain http:// servers unless TLS verification is off, which means nothing
  // without TLS; kubectl talks to them as they are (a served simulator is one).
  const clusters = kc.getClusters().map((c) => (c.server.startsWith('http:') ? { ...c, skipTLSVerify: true } : c));
  kc.loadFromOptions({ clusters, users: kc.getUsers(), contexts: kc.getContexts(), currentContext: context });
  return { kc, Watch: k8s.Watch };
}

/**
 * A backend on a context of a loaded kubeconfig (default: its current-context). The context is
 * checked at once (a KubeconfigError); client-node loads in the background, so the dashboard can
 * draw its first frame meanwhile, and the first requests wait for it.
 */
export async function liveBackendFor(cfg: Kubeconfig, contextName?: string): Promise<LiveBackend> {
  const resolved = resolveContext(cfg, contextName);
  const context = resolved.context.name;
  const client = clientConfig(cfg, context);
  const server = String(resolved.cluster.body.server).replace(/\/+$/, '');
  const http = new KubeHttp(client.then((c) => c.kc), server, resolved.cluster.name);
  return new LiveBackend(http, () => client.then((c) => new c.Watch(c.kc)), { context, cluster: resolved.cluster.name, server, namespace: resolved.namespace });
}

/** Reads the kubeconfig (as kubectl would) and opens a backend on the context. */
export async function createLiveBackend(opts: KubeconfigSource & { context?: string } = {}): Promise<LiveBackend> {
  return liveBackendFor(loadKubeconfig(opts), opts.context);
}

/**
 * The kubeconfig's contexts and a backend on any of them, for switching at runtime. The files are
 * read again each time, as kubectl reads them for each command.
 */
export function kubeconfigContexts(src: KubeconfigSource): { contexts(inUse: string): ContextInfo[]; open(name: string): Promise<LiveBackend> } {
  return {
    contexts: (inUse) => contextsOf(loadKubeconfig(src), inUse),
    open: (name) => liveBackendFor(loadKubeconfig(src), name),
  };
}
