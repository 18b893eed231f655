// The kubeconfig that points kubectl (and kdash --context) at a served simulator.
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import yaml from 'js-yaml';

export const SIM_CONTEXT = 'kdash-sim';

export function defaultKubeconfigPath(): string {
  return join(homedir(), '.kube', 'kdash-sim.yaml');
}

export function kubeconfigFor(server: string): string {
  return yaml.dump({
    apiVersion: 'v1', kind: 'Config', preferences: {},
    clusters: [{ name: SIM_CONTEXT, cluster: { server } }],
    users: [{ name: SIM_CONTEXT, user: {} }],
    contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT, namespace: 'default' } }],
    'current-context': SIM_CONTEXT,
  });
}

export function writeKubeconfig(path: string, server: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigFor(server), { mode: 0o600 });
}
