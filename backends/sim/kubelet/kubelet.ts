// The kubelets of every node in the layout, as one component: each node registers its Node
// object and runs the pods bound to it (podLifecycle.ts); the node lifecycle and taint-eviction
// controllers react when a node stops (nodeLifecycle.ts). Publishes the faults, what a
// container sees (containerView) and container logs on the context.
import { badRequest, notFound, StatusError } from '../../contract/errors.js';
import { RESOURCES } from '../../contract/resources.js';
import type { ConfigMap, KubeObject, Node, Pod, Secret, Service } from '../../contract/types.js';
import type { Component, ContainerView, Faults, SimContext } from '../context.js';
import { Informer, objectKey } from '../controllers/informer.js';
import type { ConfigObjects } from './configResolution.js';
import { referencedObjects } from './configResolution.js';
import { containerLogs, containerView } from './containerAccess.js';
import { kubeletMemory, type KubeletMemoryPart } from './kubeletMemory.js';
import { NodeAgent } from './nodeAgent.js';
import { NodeLifecycleController } from './nodeLifecycle.js';
import { nodeFacts } from './nodes.js';
import { PodLifecycle } from './podLifecycle.js';
import { findContainer, isRunning, newPodRun, type ContainerRun, type PodRun } from './podRun.js';
import { mountVolumes } from './volumes.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
// The kubelet's periodic pod sync (syncFrequency 1 m, jittered) refreshes mounted ConfigMaps and Secrets.
// Deviation: the refresh comes 60–90 s after the change, where a real pod's next periodic sync
// may come sooner; so a change is never visible before a minute.
const VOLUME_SYNC_MS: [number, number] = [60_000, 90_000];

function isMirror(pod: Pod): boolean {
  return pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

class Kubelets {
  private readonly agents = new Map<string, NodeAgent>();
  private readonly runs = new Map<string, PodRun>();
  private readonly byKey = new Map<string, PodRun>();
  private readonly podsByNode = new Map<string, Map<string, Pod>>();
  /** `<ns>/configmap/<name>` or `<ns>/secret/<name>` -> pods whose volumes mount it. */
  private readonly volumeUsers = new Map<string, Set<PodRun>>();
  /** Mirror pods deleted through the API: the static pod keeps running and its mirror comes back. */
  private readonly mirrorCarry = new Map<string, PodRun>();
  private readonly pods: Informer<'pods'>;
  private readonly configMaps: Informer<'configmaps'>;
  private readonly secrets: Informer<'secrets'>;
  private readonly services: Informer<'services'>;
  private readonly lifecycle: PodLifecycle;
  private readonly nodeLifecycle: NodeLifecycleController;
  readonly objects: ConfigObjects;
  readonly memory: KubeletMemoryPart = kubeletMemory({ now: () => this.ctx.clock.now(), runs: () => this.runs.values(), agents: this.agents, faults: () => this.faults() });

  constructor(private readonly ctx: SimContext) {
    for (const facts of nodeFacts(ctx.layout)) this.agents.set(facts.name, new NodeAgent(facts, ctx));
    this.pods = new Informer(ctx.api, 'pods');
    this.configMaps = new Informer(ctx.api, 'configmaps');
    this.secrets = new Informer(ctx.api, 'secrets');
    this.services = new Informer(ctx.api, 'services');
    this.objects = {
      configMap: (ns, name) => this.configMaps.get(ns, name) as ConfigMap | undefined,
      secret: (ns, name) => this.secrets.get(ns, name) as Secret | undefined,
      services: (ns) => this.services.list(ns) as Service[],
    };
    this.lifecycle = new PodLifecycle({ ctx, objects: this.objects, agent: (node) => this.agents.get(node)! });
    this.nodeLifecycle = new NodeLifecycleController(ctx, (node) => [...(this.podsByNode.get(node)?.values() ?? [])]);
  }

  start(): void {
    for (const agent of this.agents.values()) agent.register();
    const volumeChanged = (kind: 'configmap' | 'secret') => (o: ConfigMap | Secret) => this.volumeSourceChanged(`${o.metadata?.namespace}/${kind}/${o.metadata?.name}`);
    this.configMaps.on({ add: volumeChanged('configmap'), update: (_, n) => volumeChanged('configmap')(n), delete: volumeChanged('configmap') });
    this.secrets.on({ add: volumeChanged('secret'), update: (_, n) => volumeChanged('secret')(n), delete: volumeChanged('secret') });
    this.pods.on({
      add: (p) => this.podSeen(p),
      update: (_, p) => this.podSeen(p),
      delete: (p) => this.podGone(p),
    });
    this.configMaps.start();
    this.secrets.start();
    this.services.start();
    this.nodeLifecycle.start();
    this.pods.start();
    this.memory.started();
  }

  stop(): void {
    this.nodeLifecycle.stop();
    for (const run of this.runs.values()) this.lifecycle.cancelAll(run);
    for (const agent of this.agents.values()) agent.stopTimers();
  }

  // ---------------------------------------------------------------- pods

  private podSeen(pod: Pod): void {
    const node = pod.spec?.nodeName;
    const uid = pod.metadata?.uid ?? '';
    const key = objectKey(pod);
    if (node && this.agents.has(node)) {
      let m = this.podsByNode.get(node);
      if (!m) this.podsByNode.set(node, (m = new Map()));
      m.set(key, pod);
      this.nodeLifecycle.podChanged(pod);
    }
    if (!node || !this.agents.has(node)) return;
    const agent = this.agents.get(node)!;
    let run = this.runs.get(uid);
    if (!run) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') {
        // Finished before this kubelet saw it. One already being deleted (a restored snapshot caught
        // it between its last container's exit and its removal) is removed, as its kubelet would.
        if (pod.metadata?.deletionTimestamp) this.removeFinished(pod);
        return;
      }
      run = this.carriedMirror(pod, key) ?? newPodRun(pod, node, this.ctx.clock);
      const carried = run.uid !== uid;
      run.uid = uid;
      run.pod = pod;
      this.memory.resume(run);
      this.runs.set(uid, run);
      this.byKey.set(key, run);
      this.indexVolumes(run, true);
      if (agent.failed) return;
      if (carried) return this.lifecycle.writeStatus(run);
      // A pod already terminating before this kubelet started (a restored snapshot): its
      // containers are still running and stop by the deadline the deletion set.
      if (pod.metadata?.deletionTimestamp) return this.terminate(run, this.lifecycle.adopt(run, pod));
      if (this.lifecycle.adopt(run, pod)) {
        // A refresh of its mounted ConfigMaps and Secrets that was due before the restart still is.
        if (run.volumeRefreshAt !== undefined && !run.volumeRefresh) this.refreshVolumesIn(run, Math.max(0, run.volumeRefreshAt - this.ctx.clock.now()));
        return;
      }
      this.lifecycle.adoptSandbox(run, pod);
      this.lifecycle.sync(run);
      return;
    }
    const old = run.pod;
    run.pod = pod;
    if (agent.failed) return;
    if (pod.metadata?.deletionTimestamp) return this.terminate(run);
    if (old.metadata?.generation !== pod.metadata?.generation) this.specChanged(run);
  }

  private removeFinished(pod: Pod): void {
    const m = pod.metadata!;
    this.ctx.clock.setTimer(Math.round(this.ctx.random.between(50, 300)), () => {
      try { this.ctx.api.delete('pods', m.namespace, m.name!, { gracePeriodSeconds: 0, preconditions: { uid: m.uid } }); } catch { /* gone */ }
    });
  }

  private terminate(run: PodRun, resumed = false): void {
    if (isMirror(run.pod) && !run.terminating) {
      // The mirror of a static pod: deleting it does not stop the static pod; the kubelet recreates the mirror.
      run.terminating = true;
      try { this.ctx.api.delete('pods', run.namespace, run.name, { gracePeriodSeconds: 0, preconditions: { uid: run.uid } }); } catch { /* gone */ }
      return;
    }
    this.lifecycle.terminate(run, resumed);
  }

  private specChanged(run: PodRun): void {
    for (const spec of run.pod.spec?.containers ?? []) {
      const c = run.containers.find((x) => x.name === spec.name);
      if (!c || c.spec.image === spec.image) { if (c) c.spec = spec; continue; }
      c.spec = spec;
      this.lifecycle.restartChanged(run, c);
    }
  }

  private podGone(pod: Pod): void {
    const key = objectKey(pod);
    const node = pod.spec?.nodeName;
    if (node) this.podsByNode.get(node)?.delete(key);
    this.nodeLifecycle.podGone(pod);
    const run = this.runs.get(pod.metadata?.uid ?? '');
    if (!run) return;
    this.runs.delete(run.uid);
    if (this.byKey.get(key) === run) this.byKey.delete(key);
    this.indexVolumes(run, false);
    const agent = this.agents.get(run.node)!;
    if (isMirror(pod) && !agent.failed) return this.recreateMirror(run, pod);
    this.lifecycle.cancelAll(run);
    if (!run.pod.spec?.hostNetwork) agent.ipam.release(run.podIP);
  }

  private recreateMirror(run: PodRun, pod: Pod): void {
    this.mirrorCarry.set(run.key, run);
    run.terminating = false;
    this.lifecycle.after(run, this.ctx.random.between(500, 1500), () => {
      const meta = pod.metadata!;
      try {
        this.ctx.api.create('pods', {
          apiVersion: 'v1', kind: 'Pod',
          metadata: { name: meta.name, namespace: meta.namespace, labels: meta.labels, annotations: meta.annotations, ownerReferences: meta.ownerReferences },
          spec: structuredClone(pod.spec),
        } as KubeObject);
      } catch {
        this.mirrorCarry.delete(run.key);
      }
    });
  }

  private carriedMirror(pod: Pod, key: string): PodRun | undefined {
    const run = this.mirrorCarry.get(key);
    if (!run || !isMirror(pod)) return undefined;
    this.mirrorCarry.delete(key);
    return run;
  }

  // ---------------------------------------------------------------- mounted ConfigMaps and Secrets

  private indexVolumes(run: PodRun, add: boolean): void {
    const mounted = new Set<string>();
    for (const v of run.pod.spec?.volumes ?? []) {
      if (v.configMap?.name) mounted.add(`configmap/${v.configMap.name}`);
      if (v.secret?.secretName) mounted.add(`secret/${v.secret.secretName}`);
      for (const s of v.projected?.sources ?? []) {
        if (s.configMap?.name) mounted.add(`configmap/${s.configMap.name}`);
        if (s.secret?.name) mounted.add(`secret/${s.secret.name}`);
      }
    }
    for (const ref of referencedObjects(run.pod)) {
      if (!mounted.has(ref)) continue;
      const key = `${run.namespace}/${ref}`;
      let users = this.volumeUsers.get(key);
      if (add) {
        if (!users) this.volumeUsers.set(key, (users = new Set()));
        users.add(run);
      } else if (users) {
        users.delete(run);
        if (users.size === 0) this.volumeUsers.delete(key);
      }
    }
  }

  private volumeSourceChanged(key: string): void {
    for (const run of this.volumeUsers.get(key) ?? []) {
      if (run.volumeRefresh || !run.volumes || run.terminal) continue;
      this.refreshVolumesIn(run, this.ctx.random.between(VOLUME_SYNC_MS[0], VOLUME_SYNC_MS[1]));
    }
  }

  private refreshVolumesIn(run: PodRun, ms: number): void {
    run.volumeRefreshAt = this.ctx.clock.now() + ms;
    run.volumeRefresh = this.lifecycle.after(run, ms, () => {
      run.volumeRefresh = undefined;
      run.volumeRefreshAt = undefined;
      const m = mountVolumes(run.pod, this.objects);
      if (m.ok) run.volumes = m.volumes;
      else this.lifecycle.event(run, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${m.volume}" : ${m.error}`);
    });
  }

  // ---------------------------------------------------------------- faults, view, logs

  private locate(namespace: string, pod: string, container?: string): { run: PodRun; c: ContainerRun } {
    const run = this.byKey.get(`${namespace}/${pod}`);
    if (!run) {
      const p = this.ctx.api.tryGet('pods', namespace, pod) as Pod | undefined;
      if (!p) throw notFound(RESOURCES.pods, pod);
      throw badRequest(`pod ${pod} does not have a host assigned`);
    }
    const c = findContainer(run, container);
    if (!c) throw badRequest(`container ${container} is not valid for pod ${pod}`);
    return { run, c };
  }

  private agentOf(node: string): NodeAgent {
    const agent = this.agents.get(node);
    if (!agent) throw notFound(RESOURCES.nodes, node);
    return agent;
  }

  faults(): Faults {
    return {
      killContainer: (namespace, pod, container) => {
        const { run, c } = this.locate(namespace, pod, container);
        if (this.agents.get(run.node)!.failed || !isRunning(c) || run.terminating) return;
        this.lifecycle.exited(run, c, c.current!, 137, 'Error');
      },
      crashLoop: (namespace, pod, container) => {
        const { run, c } = this.locate(namespace, pod, container);
        run.crashing.add(c.name);
        if (this.agents.get(run.node)!.failed || !isRunning(c) || run.terminating) return;
        const instance = c.current!;
        instance.fault = true;
        this.lifecycle.after(run, this.ctx.random.between(1000, 3000), () => {
          if (!run.crashing.has(c.name) || c.current !== instance || instance.finishedAt !== undefined) return;
          instance.crashedAtMs = this.ctx.clock.now() - instance.startedAt;
          this.lifecycle.exited(run, c, instance, 1);
        });
      },
      heal: (namespace, pod, container) => {
        const { run, c } = this.locate(namespace, pod, container);
        run.crashing.delete(c.name);
      },
      failNode: (node) => {
        const agent = this.agentOf(node);
        if (agent.failed) return;
        agent.failed = true;
        agent.failedAt = this.ctx.clock.now();
        agent.pullFreeAt = 0;
        agent.pulling.clear();
        agent.stopTimers();
        for (const run of this.runs.values()) if (run.node === node) this.lifecycle.cancelAll(run);
        this.nodeLifecycle.kubeletStopped(node);
      },
      recoverNode: (node) => {
        const agent = this.agentOf(node);
        if (!agent.failed) return;
        agent.failed = false;
        agent.postReady();
        const n = this.ctx.api.tryGet('nodes', undefined, node) as Node | undefined;
        if (n) {
          this.ctx.events.record(n as KubeObject, 'Normal', 'Starting', 'Starting kubelet.', { component: 'kubelet', host: node });
          this.ctx.events.record(n as KubeObject, 'Normal', 'NodeReady', `Node ${node} status is now: NodeReady`, { component: 'kubelet', host: node });
        }
        this.nodeLifecycle.kubeletStarted(node);
        for (const run of [...this.runs.values()]) if (run.node === node) this.lifecycle.afterReboot(run);
      },
    };
  }

  view(namespace: string, pod: string, container?: string): ContainerView | undefined {
    const run = this.byKey.get(`${namespace}/${pod}`);
    if (!run || this.agents.get(run.node)!.failed) return undefined;
    return containerView(run, container);
  }

  logs(namespace: string, pod: string, container: string | undefined, tailLines: number, previous = false): string[] {
    const { run } = this.locate(namespace, pod, container);
    const agent = this.agents.get(run.node)!;
    if (agent.failed) {
      const c = container ?? run.containers[0]?.name;
      throw new StatusError({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
        message: `Get "https://${agent.facts.ip}:10250/containerLogs/${namespace}/${pod}/${c}": dial tcp ${agent.facts.ip}:10250: connect: no route to host`,
      });
    }
    return containerLogs(run, container, tailLines, this.ctx.clock.now(), previous);
  }
}

export const kubelet: Component = (ctx) => {
  const kubelets = new Kubelets(ctx);
  // Registered before the start: a restart from a snapshot gets its memory back first.
  (ctx.memory ??= {}).kubelet = kubelets.memory;
  kubelets.start();
  ctx.faults = kubelets.faults();
  ctx.containerView = (namespace, pod, container) => kubelets.view(namespace, pod, container);
  ctx.logs = (namespace, pod, container, tailLines, previous) => kubelets.logs(namespace, pod, container, tailLines, previous);
  return () => kubelets.stop();
};
