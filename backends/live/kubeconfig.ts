// Kubeconfig files read the way kubectl reads them (client-go clientcmd loader): `--kubeconfig`
// alone when given; else every file in $KUBECONFIG, merged with the first file to name a
// cluster, user or context (or to set current-context) winning; else ~/.kube/config. Relative
// file references resolve against the file that holds them. Plain data: no client library here,
// so the contexts can be listed (and a bad --context refused) without loading one.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import yaml from 'js-yaml';

export interface NamedEntry<K extends string> {
  name: string;
  /** The entry's body (`cluster:`, `user:` or `context:`), as written in the file. */
  body: Record<string, unknown>;
  /** The file it came from. */
  file: string;
  kind: K;
}

export interface Kubeconfig {
  /** The files read, in precedence order. */
  files: string[];
  clusters: NamedEntry<'cluster'>[];
  users: NamedEntry<'user'>[];
  contexts: NamedEntry<'context'>[];
  currentContext?: string;
}

/** One row of `kubectl config get-contexts`. */
export interface ContextInfo {
  name: string;
  cluster: string;
  authInfo: string;
  namespace: string;
  current: boolean;
}

export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

export interface KubeconfigSource {
  /** `--kubeconfig`: that file only, which must exist. */
  explicitPath?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** The files kubectl would read, in precedence order, and whether a missing one is an error. */
export function kubeconfigPaths(src: KubeconfigSource = {}): { paths: string[]; mustExist: boolean } {
  if (src.explicitPath) return { paths: [resolve(src.explicitPath)], mustExist: true };
  const env = src.env ?? process.env;
  if (env.KUBECONFIG) {
    const paths = [...new Set(env.KUBECONFIG.split(delimiter).filter(Boolean).map((p) => resolve(p)))];
    return { paths, mustExist: false };
  }
  return { paths: [join(src.home ?? homedir(), '.kube', 'config')], mustExist: false };
}

function parseFile(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = yaml.load(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KubeconfigError(`error loading config file "${file}": ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new KubeconfigError(`error loading config file "${file}": not a kubeconfig (expected a mapping)`);
  return doc as Record<string, unknown>;
}

// client-go ResolveLocalPaths: these references are relative to the file that holds them.
const CLUSTER_PATHS = ['certificate-authority'];
const USER_PATHS = ['client-certificate', 'client-key', 'token-file'];

function absolutePaths(body: Record<string, unknown>, keys: string[], dir: string): Record<string, unknown> {
  const out = { ...body };
  for (const k of keys) {
    const v = out[k];
    if (typeof v === 'string' && v && !isAbsolute(v)) out[k] = join(dir, v);
  }
  const exec = out.exec as Record<string, unknown> | undefined;
  // An exec command with a path separator is a file next to the kubeconfig; a bare name is looked up on PATH.
  if (exec && typeof exec.command === 'string' && exec.command.includes(sep) && !isAbsolute(exec.command)) {
    out.exec = { ...exec, command: join(dir, exec.command) };
  }
  return out;
}

function entries<K extends 'cluster' | 'user' | 'context'>(doc: Record<string, unknown>, list: string, kind: K, file: string): NamedEntry<K>[] {
  const raw = doc[list];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new KubeconfigError(`error loading config file "${file}": ${list} must be a list`);
  const dir = dirname(file);
  return raw.map((e: unknown, i) => {
    const entry = (e ?? {}) as Record<string, unknown>;
    if (typeof entry.name !== 'string' || !entry.name) throw new KubeconfigError(`error loading config file "${file}": ${list}[${i}].name is missing`);
    let body = (entry[kind] ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) throw new KubeconfigError(`error loading config file "${file}": ${list}[${i}].${kind} must be a mapping`);
    if (kind === 'cluster') body = absolutePaths(body, CLUSTER_PATHS, dir);
    if (kind === 'user') body = absolutePaths(body, USER_PATHS, dir);
    return { name: entry.name, body, file, kind };
  });
}

/** Appends what `from` names that `into` does not already name: the first definition wins. */
function mergeFirstWins<K extends string>(into: NamedEntry<K>[], from: NamedEntry<K>[]): void {
  const seen = new Set(into.map((e) => e.name));
  for (const e of from) if (!seen.has(e.name)) { seen.add(e.name); into.push(e); }
}

export function loadKubeconfig(src: KubeconfigSource = {}): Kubeconfig {
  const { paths, mustExist } = kubeconfigPaths(src);
  const cfg: Kubeconfig = { files: [], clusters: [], users: [], contexts: [] };
  for (const file of paths) {
    if (!existsSync(file)) {
      if (mustExist) throw new KubeconfigError(`the kubeconfig file "${file}" does not exist`);
      continue;
    }
    const doc = parseFile(file);
    cfg.files.push(file);
    mergeFirstWins(cfg.clusters, entries(doc, 'clusters', 'cluster', file));
    mergeFirstWins(cfg.users, entries(doc, 'users', 'user', file));
    mergeFirstWins(cfg.contexts, entries(doc, 'contexts', 'context', file));
    const current = doc['current-context'];
    if (!cfg.currentContext && typeof current === 'string' && current) cfg.currentContext = current;
  }
  if (cfg.files.length === 0) {
    throw new KubeconfigError((src.env ?? process.env).KUBECONFIG
      ? `no kubeconfig found: none of the files in KUBECONFIG (${paths.join(delimiter)}) exists`
      : `no kubeconfig found: ${paths[0]} does not exist and KUBECONFIG is not set`);
  }
  return cfg;
}

function str(v: unknown): string { return typeof v === 'string' ? v : ''; }

export function contextsOf(cfg: Kubeconfig, current = cfg.currentContext): ContextInfo[] {
  return cfg.contexts.map((c) => ({
    name: c.name, cluster: str(c.body.cluster), authInfo: str(c.body.user), namespace: str(c.body.namespace), current: c.name === current,
  }));
}

function available(cfg: Kubeconfig): string {
  return cfg.contexts.length ? `available contexts: ${cfg.contexts.map((c) => c.name).join(', ')}` : 'the kubeconfig defines no contexts';
}

export interface ResolvedContext {
  context: NamedEntry<'context'>;
  cluster: NamedEntry<'cluster'>;
  user?: NamedEntry<'user'>;
  /** The context's namespace, `default` when it names none. */
  namespace: string;
}

/** The context kubectl would use (`--context`, else current-context), with its cluster and user. */
export function resolveContext(cfg: Kubeconfig, name?: string): ResolvedContext {
  const wanted = name ?? cfg.currentContext;
  if (!wanted) throw new KubeconfigError(`no context chosen: the kubeconfig (${cfg.files.join(', ')}) sets no current-context; pass --context NAME (${available(cfg)})`);
  const context = cfg.contexts.find((c) => c.name === wanted);
  if (!context) throw new KubeconfigError(`context "${wanted}" does not exist in ${cfg.files.join(', ')}; ${available(cfg)}`);
  const clusterName = str(context.body.cluster);
  const cluster = cfg.clusters.find((c) => c.name === clusterName);
  if (!cluster) throw new KubeconfigError(`context "${wanted}" refers to cluster "${clusterName}", which is not defined in ${cfg.files.join(', ')}`);
  if (!str(cluster.body.server)) throw new KubeconfigError(`cluster "${clusterName}" in ${cluster.file} has no server`);
  const userName = str(context.body.user);
  const user = userName ? cfg.users.find((u) => u.name === userName) : undefined;
  if (userName && !user) throw new KubeconfigError(`context "${wanted}" refers to user "${userName}", which is not defined in ${cfg.files.join(', ')}`);
  return { context, cluster, user, namespace: str(context.body.namespace) || 'default' };
}
