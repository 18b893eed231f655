// What the kubelets know that the API does not hold, as snapshot data: each pod's crash-loop
// fault and back-offs (restart and image pull), each node's pulled images and whether its
// kubelet is stopped. A snapshot restore starts new kubelets, which adopt the running pods from
// their status and then get this memory back.
import type { ComponentMemory, Faults } from '../context.js';
import { lookupImage, parseImage } from './imageRegistry.js';
import type { NodeAgent } from './nodeAgent.js';
import type { PodRun } from './podRun.js';

type BackoffEntries = Array<[string, number, number]>;

export interface KubeletMemory {
  pods: Array<{ uid: string; crashing: string[]; restartBackoff: BackoffEntries; pullBackoff: BackoffEntries }>;
  nodes: Array<{ name: string; images: string[]; failedAt?: number }>;
}

export interface KubeletInternals {
  runs(): Iterable<PodRun>;
  run(uid: string): PodRun | undefined;
  agents: ReadonlyMap<string, NodeAgent>;
  faults: Faults;
}

const isEntries = (v: unknown): boolean => Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 3 && typeof e[0] === 'string' && Number.isFinite(e[1]) && Number.isFinite(e[2]));
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');

function problem(data: unknown): string | undefined {
  const d = data as Partial<KubeletMemory> | null;
  if (!d || !Array.isArray(d.pods) || !Array.isArray(d.nodes)) return 'must hold pods and nodes lists';
  for (const [i, p] of d.pods.entries()) {
    if (typeof p?.uid !== 'string' || !isStrings(p.crashing) || !isEntries(p.restartBackoff) || !isEntries(p.pullBackoff)) {
      return `pods[${i}]: must have uid, crashing, restartBackoff and pullBackoff`;
    }
  }
  for (const [i, n] of d.nodes.entries()) {
    if (typeof n?.name !== 'string' || !isStrings(n.images) || (n.failedAt !== undefined && !Number.isFinite(n.failedAt))) {
      return `nodes[${i}]: must have name, images and maybe failedAt (ms)`;
    }
  }
  return undefined;
}

export function kubeletMemory(k: KubeletInternals): ComponentMemory {
  return {
    save(): KubeletMemory {
      const pods: KubeletMemory['pods'] = [];
      for (const run of k.runs()) {
        const restartBackoff = run.restartBackoff.exportState();
        const pullBackoff = run.pullBackoff.exportState();
        if (run.crashing.size || restartBackoff.length || pullBackoff.length) {
          pods.push({ uid: run.uid, crashing: [...run.crashing], restartBackoff, pullBackoff });
        }
      }
      const nodes = [...k.agents.values()].map((a) => ({ name: a.name, images: [...a.images.keys()], ...(a.failed ? { failedAt: a.failedAt } : {}) }));
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
        if (n.failedAt !== undefined) {
          k.faults.failNode(n.name);
          agent.failedAt = n.failedAt;
        }
      }
      for (const p of d.pods) {
        const run = k.run(p.uid);
        if (!run) continue;
        run.restartBackoff.importState(p.restartBackoff);
        run.pullBackoff.importState(p.pullBackoff);
        for (const c of p.crashing) {
          try { k.faults.crashLoop(run.namespace, run.name, c); } catch { /* the container is gone */ }
        }
      }
    },
  };
}
