// One sync of one Deployment: the working copy the controller edits (like the DeepCopy in
// syncDeployment), the ReplicaSets it owns, and the writes it makes through the API server.
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../../contract/types.js';
import { isStatusError } from '../../../contract/errors.js';
import type { ApiServer } from '../../apiserver/apiServer.js';
import type { Clock } from '../../clock.js';
import type { EventRecorder } from '../../events.js';
import type { Informer } from '../informer.js';
import type { TemplateKeys } from './templates.js';

export const COMPONENT = 'deployment-controller';

export interface DeploymentControllerDeps {
  api: ApiServer;
  clock: Clock;
  events: EventRecorder;
  replicaSets: Informer<'replicasets'>;
  pods: Informer<'pods'>;
  /** ReplicaSets of a namespace with no controlling owner: candidates for adoption. */
  orphanReplicaSets(namespace: string): ReplicaSet[];
  templates: TemplateKeys;
  /** Queue this Deployment's key again after ms of simulated time. */
  requeueAfter(key: string, ms: number): void;
}

function sameStringMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {}), kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => a![k] === b?.[k]);
}

export class DeploymentSync {
  /** The working copy: metadata and status are private to this sync; spec is shared and read-only. */
  readonly d: Deployment;
  /** The ReplicaSets this Deployment owns, kept current with this sync's own writes. */
  rsList: ReplicaSet[] = [];
  private writtenAnnotations: Record<string, string> | undefined;

  constructor(readonly deps: DeploymentControllerDeps, readonly cached: Deployment) {
    // Shallow copies suffice: the sync replaces condition lists and annotations maps, never edits them.
    const meta = cached.metadata ?? {};
    this.d = { ...cached, metadata: { ...meta, ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}) } };
    if (cached.status) this.d.status = { ...cached.status };
    this.writtenAnnotations = meta.annotations;
  }

  get key(): string { return `${this.d.metadata?.namespace}/${this.d.metadata?.name}`; }
  get namespace(): string { return this.d.metadata?.namespace ?? 'default'; }
  now(): number { return this.deps.clock.now(); }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.events.record(this.d as KubeObject, type, reason, message, { component: COMPONENT });
  }

  /** Pods owned by one of this Deployment's ReplicaSets. */
  podsOf(rs: ReplicaSet): Pod[] { return this.deps.pods.ownedBy(rs.metadata?.uid ?? ''); }

  private remember(rs: ReplicaSet): void {
    const uid = rs.metadata?.uid;
    const i = this.rsList.findIndex((x) => x.metadata?.uid === uid);
    if (i >= 0) this.rsList[i] = rs; else this.rsList.push(rs);
  }

  createReplicaSet(rs: ReplicaSet): ReplicaSet {
    const created = this.deps.api.create('replicasets', rs as KubeObject) as ReplicaSet;
    this.remember(created);
    return created;
  }

  /** Update (PUT) with the resourceVersion the copy was read at: a stale copy fails with Conflict. */
  updateReplicaSet(rs: ReplicaSet): ReplicaSet {
    const updated = this.deps.api.update('replicasets', rs as KubeObject) as ReplicaSet;
    this.remember(updated);
    return updated;
  }

  deleteReplicaSet(rs: ReplicaSet): void {
    try {
      this.deps.api.delete('replicasets', rs.metadata?.namespace, rs.metadata?.name ?? '');
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) throw e;
    }
    this.rsList = this.rsList.filter((x) => x.metadata?.uid !== rs.metadata?.uid);
  }

  /**
   * UpdateStatus. For Deployments the status subresource also stores metadata.annotations (that
   * is how the controller writes the revision annotation); kdash's API server keeps a status
   * write to .status, so a changed annotation is written first with an ordinary update.
   * Deviation: a revision change therefore costs two writes (two resourceVersions, two watch
   * events) where a real cluster makes one.
   */
  updateStatus(): void {
    const api = this.deps.api;
    const annotations = this.d.metadata?.annotations;
    if (!sameStringMap(annotations, this.writtenAnnotations)) {
      const { status: _status, ...withoutStatus } = this.d;
      void _status;
      const stored = api.update('deployments', withoutStatus as KubeObject) as Deployment;
      this.d.metadata!.resourceVersion = stored.metadata?.resourceVersion;
      this.writtenAnnotations = { ...annotations };
    }
    const stored = api.update('deployments', { ...this.d, status: this.d.status ?? {} } as KubeObject, { subresource: 'status' }) as Deployment;
    this.d.metadata!.resourceVersion = stored.metadata?.resourceVersion;
  }

  /** Update (PUT) of the whole Deployment: only the legacy rollback path changes its spec. */
  update(): void {
    const stored = this.deps.api.update('deployments', this.d as KubeObject) as Deployment;
    this.d.metadata!.resourceVersion = stored.metadata?.resourceVersion;
    this.writtenAnnotations = stored.metadata?.annotations;
  }
}
