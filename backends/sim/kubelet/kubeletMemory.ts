// What the kubelets know that the API does not hold, as snapshot data: each pod's crash-loop
// fault, back-offs (restart and image pull) and the image pull under way; each node's pulled
// images, pulls in flight and whether its kubelet is stopped. After a restore the new kubelets
// get it back before they look at their pods: a run resumes where it was instead of starting over.
import type { ComponentMemory, Faults } from '../context.js';
import { lookupImage, parseImage } from './imageRegistry.js';
import type { NodeAgent } from './nodeAgent.js';
import type { PodRun, PullInFlight } from './podRun.js';

type BackoffEntries = Array<[string, number, number]>;

interface PodMemory {
  uid: string;
  crashing: string[];
  restartBackoff: BackoffEntries;
  pullBackoff: BackoffEntries;
  pull?: PullInFlight;
  /** When the containers of a terminating pod are killed. */
  killAt?: number;
  /** What running containers were given from ConfigMaps and Secrets: environments by container, mounted files by volume. */
  env?: Record<string, Record<string, string>>;
  volumes?: Array<[string, Record<string, string>]>;
  volumeRefreshAt?: number;
  /** A sandbox whose IP no status shows yet (its containers are still being started). */
  sandboxIP?: string;
}

/** The sandbox IP the runtime holds but the stored status does not show yet. */
function unpublishedSandbox(run: PodRun): Pick<PodMemory, 'sandboxIP'> {
  if (run.sandbox !== 'ready' || !run.podIP || run.pod.status?.podIP === run.podIP) return {};
  return { sandboxIP: run.podIP };
}

/** Whether the pod takes environment variables or files from ConfigMaps or Secrets (which may have changed since). */
function usesConfig(run: PodRun): boolean {
  const spec = run.pod.spec;
  const fromObjects = (c: { envFrom?: unknown[]; env?: Array<{ valueFrom?: { configMapKeyRef?: unknown; secretKeyRef?: unknown } }> }) =>
    (c.envFrom?.length ?? 0) > 0 || (c.env ?? []).some((e) => e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef);
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some(fromObjects)
    || (spec?.volumes ?? []).some((v) => v.configMap || v.secret);
}

function configMemory(run: PodRun): Pick<PodMemory, 'env' | 'volumes' | 'volumeRefreshAt'> {
  const running = run.containers.filter((c) => c.current && c.current.finishedAt === undefined);
  if (!running.length || !usesConfig(run)) return {};
  return {
    env: Object.fromEntries(running.map((c) => [c.name, { ...c.current!.env }])),
    ...(run.volumes ? { volumes: [...run.volumes].map(([name, files]) => [name, { ...files }] as [string, Record<string, string>]) } : {}),
    ...(run.volumeRefreshAt !== undefined ? { volumeRefreshAt: run.volumeRefreshAt } : {}),
  };
}
interface NodeMemory {
  name: string;
  images: string[];
  pulling: Array<[string, number]>;
  pullFreeAt: number;
  /** The pod IP allocator's round-robin position. */
  ipam: { last: number; overflow: number };
  /** When the pending node status update (new images) is due. */
  statusDueAt?: number;
  failedAt?: number;
}

export interface KubeletMemory { pods: PodMemory[]; nodes: NodeMemory[] }

export interface KubeletInternals {
  now(): number;
  runs(): Iterable<PodRun>;
  agents: ReadonlyMap<string, NodeAgent>;
  faults(): Faults;
}

export interface KubeletMemoryPart extends ComponentMemory {
  /** Gives a run the kubelet just created what it knew of that pod before it restarted. */
  resume(run: PodRun): void;
  /** Once the kubelets run: the ones that were stopped stop again. */
  started(): void;
}

const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isEntries = (v: unknown): boolean => Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 3 && typeof e[0] === 'string' && isNumber(e[1]) && isNumber(e[2]));
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isPull = (p: Partial<PullInFlight> | undefined): boolean => p === undefined
  || (typeof p.container === 'string' && typeof p.image === 'string' && isNumber(p.pullMs) && isNumber(p.end) && isNumber(p.since));

const isStringMap = (v: unknown): boolean => typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

function optionalConfig(p: Partial<PodMemory>): boolean {
  return [p.killAt, p.volumeRefreshAt].every((v) => v === undefined || isNumber(v))
    && (p.sandboxIP === undefined || typeof p.sandboxIP === 'string')
    && (p.env === undefined || (typeof p.env === 'object' && p.env !== null && Object.values(p.env).every(isStringMap)))
    && (p.volumes === undefined || (Array.isArray(p.volumes) && p.volumes.every((v) => Array.isArray(v) && typeof v[0] === 'string' && isStringMap(v[1]))));
}

function problem(data: unknown): string | undefined {
  const d = data as Partial<KubeletMemory> | null;
  if (!d || !Array.isArray(d.pods) || !Array.isArray(d.nodes)) return 'must hold pods and nodes lists';
  for (const [i, p] of d.pods.entries()) {
    if (typeof p?.uid !== 'string' || !isStrings(p.crashing) || !isEntries(p.restartBackoff) || !isEntries(p.pullBackoff) || !isPull(p.pull) || !optionalConfig(p)) {
      return `pods[${i}]: must have uid, crashing, restartBackoff and pullBackoff, and maybe pull, killAt, env, volumes, volumeRefreshAt and sandboxIP`;
    }
  }
  for (const [i, n] of d.nodes.entries()) {
    const pulling = Array.isArray(n?.pulling) && n.pulling.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isNumber(e[1]));
    const optional = [n?.failedAt, n?.statusDueAt].every((v) => v === undefined || isNumber(v));
    if (typeof n?.name !== 'string' || !isStrings(n.images) || !pulling || !isNumber(n.pullFreeAt) || !isNumber(n.ipam?.last) || !isNumber(n.ipam?.overflow) || !optional) {
      return `nodes[${i}]: must have name, images, pulling, pullFreeAt, ipam and maybe statusDueAt and failedAt (ms)`;
    }
  }
  return undefined;
}

export function kubeletMemory(k: KubeletInternals): KubeletMemoryPart {
  const now = () => k.now();
  const pending = new Map<string, PodMemory>();
  const stopped: NodeMemory[] = [];
  return {
    save(): KubeletMemory {
      const pods: PodMemory[] = [];
      for (const run of k.runs()) {
        const restartBackoff = run.restartBackoff.exportState();
        const pullBackoff = run.pullBackoff.exportState();
        const config = configMemory(run);
        const sandbox = unpublishedSandbox(run);
        if (run.crashing.size || restartBackoff.length || pullBackoff.length || run.pullInFlight || run.killAt !== undefined || config.env || sandbox.sandboxIP) {
          pods.push({
            uid: run.uid, crashing: [...run.crashing], restartBackoff, pullBackoff,
            ...(run.pullInFlight ? { pull: { ...run.pullInFlight } } : {}), ...(run.killAt !== undefined ? { killAt: run.killAt } : {}), ...config, ...sandbox,
          });
        }
      }
      const nodes = [...k.agents.values()].map((a) => ({
        name: a.name, images: [...a.images.keys()], pulling: [...a.pulling], pullFreeAt: a.pullFreeAt, ipam: a.ipam.cursor,
        ...(a.statusDueAt !== undefined ? { statusDueAt: a.statusDueAt } : {}), ...(a.failed ? { failedAt: a.failedAt } : {}),
      }));
      return { pods, nodes };
    },
    check: problem,
    load(data: unknown): void {
      if (problem(data)) return;
      const d = data as KubeletMemory;
      for (const n of d.nodes) {
        const agent = k.agents.get(n.name);
        if (!agent) continue;
        for (const image of n.images) {
          const p = parseImage(image);
          const found = p.ok ? lookupImage(p.ref) : undefined;
          if (p.ok && found?.ok && !agent.images.has(p.ref.normalized)) agent.images.set(p.ref.normalized, found.image);
        }
        for (const [image, end] of n.pulling) agent.pulling.set(image, end);
        agent.pullFreeAt = n.pullFreeAt;
        agent.ipam.cursor = n.ipam;
        if (n.statusDueAt !== undefined) agent.imagesChanged(Math.max(0, n.statusDueAt - now()));
        if (n.failedAt !== undefined) stopped.push(n);
      }
      for (const p of d.pods) pending.set(p.uid, p);
    },
    resume(run: PodRun): void {
      const p = pending.get(run.uid);
      if (!p) return;
      pending.delete(run.uid);
      run.restartBackoff.importState(p.restartBackoff);
      run.pullBackoff.importState(p.pullBackoff);
      for (const c of p.crashing) run.crashing.add(c);
      if (p.pull) run.pullInFlight = { ...p.pull };
      if (p.killAt !== undefined) run.killAt = p.killAt;
      if (p.env) run.resumedEnv = p.env;
      if (p.volumes) run.volumes = new Map(p.volumes);
      if (p.volumeRefreshAt !== undefined) run.volumeRefreshAt = p.volumeRefreshAt;
      if (p.sandboxIP) {
        run.sandbox = 'ready';
        run.podIP = p.sandboxIP;
        if (!run.pod.spec?.hostNetwork) k.agents.get(run.node)?.ipam.reserve(p.sandboxIP);
      }
    },
    started(): void {
      for (const n of stopped.splice(0)) {
        k.faults().failNode(n.name);
        const agent = k.agents.get(n.name);
        if (agent) agent.failedAt = n.failedAt!;
      }
    },
  };
}
