import { describe, expect, it } from 'vitest';
import { admission } from '../../backends/sim/admission/index.js';
import { isStatusError, type StatusError } from '../../backends/contract/errors.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { formatError } from '../../src/ops/errors.js';
import { newSim } from '../helpers/sim.js';

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const template = (labels: Record<string, string> = { app: 'petclinic' }) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE' }] },
});

const rs = (spec: Record<string, unknown>, name = 'petclinic'): KubeObject =>
  ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name }, spec: { replicas: 3, template: template(), ...spec } });

const deploy = (spec: Record<string, unknown>, name = 'petclinic'): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: 'petclinic' } }, template: template(), ...spec },
});

const pod = (spec: Record<string, unknown>, name = 'petclinic'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'petclinic', image: 'i' }], ...spec } });

/** The write fails with 422 and the store is unchanged. */
function invalid(sim: Simulator, resource: ResourceName, write: () => unknown): StatusError {
  const before = JSON.stringify(sim.api.list(resource));
  let err: unknown;
  try { write(); } catch (e) { err = e; }
  expect(isStatusError(err, 'Invalid')).toBe(true);
  expect((err as StatusError).code).toBe(422);
  expect(JSON.stringify(sim.api.list(resource))).toBe(before);
  return err as StatusError;
}

function onCreate(resource: ResourceName, obj: KubeObject): StatusError {
  const sim = newSim([admission]);
  return invalid(sim, resource, () => sim.api.create(resource, obj));
}

describe('Deployment and ReplicaSet validation', () => {
  it('reports an apps/v1 ReplicaSet without a selector with both causes (§16 item 10)', () => {
    const err = onCreate('replicasets', rs({}));
    expect(err.message).toBe('ReplicaSet.apps "petclinic" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`]');
    expect(err.status.details).toEqual({
      name: 'petclinic', group: 'apps', kind: 'ReplicaSet',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
      ],
    });
    expect(formatError(err)).toBe([
      'The ReplicaSet "petclinic" is invalid: ',
      '* spec.selector: Required value',
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`',
    ].join('\n'));
  });

  it('rejects a selector that does not match the template labels, in v1.33 Go syntax', () => {
    const err = onCreate('deployments', deploy({ selector: { matchLabels: { app: 'x' } } }));
    expect(err.message).toBe('Deployment.apps "petclinic" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`');
    expect(formatError(err)).toBe('The Deployment "petclinic" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`');
  });

  it('rejects negative replicas, an empty selector and zero surge with zero unavailable', () => {
    expect(onCreate('deployments', deploy({ replicas: -1 })).message)
      .toBe('Deployment.apps "petclinic" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(onCreate('replicasets', rs({ selector: {} })).message)
      .toBe('ReplicaSet.apps "petclinic" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment');
    expect(onCreate('deployments', deploy({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })).message)
      .toBe('Deployment.apps "petclinic" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
    expect(onCreate('deployments', deploy({ strategy: { rollingUpdate: { maxSurge: 'half' } } })).message)
      .toBe("Deployment.apps \"petclinic\" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    expect(onCreate('deployments', deploy({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } })).message)
      .toBe("Deployment.apps \"petclinic\" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    expect(onCreate('deployments', deploy({ minReadySeconds: 700 })).message)
      .toBe('Deployment.apps "petclinic" is invalid: spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds');
  });

  it('requires restartPolicy Always in a template', () => {
    const t = template();
    (t.spec as Record<string, unknown>).restartPolicy = 'Never';
    expect(onCreate('deployments', deploy({ template: t })).message)
      .toBe('Deployment.apps "petclinic" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"');
  });

  it('refuses to change the selector of an existing Deployment', () => {
    const sim = newSim([admission]);
    sim.api.create('deployments', deploy({}));
    const err = invalid(sim, 'deployments', () => sim.api.patch('deployments', 'default', 'petclinic', 'merge', {
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    }));
    expect(err.message).toBe('Deployment.apps "petclinic" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });
});

describe('name validation', () => {
  it('wants an RFC 1123 subdomain for Pods, Deployments and ConfigMaps', () => {
    expect(onCreate('deployments', deploy({}, 'PetClinic')).message)
      .toBe(`Deployment.apps "PetClinic" is invalid: metadata.name: Invalid value: "PetClinic": ${SUBDOMAIN_MSG}`);
    expect(onCreate('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'petclinic_config' } }).message)
      .toBe(`ConfigMap "petclinic_config" is invalid: metadata.name: Invalid value: "petclinic_config": ${SUBDOMAIN_MSG}`);
  });

  it('accepts dots in a Pod name (a warning, not an error)', () => {
    const sim = newSim([admission]);
    expect(sim.api.create('pods', pod({}, 'petclinic-v1.0.0')).metadata!.name).toBe('petclinic-v1.0.0');
  });

  it('wants a DNS-1035 label for Services and an RFC 1123 label for Namespaces', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '8080-petclinic' }, spec: { ports: [{ port: 8080 }] } };
    expect(onCreate('services', svc).message).toBe(`Service "8080-petclinic" is invalid: metadata.name: Invalid value: "8080-petclinic": ${DNS1035_MSG}`);
    expect(onCreate('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'my.ns' } }).message)
      .toBe(`Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": ${LABEL_MSG}`);
  });

  it('checks label keys and values', () => {
    const p = pod({});
    p.metadata!.labels = { version: 'v1.0.0!' };
    expect(onCreate('pods', p).message).toBe("Pod \"petclinic\" is invalid: metadata.labels: Invalid value: \"v1.0.0!\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  });
});

describe('Pod validation', () => {
  it('requires containers, and a name and an image in each', () => {
    expect(onCreate('pods', pod({ containers: [] })).message).toBe('Pod "petclinic" is invalid: spec.containers: Required value');
    expect(onCreate('pods', pod({ containers: [{ name: 'web' }, { image: 'nginx' }] })).message)
      .toBe('Pod "petclinic" is invalid: [spec.containers[0].image: Required value, spec.containers[1].name: Required value]');
  });

  it('reports bad ports, policies, mounts of unknown volumes and duplicate names', () => {
    const err = onCreate('pods', pod({
      restartPolicy: 'always',
      containers: [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 70000, protocol: 'tcp' }], volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] },
        { name: 'web', image: 'nginx', imagePullPolicy: 'always' },
      ],
    }));
    expect(err.status.details!.causes!.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].volumeMounts[0].name: Not found: "config"',
      'spec.containers[1].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
      'spec.containers[1].name: Duplicate value: "web"',
      'spec.restartPolicy: Unsupported value: "always": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('checks configMap references in env and envFrom', () => {
    const err = onCreate('pods', pod({
      containers: [{ name: 'web', image: 'nginx', envFrom: [{ configMapRef: { name: 'Petclinic_Config' } }], env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg' } } }] }],
    }));
    expect(err.status.details!.causes!.map((c) => c.field)).toEqual([
      'spec.containers[0].env[0].valueFrom.configMapKeyRef.key', 'spec.containers[0].envFrom[0].configMapRef.name',
    ]);
  });
});

describe('Service validation', () => {
  const svc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'petclinic' }, spec });

  it('requires ports, names them when there are several, and checks their numbers', () => {
    expect(onCreate('services', svc({ selector: { app: 'petclinic' } })).message).toBe('Service "petclinic" is invalid: spec.ports: Required value');
    expect(onCreate('services', svc({ ports: [{ port: 8080 }, { port: 8080 }] })).message).toBe(
      'Service "petclinic" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value, '
      + 'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:8080, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]');
    expect(onCreate('services', svc({ ports: [{ targetPort: 8080 }] })).message)
      .toBe('Service "petclinic" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
  });

  it('rejects an unknown type and a nodePort on a ClusterIP Service', () => {
    expect(onCreate('services', svc({ type: 'Nodeport', ports: [{ port: 80 }] })).message)
      .toBe('Service "petclinic" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    expect(onCreate('services', svc({ ports: [{ port: 80, nodePort: 31080 }] })).message)
      .toBe("Service \"petclinic\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  });
});

describe('Secret, ConfigMap and Namespace validation', () => {
  const secret = (type: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-tls' }, type, data });

  it('requires the keys of each Secret type', () => {
    expect(onCreate('secrets', secret('kubernetes.io/tls', { 'tls.crt': 'Y2VydA==' })).message)
      .toBe('Secret "web-tls" is invalid: data[tls.key]: Required value');
    expect(onCreate('secrets', secret('kubernetes.io/tls', {})).message)
      .toBe('Secret "web-tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]');
    expect(onCreate('secrets', secret('kubernetes.io/dockerconfigjson', {})).message)
      .toBe('Secret "web-tls" is invalid: data[.dockerconfigjson]: Required value');
    const sim = newSim([admission]);
    expect(sim.api.create('secrets', { ...secret('kubernetes.io/tls', {}), stringData: { 'tls.crt': 'c', 'tls.key': 'k' } }).type).toBe('kubernetes.io/tls');
  });

  it('keeps a Secret\'s type', () => {
    const sim = newSim([admission]);
    sim.api.create('secrets', secret('Opaque', { a: 'Yg==' }));
    const err = invalid(sim, 'secrets', () => sim.api.patch('secrets', 'default', 'web-tls', 'merge', { type: 'kubernetes.io/basic-auth', data: { username: 'dQ==' } }));
    expect(err.message).toBe('Secret "web-tls" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable');
  });

  it('checks ConfigMap keys', () => {
    expect(onCreate('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'petclinic-config' }, data: { 'TEST CONFIG': 'v1' } }).message)
      .toBe("ConfigMap \"petclinic-config\" is invalid: data[TEST CONFIG]: Invalid value: \"TEST CONFIG\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  });

  it('rejects an unqualified namespace finalizer', () => {
    expect(onCreate('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, spec: { finalizers: ['cleanup'] } }).message)
      .toBe('Namespace "shop" is invalid: spec.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified');
  });
});
