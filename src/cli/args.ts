// kdash's command-line arguments.
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  kdash --sim [options]                  the dashboard on the built-in simulated cluster
  kdash --context NAME [options]         the dashboard on a live cluster from your kubeconfig

Options:
  --sim                 use the built-in Kubernetes simulator (no cluster needed)
  --seed N              seed of the simulator's random choices (default 1)
  --speed X             simulated time runs X times faster than real time (default 1)
  --context NAME        kubeconfig context of a live cluster
  --kubeconfig PATH     kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  -n, --namespace NS    namespace to open (default: the context's)
  -A, --all-namespaces  open on all namespaces
  --readonly            hide and refuse every change to the cluster
  --theme NAME          colour theme: dark (default), light, mono, colorblind
  -h, --help            this help
  -v, --version         kdash's version`;

export interface CliOptions {
  sim: boolean;
  seed: number;
  speed: number;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces: boolean;
  readonly: boolean;
  theme?: string;
}

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  const { values } = parseArgs({
    args: argv,
    options: {
      sim: { type: 'boolean', default: false },
      seed: { type: 'string' },
      speed: { type: 'string' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'all-namespaces': { type: 'boolean', short: 'A', default: false },
      readonly: { type: 'boolean', default: false },
      theme: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const num = (name: string, v: string | undefined, dflt: number, min: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number ≥ ${min}, got "${v}"`);
    return n;
  };
  if (values.sim && values.context) throw new UsageError('choose one of --sim and --context');
  return {
    sim: values.sim,
    seed: Math.floor(num('seed', values.seed, 1, 0)),
    speed: num('speed', values.speed, 1, 0.01),
    context: values.context,
    kubeconfig: values.kubeconfig,
    namespace: values.namespace,
    allNamespaces: values['all-namespaces'],
    readonly: values.readonly,
    theme: values.theme,
  };
}
