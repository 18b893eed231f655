// Field numbers of the Kubernetes protobuf messages (k8s.io/api generated.proto) that kubectl's
// typed clients send: the objects `kubectl create namespace|configmap|secret|serviceaccount|
// deployment|service` build. Each field maps to its JSON name and how to read it.

export type FieldKind =
  | 'string' | 'bytes' | 'int' | 'bool' | 'time' | 'intOrString' | 'quantity'
  | { message: string } | { map: 'string' | 'bytes' | 'quantity' };

export interface FieldSpec {
  json: string;
  kind: FieldKind;
  repeated?: boolean;
  /** A Go pointer: a zero value was set on purpose and is kept (`replicas: 0`). */
  pointer?: boolean;
}

export type MessageSpec = Record<number, FieldSpec>;

const f = (json: string, kind: FieldKind, more: Partial<FieldSpec> = {}): FieldSpec => ({ json, kind, ...more });
const msg = (message: string) => ({ message });

export const MESSAGES: Record<string, MessageSpec> = {
  ObjectMeta: {
    1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'), 5: f('uid', 'string'),
    6: f('resourceVersion', 'string'), 7: f('generation', 'int'), 8: f('creationTimestamp', 'time'),
    9: f('deletionTimestamp', 'time'), 10: f('deletionGracePeriodSeconds', 'int', { pointer: true }),
    11: f('labels', { map: 'string' }), 12: f('annotations', { map: 'string' }),
    13: f('ownerReferences', msg('OwnerReference'), { repeated: true }), 14: f('finalizers', 'string', { repeated: true }),
  },
  OwnerReference: {
    1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
    6: f('controller', 'bool', { pointer: true }), 7: f('blockOwnerDeletion', 'bool', { pointer: true }),
  },
  LabelSelector: { 1: f('matchLabels', { map: 'string' }), 2: f('matchExpressions', msg('LabelSelectorRequirement'), { repeated: true }) },
  LabelSelectorRequirement: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', { repeated: true }) },
  LocalObjectReference: { 1: f('name', 'string') },
  ObjectReference: { 1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string') },

  Namespace: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('NamespaceSpec')), 3: f('status', msg('NamespaceStatus')) },
  NamespaceSpec: { 1: f('finalizers', 'string', { repeated: true }) },
  NamespaceStatus: { 1: f('phase', 'string') },
  ConfigMap: {
    1: f('metadata', msg('ObjectMeta')), 2: f('data', { map: 'string' }), 3: f('binaryData', { map: 'bytes' }),
    4: f('immutable', 'bool', { pointer: true }),
  },
  Secret: {
    1: f('metadata', msg('ObjectMeta')), 2: f('data', { map: 'bytes' }), 3: f('type', 'string'),
    4: f('stringData', { map: 'string' }), 5: f('immutable', 'bool', { pointer: true }),
  },
  ServiceAccount: {
    1: f('metadata', msg('ObjectMeta')), 2: f('secrets', msg('ObjectReference'), { repeated: true }),
    3: f('imagePullSecrets', msg('LocalObjectReference'), { repeated: true }),
    4: f('automountServiceAccountToken', 'bool', { pointer: true }),
  },

  Service: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('ServiceSpec')), 3: f('status', msg('Empty')) },
  ServiceSpec: {
    1: f('ports', msg('ServicePort'), { repeated: true }), 2: f('selector', { map: 'string' }), 3: f('clusterIP', 'string'),
    4: f('type', 'string'), 5: f('externalIPs', 'string', { repeated: true }), 7: f('sessionAffinity', 'string'),
    8: f('loadBalancerIP', 'string'), 10: f('externalName', 'string'), 11: f('externalTrafficPolicy', 'string'),
    13: f('publishNotReadyAddresses', 'bool'), 18: f('clusterIPs', 'string', { repeated: true }),
    19: f('ipFamilies', 'string', { repeated: true }), 17: f('ipFamilyPolicy', 'string', { pointer: true }),
    22: f('internalTrafficPolicy', 'string', { pointer: true }),
  },
  ServicePort: {
    1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int'), 4: f('targetPort', 'intOrString'),
    5: f('nodePort', 'int'), 6: f('appProtocol', 'string', { pointer: true }),
  },

  Deployment: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('DeploymentSpec')), 3: f('status', msg('Empty')) },
  DeploymentSpec: {
    1: f('replicas', 'int', { pointer: true }), 2: f('selector', msg('LabelSelector')), 3: f('template', msg('PodTemplateSpec')),
    4: f('strategy', msg('DeploymentStrategy')), 5: f('minReadySeconds', 'int'), 6: f('revisionHistoryLimit', 'int', { pointer: true }),
    7: f('paused', 'bool'), 9: f('progressDeadlineSeconds', 'int', { pointer: true }),
  },
  DeploymentStrategy: { 1: f('type', 'string'), 2: f('rollingUpdate', msg('RollingUpdateDeployment')) },
  RollingUpdateDeployment: { 1: f('maxUnavailable', 'intOrString'), 2: f('maxSurge', 'intOrString') },
  PodTemplateSpec: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('PodSpec')) },
  PodSpec: {
    2: f('containers', msg('Container'), { repeated: true }), 3: f('restartPolicy', 'string'),
    4: f('terminationGracePeriodSeconds', 'int', { pointer: true }), 6: f('dnsPolicy', 'string'),
    7: f('nodeSelector', { map: 'string' }), 8: f('serviceAccountName', 'string'), 10: f('nodeName', 'string'),
    15: f('imagePullSecrets', msg('LocalObjectReference'), { repeated: true }), 19: f('schedulerName', 'string'),
    20: f('initContainers', msg('Container'), { repeated: true }),
  },
  Container: {
    1: f('name', 'string'), 2: f('image', 'string'), 3: f('command', 'string', { repeated: true }),
    4: f('args', 'string', { repeated: true }), 5: f('workingDir', 'string'), 6: f('ports', msg('ContainerPort'), { repeated: true }),
    7: f('env', msg('EnvVar'), { repeated: true }), 8: f('resources', msg('ResourceRequirements')),
    13: f('terminationMessagePath', 'string'), 14: f('imagePullPolicy', 'string'), 16: f('stdin', 'bool'),
    17: f('stdinOnce', 'bool'), 18: f('tty', 'bool'), 20: f('terminationMessagePolicy', 'string'),
  },
  ContainerPort: { 1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string') },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string') },
  ResourceRequirements: { 1: f('limits', { map: 'quantity' }), 2: f('requests', { map: 'quantity' }) },
  SelfSubjectAccessReview: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('SelfSubjectAccessReviewSpec')), 3: f('status', msg('Empty')) },
  SelfSubjectAccessReviewSpec: { 1: f('resourceAttributes', msg('ResourceAttributes')), 2: f('nonResourceAttributes', msg('NonResourceAttributes')) },
  ResourceAttributes: {
    1: f('namespace', 'string'), 2: f('verb', 'string'), 3: f('group', 'string'), 4: f('version', 'string'),
    5: f('resource', 'string'), 6: f('subresource', 'string'), 7: f('name', 'string'),
  },
  NonResourceAttributes: { 1: f('path', 'string'), 2: f('verb', 'string') },
  /** A status the client leaves empty; anything set in it is refused like any unknown field. */
  Empty: {},
};

/** The top-level message of each kind kubectl may send as protobuf. */
export const KIND_MESSAGES: Record<string, string> = {
  Namespace: 'Namespace', ConfigMap: 'ConfigMap', Secret: 'Secret', ServiceAccount: 'ServiceAccount',
  Service: 'Service', Deployment: 'Deployment', SelfSubjectAccessReview: 'SelfSubjectAccessReview',
};
