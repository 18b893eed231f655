import { describe, expect, it } from 'vitest';
import { admission, unknownFields } from '../../backends/sim/admission/index.js';
import { base64ErrorOffset } from '../../backends/sim/admission/strictFields.js';
import { isStatusError, type StatusError } from '../../backends/contract/errors.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { newSim } from '../helpers/sim.js';

const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic' },
  spec: {
    selector: { matchLabels: { app: 'petclinic' } }, replicas: 3,
    template: { metadata: { labels: { app: 'petclinic' } }, spec: { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE' }] } },
    ...spec,
  },
});

/** Creates through the simulator and returns the error, checking that the store did not change. */
function rejected(resource: ResourceName, obj: KubeObject): StatusError {
  const sim = newSim([admission]);
  const before = JSON.stringify(sim.api.list(resource));
  let err: unknown;
  try { sim.api.create(resource, obj); } catch (e) { err = e; }
  expect(isStatusError(err)).toBe(true);
  expect(JSON.stringify(sim.api.list(resource))).toBe(before);
  return err as StatusError;
}

describe('unknownFields', () => {
  it('names every field the type does not have, with list indexes, in document order', () => {
    const obj = deployment({ template: { metadata: { lables: {} }, spec: { containers: [{ name: 'a', image: 'b' }, { name: 'c', imagee: 'd' }] } }, seletor: {} });
    expect(unknownFields(obj)).toEqual(['spec.template.metadata.lables', 'spec.template.spec.containers[1].imagee', 'spec.seletor']);
  });

  it('accepts any key inside maps (labels, data, resources)', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { anything: 'x' }, annotations: { 'a.b/c': 'd' } },
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 1, memory: '1Gi', 'nvidia.com/gpu': 1 } } }] },
    };
    expect(unknownFields(pod)).toEqual([]);
    expect(unknownFields({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { ANY_KEY: 'v' } })).toEqual([]);
  });
});

describe('strict decoding on create (HTTP 400, nothing stored)', () => {
  it('rejects a misspelled Service selector', () => {
    const err = rejected('services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'petclinic' },
      spec: { type: 'NodePort', ports: [{ name: 'http', port: 8080, targetPort: 8080, nodePort: 31080 }], seletor: { app: 'petclinic' } },
    });
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"');
  });

  it('rejects a replicas typo in a Deployment, listing every unknown field', () => {
    const obj = deployment({ replica: 3 });
    delete (obj.spec as Record<string, unknown>).replicas;
    expect(rejected('deployments', obj).message)
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    const two = deployment({ template: { metadata: { labels: { app: 'petclinic' } }, spec: { containers: [{ name: 'p', image: 'i', imagePullPolicyy: 'Always' }] } }, replcas: 3 });
    expect(rejected('deployments', two).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy", unknown field "spec.replcas"');
  });

  it('rejects values of the wrong type the way encoding/json reports them', () => {
    expect(rejected('deployments', deployment({ replicas: '3' })).message)
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    const env = deployment({ template: { metadata: { labels: { app: 'petclinic' } }, spec: { containers: [{ name: 'p', image: 'i', env: [{ name: 'PORT', value: 8080 }] }] } } });
    expect(rejected('deployments', env).message)
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
    expect(rejected('deployments', deployment({ replicas: 1.5 })).message)
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    const label = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { version: 1.1 } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    expect(rejected('pods', label as unknown as KubeObject).message)
      .toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  });

  it('rejects an unparsable quantity and Secret data that is not base64', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '512MB' } } }] } };
    expect(rejected('pods', pod).message).toBe(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'root' + '!' } };
    expect(rejected('secrets', secret).message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
  });

  it('finds the byte encoding/base64 stops at', () => {
    expect(base64ErrorOffset('cm9vdA==')).toBe(-1);
    expect(base64ErrorOffset('cm9vdA')).toBe(4);
    expect(base64ErrorOffset('cm9v dA==')).toBe(4);
    expect(base64ErrorOffset('cm9vdA==x')).toBe(8);
    expect(base64ErrorOffset('cm9vdA=')).toBe(7);
  });

  it('checks what a patch produces as well', () => {
    const sim = newSim([admission]);
    sim.api.create('deployments', deployment({}));
    const before = sim.api.get('deployments', 'default', 'petclinic');
    expect(() => sim.api.patch('deployments', 'default', 'petclinic', 'merge', { spec: { replica: 2 } }))
      .toThrow('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    expect(sim.api.get('deployments', 'default', 'petclinic')).toBe(before);
  });
});
