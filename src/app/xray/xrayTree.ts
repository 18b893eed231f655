// The xray tree as lines: Deployment → its ReplicaSets (revision, ready) → their Pods (status);
// Service → the Pods of its endpoints. Pure: objects in, lines out; each line knows the object
// `enter` describes and the row state that colours it.
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service } from '../../../backends/contract/types.js';
import { rowState, tableFor, type RowState } from '../../render/index.js';
import { nameLine } from '../../ops/names.js';

export interface XrayLine {
  /** Computed when read: a screen reads only the lines it shows. */
  readonly text: string;
  readonly state: RowState;
  /** The object the line stands for; none for notes (`no endpoints`). */
  object?: { resource: ResourceName; namespace?: string; name: string };
}

const REVISION = 'deployment.kubernetes.io/revision';

/** A pod's line: text and state computed on first read (a screen reads only the lines it shows). */
class PodLine implements XrayLine {
  private t?: string;
  constructor(private readonly pod: Pod, private readonly now: number, private readonly extra: string) {}
  get text(): string {
    if (this.t === undefined) {
      const t = tableFor('pods');
      const cells = t.row(this.pod, { now: this.now });
      const cell = (name: string) => cells[t.columns.findIndex((c) => c.name.toUpperCase() === name)] ?? '';
      this.t = `pod/${this.pod.metadata?.name}  ${cell('READY')}  ${cell('STATUS')}  restarts ${cell('RESTARTS')}${this.extra}`;
    }
    return this.t;
  }
  get state(): RowState { return rowState('pods', this.pod, this.now); }
  get object(): XrayLine['object'] { return ref('pods', this.pod); }
}

/** A line drawn under a parent: the branch characters, then the line. */
class BranchLine implements XrayLine {
  constructor(private readonly lead: string, private readonly line: XrayLine) {}
  get text(): string { return this.lead + this.line.text; }
  get state(): RowState { return this.line.state; }
  get object(): XrayLine['object'] { return this.line.object; }
}

/** Objects by the uid of their controller, so a tree costs its own size, not the namespace's. */
export function byController<T extends KubeObject>(items: readonly T[]): (uid: string | undefined) => readonly T[] {
  const index = new Map<string, T[]>();
  for (const o of items) {
    const uid = o.metadata?.ownerReferences?.find((r) => r.controller)?.uid;
    if (!uid) continue;
    let list = index.get(uid);
    if (!list) index.set(uid, (list = []));
    list.push(o);
  }
  return (uid) => (uid ? index.get(uid) ?? [] : []);
}

/** EndpointSlices by the Service they belong to (`namespace/name`). */
export function slicesByService(slices: readonly EndpointSlice[]): (svc: Service) => readonly EndpointSlice[] {
  const index = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const key = `${s.metadata?.namespace}/${s.metadata?.labels?.['kubernetes.io/service-name']}`;
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push(s);
  }
  return (svc) => index.get(`${svc.metadata?.namespace}/${svc.metadata?.name}`) ?? [];
}

const byName = (a: KubeObject, b: KubeObject) => {
  const x = a.metadata?.name ?? '', y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};
const revisionOf = (rs: ReplicaSet) => Number(rs.metadata?.annotations?.[REVISION] ?? 0);

function ref(resource: ResourceName, obj: KubeObject): XrayLine['object'] {
  return { resource, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' };
}

/** `pod/NAME  1/1  Running  restarts 0`, from the pods table's own cells. */
function podLine(pod: Pod, now: number, extra = ''): XrayLine {
  return new PodLine(pod, now, extra);
}

/** Indents children under a parent with box-drawing branches. */
function branch(children: XrayLine[][], prefix: string): XrayLine[] {
  const out: XrayLine[] = [];
  children.forEach((group, i) => {
    const last = i === children.length - 1;
    group.forEach((line, j) => {
      const lead = j === 0 ? (last ? '└─ ' : '├─ ') : (last ? '   ' : '│  ');
      out.push(new BranchLine(prefix + lead, line));
    });
  });
  return out;
}

export function deploymentTree(
  d: Deployment, replicaSetsOf: (uid: string | undefined) => readonly ReplicaSet[], podsOf: (uid: string | undefined) => readonly Pod[], now: number,
): XrayLine[] {
  const s = d.status ?? {};
  const head: XrayLine = {
    text: `${nameLine('deployments', d.metadata?.name ?? '', '').trimEnd()}  ${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready, ${s.updatedReplicas ?? 0} up-to-date, ${s.availableReplicas ?? 0} available`,
    state: rowState('deployments', d, now),
    object: ref('deployments', d),
  };
  const owned = [...replicaSetsOf(d.metadata?.uid)]
    .sort((a, b) => revisionOf(b) - revisionOf(a) || byName(a, b));
  const groups = owned.map((rs) => {
    const line: XrayLine = {
      text: `${nameLine('replicasets', rs.metadata?.name ?? '', '').trimEnd()}  revision ${revisionOf(rs) || '?'}  ${rs.status?.readyReplicas ?? 0}/${rs.spec?.replicas ?? 1} ready`,
      state: rowState('replicasets', rs, now),
      object: ref('replicasets', rs),
    };
    const children = [...podsOf(rs.metadata?.uid)].sort(byName).map((p) => [podLine(p, now)]);
    return [line, ...branch(children, '')];
  });
  if (groups.length === 0) groups.push([{ text: '(no ReplicaSets)', state: 'pending' }]);
  return [head, ...branch(groups, '')];
}

/** The pods an EndpointSlice of the Service points at, with whether the endpoint is ready. */
function endpointPods(svc: Service, slices: readonly EndpointSlice[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const slice of slices) {
    if (slice.metadata?.labels?.['kubernetes.io/service-name'] !== svc.metadata?.name || slice.metadata?.namespace !== svc.metadata?.namespace) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.targetRef?.kind !== 'Pod' || !ep.targetRef.name) continue;
      out.set(ep.targetRef.name, (out.get(ep.targetRef.name) ?? false) || ep.conditions?.ready !== false);
    }
  }
  return out;
}

export function serviceTree(svc: Service, slices: readonly EndpointSlice[], podNamed: (namespace: string | undefined, name: string) => Pod | undefined, now: number): XrayLine[] {
  const t = tableFor('services');
  const cells = t.row(svc, { now });
  const cell = (name: string) => cells[t.columns.findIndex((c) => c.name.toUpperCase() === name)] ?? '';
  const head: XrayLine = {
    text: `service/${svc.metadata?.name}  ${cell('TYPE')}  ${cell('CLUSTER-IP')}  ${cell('PORT(S)')}`,
    state: rowState('services', svc, now),
    object: ref('services', svc),
  };
  const targets = endpointPods(svc, slices);
  const children: XrayLine[][] = [...targets.keys()].sort().map((name) => {
    const pod = podNamed(svc.metadata?.namespace, name);
    const endpoint = targets.get(name) ? '  endpoint ready' : '  endpoint not ready';
    return [pod ? podLine(pod, now, endpoint) : { text: `pod/${name}${endpoint}`, state: 'warning', object: { resource: 'pods', namespace: svc.metadata?.namespace, name } }];
  });
  if (children.length === 0) {
    const why = svc.spec?.selector && Object.keys(svc.spec.selector).length ? 'no pod matches the selector' : 'the Service has no selector';
    children.push([{ text: `(no endpoints: ${why})`, state: 'warning' }]);
  }
  return [head, ...branch(children, '')];
}
