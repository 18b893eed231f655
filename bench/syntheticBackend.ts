// A backend holding nothing but a given number of running pods, shaped like a kubelet reports them,
// so the dashboard can be measured at cluster sizes the simulator would take minutes to reach.
// Pod changes are pushed by hand (`modifyPod`) to the open watches.
import type {
  Backend, Capabilities, ClusterIdentity, ListResult, Watch, WatchHandlers, WatchOptions,
} from '../backends/contract/backend.js';
import { notFound } from '../backends/contract/errors.js';
import { RESOURCES, type ResourceName } from '../backends/contract/resources.js';
import type { Event, ObjectOf, Pod, Status } from '../backends/contract/types.js';

const NODES = ['kind-worker', 'kind-worker2', 'kind-worker3'];

export function syntheticPod(i: number, created: number): Pod {
  const app = `app-${String(Math.floor(i / 100)).padStart(4, '0')}`;
  const hash = (0x5d59d67564 + Math.floor(i / 100) * 7919).toString(36).slice(0, 10);
  const suffix = (1_000_000 + i * 7_717).toString(36).slice(-5);
  const name = `${app}-${hash}-${suffix}`;
  const started = new Date(created - (i % 600) * 1000).toISOString();
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i), creationTimestamp: started,
      labels: { app, 'pod-template-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${hash}`, uid: `rs-${app}`, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: NODES[i % NODES.length], restartPolicy: 'Always', terminationGracePeriodSeconds: 30,
      containers: [{ name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    },
    status: {
      phase: 'Running', qosClass: 'BestEffort', hostIP: '172.18.0.3', podIP: `10.244.${(i >> 8) & 255}.${i & 255}`, startTime: started,
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: started },
        { type: 'Initialized', status: 'True', lastTransitionTime: started },
        { type: 'Ready', status: 'True', lastTransitionTime: started },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: started },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
      ],
      containerStatuses: [{
        name: 'app', image: 'docker.io/library/nginx:1.25', imageID: 'docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
        containerID: `containerd://${String(i).padStart(64, '0')}`, ready: true, started: true, restartCount: 0,
        state: { running: { startedAt: started } }, lastState: {},
      }],
    } as Pod['status'],
  };
}

export class SyntheticPodsBackend implements Backend {
  readonly capabilities: Capabilities = { logs: 'none', traffic: false, faults: false };
  private readonly pods: Pod[] = [];
  private readonly byName = new Map<string, number>();
  private readonly watchers = new Set<WatchHandlers<Pod>>();
  private rv = 0;

  constructor(count: number, now: number) {
    for (let i = 0; i < count; i++) this.pods.push(syntheticPod(i, now));
    // An API server lists in storage order: by name within a namespace.
    this.pods.sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    this.pods.forEach((p, i) => this.byName.set(p.metadata!.name!, i));
    this.rv = 1000 + count;
  }

  podName(i: number): string { return this.pods[i].metadata!.name!; }

  /** Replaces a pod with a changed copy and tells every open watch, as an API server would. */
  modifyPod(name: string, change: (p: Pod) => void): void {
    const i = this.byName.get(name);
    if (i === undefined) throw new Error(`no pod ${name}`);
    const next = structuredClone(this.pods[i]);
    change(next);
    next.metadata!.resourceVersion = String(++this.rv);
    this.pods[i] = next;
    for (const w of this.watchers) w.onEvent({ type: 'MODIFIED', object: next });
  }

  async identity(): Promise<ClusterIdentity> {
    return { context: 'bench', cluster: 'bench', server: 'http://127.0.0.1:0', version: 'v1.33.1', namespace: 'default', backend: 'sim' };
  }

  async list<R extends ResourceName>(resource: R): Promise<ListResult<ObjectOf[R]>> {
    const items = resource === 'pods' ? [...this.pods] : [];
    return { items: items as ObjectOf[R][], resourceVersion: String(this.rv) };
  }

  watch<R extends ResourceName>(resource: R, _opts: WatchOptions, handlers: WatchHandlers<ObjectOf[R]>): Watch {
    if (resource !== 'pods') return { stop() {} };
    const h = handlers as unknown as WatchHandlers<Pod>;
    this.watchers.add(h);
    return { stop: () => { this.watchers.delete(h); } };
  }

  async get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): Promise<ObjectOf[R]> {
    const i = resource === 'pods' ? this.byName.get(name) : undefined;
    if (i === undefined) throw notFound(RESOURCES[resource], name);
    void namespace;
    return this.pods[i] as ObjectOf[R];
  }

  private readOnly(): never { throw new Error('the benchmark backend is read-only'); }
  async create<R extends ResourceName>(): Promise<ObjectOf[R]> { return this.readOnly(); }
  async update<R extends ResourceName>(): Promise<ObjectOf[R]> { return this.readOnly(); }
  async patch<R extends ResourceName>(): Promise<ObjectOf[R]> { return this.readOnly(); }
  async delete<R extends ResourceName>(): Promise<ObjectOf[R] | Status> { return this.readOnly(); }
  async eventsFor(): Promise<Event[]> { return []; }
  async logs(): Promise<string[]> { return []; }
  async close(): Promise<void> { this.watchers.clear(); }
}

