// Defaulting as the apiserver does it on every write (the SetDefaults_* functions run when a
// request body is decoded), plus the registry strategies' PrepareForCreate/PrepareForUpdate
// fix-ups that shape what gets stored.
import type { ResourceName } from '../../contract/resources.js';
import type { Deployment, KubeObject, Namespace, Pod, ReplicaSet, Secret, Service } from '../../contract/types.js';
import { defaultPodOnly, defaultPodSpec } from './podDefaults.js';

/** SetDefaults_Deployment (apps/v1). minReadySeconds 0 and paused false are zero values, never serialized. */
function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodSpec(spec.template?.spec);
}

function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  spec.replicas ??= 1;
  defaultPodSpec(spec.template?.spec);
}

/** SetDefaults_Service (ClusterIP and NodePort allocation belong to the network's admission). */
function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const externallyAccessible = spec.type === 'NodePort' || spec.type === 'LoadBalancer'
    || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
  if (externallyAccessible) spec.externalTrafficPolicy ||= 'Cluster';
  if (spec.type !== 'ExternalName') spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
}

/**
 * dropTypeDependentFields (service strategy PrepareForUpdate): leaving NodePort/LoadBalancer
 * wipes node ports and the external traffic policy the user did not change, so a type change
 * back to ClusterIP is valid.
 */
function dropServiceTypeFields(svc: Service, old: Service): void {
  const spec = svc.spec;
  const was = old.spec?.type;
  if (!spec || (was !== 'NodePort' && was !== 'LoadBalancer')) return;
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') return;
  const oldPorts = (old.spec?.ports ?? []).map((p) => p.nodePort ?? 0);
  const newPorts = (spec.ports ?? []).map((p) => p.nodePort ?? 0);
  if (JSON.stringify(oldPorts) === JSON.stringify(newPorts)) for (const p of spec.ports ?? []) delete p.nodePort;
  if (spec.externalTrafficPolicy === old.spec?.externalTrafficPolicy && !(spec.externalIPs?.length)) delete spec.externalTrafficPolicy;
}

/** SetDefaults_Secret and the v1 conversion: `stringData` is written into `data` (it wins) and dropped. */
function defaultSecret(s: Secret): void {
  s.type ||= 'Opaque';
  if (s.stringData) {
    const data = (s.data ??= {});
    for (const [k, v] of Object.entries(s.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  }
  delete s.stringData;
}

/**
 * SetDefaults_Namespace forces the name label; PrepareForCreate adds the `kubernetes` finalizer
 * and sets phase Active; PrepareForUpdate keeps the status.
 * Deviation: spec.finalizers may change through a plain update (there is no /finalize subresource).
 */
function defaultNamespace(ns: Namespace, old: Namespace | undefined): void {
  const meta = (ns.metadata ??= {});
  meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name ?? '' };
  if (!old) {
    const finalizers = ns.spec?.finalizers ?? [];
    ns.spec = { ...ns.spec, finalizers: finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'] };
    ns.status = { phase: 'Active' };
  } else if (old.status) {
    ns.status = structuredClone(old.status);
  }
}

export function applyDefaults(resource: ResourceName, obj: KubeObject, old: KubeObject | undefined): void {
  const creating = old === undefined;
  switch (resource) {
    case 'pods':
      defaultPodSpec((obj as Pod).spec);
      defaultPodOnly(obj as Pod);
      return;
    case 'deployments':
      defaultDeployment(obj as Deployment);
      if (creating) obj.status = {};
      return;
    case 'replicasets':
      defaultReplicaSet(obj as ReplicaSet);
      if (creating) obj.status = { replicas: 0 };
      return;
    case 'services':
      defaultService(obj as Service);
      if (old) dropServiceTypeFields(obj as Service, old as Service);
      return;
    case 'secrets':
      defaultSecret(obj as Secret);
      return;
    case 'namespaces':
      defaultNamespace(obj as Namespace, old as Namespace | undefined);
      return;
    default:
      return;
  }
}
