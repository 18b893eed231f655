// kdash's command-line arguments.
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  kdash --sim [options]                  the dashboard on the built-in simulated cluster
  kdash --context NAME [options]         the dashboard on a live cluster from your kubeconfig
  kdash serve [--port N] [--kubeconfig-out FILE] [--speed X] [--seed N]
                                         run the simulator headless as a Kubernetes API on 127.0.0.1
                                         for kubectl (context kdash-sim)

Options:
  --sim                 use the built-in Kubernetes simulator (no cluster needed)
  --seed N              seed of the simulator's random choices (default 1)
  --speed X             simulated time runs X times faster than real time (default 1)
  --context NAME        kubeconfig context of a live cluster
  --kubeconfig PATH     kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
  -n, --namespace NS    namespace to open (default: the context's)
  -A, --all-namespaces  open on all namespaces
  --serve               with --sim: also serve the simulator to kubectl (see \`kdash serve\`)
  --port N              port to serve on (default 0: any free port)
  --kubeconfig-out FILE where to write the kubeconfig for the served simulator
                        (default ~/.kube/kdash-sim.yaml)
  --expose              with --sim: answer HTTP on 127.0.0.1:<nodePort> for every NodePort Service
  --scenario NAME|FILE  demo mode: a shipped scenario (blue-green, rolling-update...) or a scenario
                        file; n / p step, R restarts, X leaves (stepping back: --sim only)
  --traffic SVC[,SVC]   with --sim: a steady stream of requests to these Services, shown per pod
  --load FILE           with --sim or serve: start from a snapshot file (written by :save FILE);
                        the file's random state replaces --seed
  --readonly            hide and refuse every change to the cluster
  --theme NAME          colour theme: dark (default), light, mono, colorblind
  -h, --help            this help
  -v, --version         kdash's version`;

export interface CliOptions {
  command: 'dashboard' | 'serve';
  sim: boolean;
  serve: boolean;
  expose: boolean;
  port: number;
  kubeconfigOut?: string;
  seed: number;
  speed: number;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces: boolean;
  readonly: boolean;
  theme?: string;
  scenario?: string;
  traffic?: string[];
  /** A snapshot file to start the simulator from. */
  load?: string;
}

export class UsageError extends Error {}

export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      sim: { type: 'boolean', default: false },
      serve: { type: 'boolean', default: false },
      expose: { type: 'boolean', default: false },
      port: { type: 'string' },
      'kubeconfig-out': { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'all-namespaces': { type: 'boolean', short: 'A', default: false },
      readonly: { type: 'boolean', default: false },
      theme: { type: 'string' },
      scenario: { type: 'string' },
      traffic: { type: 'string' },
      load: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const num = (name: string, v: string | undefined, dflt: number, min: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} must be a number ≥ ${min}, got "${v}"`);
    return n;
  };
  if (positionals.length > 1 || (positionals.length === 1 && positionals[0] !== 'serve')) {
    throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  }
  const command = positionals[0] === 'serve' ? 'serve' : 'dashboard';
  if (values.sim && values.context) throw new UsageError('choose one of --sim and --context');
  if (values.expose && !values.sim && command !== 'serve') throw new UsageError('--expose exposes the simulator: use it with --sim');
  if (values.serve && !values.sim) throw new UsageError('--serve serves the simulator: use it with --sim');
  if (values.traffic && (!values.sim || command === 'serve')) throw new UsageError('--traffic sends simulated requests: use it with --sim');
  if (values.scenario && command === 'serve') throw new UsageError('--scenario plays in the dashboard: use it with --sim or --context');
  if (values.load !== undefined && !values.sim && command !== 'serve') throw new UsageError('--load starts the simulator from a snapshot: use it with --sim');
  if (values.scenario && values.readonly) throw new UsageError('--scenario changes the cluster: it cannot be used with --readonly');
  return {
    command,
    sim: values.sim || command === 'serve',
    serve: values.serve || command === 'serve',
    expose: values.expose,
    port: Math.floor(num('port', values.port, 0, 0)),
    kubeconfigOut: values['kubeconfig-out'],
    seed: Math.floor(num('seed', values.seed, 1, 0)),
    speed: num('speed', values.speed, 1, 0.01),
    context: values.context,
    kubeconfig: values.kubeconfig,
    namespace: values.namespace,
    allNamespaces: values['all-namespaces'],
    readonly: values.readonly,
    theme: values.theme,
    scenario: values.scenario,
    traffic: values.traffic?.split(',').map((s) => s.trim()).filter(Boolean),
    load: values.load,
  };
}
