// Hand-written manifests with the usual mistakes, applied with the real kubectl against
// `kdash serve`: kubectl's own errors, exit code 1, and nothing created for the bad object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petclinicDeployment, petclinicPod, petclinicReplicaSet, petclinicService } from '../helpers/petclinicManifests.js';
import { TEST_TIMEOUT, ServedCluster } from './servedCluster.js';
import { petclinicConfig } from './tutorialManifests.js';

let c: ServedCluster;
beforeAll(async () => { c = await ServedCluster.start({ seed: 7 }); });
afterAll(async () => { await c?.close(); });

const failed = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });
const names = (resource: 'pods' | 'services' | 'deployments' | 'replicasets' | 'configmaps' | 'secrets') =>
  c.sim.api.list(resource, { namespace: 'default' }).items.map((o) => o.metadata!.name!).sort();

describe('mistakes in manifests', TEST_TIMEOUT, () => {
  it('a misspelled field is rejected by strict field validation', async () => {
    const file = c.file('typo.yml', petclinicDeployment('1.0.0').replace('  selector:', '  selectr:'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(failed(
      'Error from server (BadRequest): error when creating "typo.yml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.selectr"\n',
    ));
    expect(names('deployments')).toEqual([]);
  });

  it('--validate=warn drops the unknown field with a warning', async () => {
    const file = c.file('svc-typo.yml', `${petclinicService}  sessionAffinty: ClientIP\n`);
    expect(await c.kubectl(['apply', '--validate=warn', '-f', file])).toEqual({
      stdout: 'service/petclinic created\n', stderr: 'Warning: unknown field "spec.sessionAffinty"\n', code: 0,
    });
    expect((await c.kubectl(['get', 'svc', 'petclinic', '-o', 'jsonpath={.spec.type} {.spec.sessionAffinity}'])).stdout).toBe('NodePort None');
    expect(await c.kubectl(['delete', 'svc', 'petclinic'])).toEqual({ stdout: 'service "petclinic" deleted\n', stderr: '', code: 0 });
  });

  it('an apiVersion the server does not serve', async () => {
    const file = c.file('pod-v1.yml', petclinicPod.replace('apiVersion: v1', 'apiVersion: V1'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(failed(
      'error: resource mapping not found for name: "petclinic" namespace: "" from "pod-v1.yml": no matches for kind "Pod" in version "V1"\nensure CRDs are installed first\n',
    ));
    expect(names('pods')).toEqual([]);
  });

  it('an apps/v1 ReplicaSet without a selector: both causes', async () => {
    const file = c.file('rs.yml', petclinicReplicaSet.replace('  selector:\n    matchLabels:\n      app: petclinic\n', ''));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(failed(
      'The ReplicaSet "petclinic" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`\n',
    ));
    expect(names('replicasets')).toEqual([]);
  });

  it('a selector that does not match the template labels', async () => {
    const file = c.file('mismatch.yml', petclinicDeployment('1.0.0').replace('      labels:\n        app: petclinic', '      labels:\n        app: petclinik'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(failed(
      'The Deployment "petclinic" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinik"}: `selector` does not match template `labels`\n',
    ));
    expect(names('deployments')).toEqual([]);
  });

  it('a nodePort out of range, then one already allocated', async () => {
    const service = (name: string, port: number) => petclinicService.replace('name: petclinic', `name: ${name}`).replace('nodePort: 31080', `nodePort: ${port}`);
    expect(await c.kubectl(['apply', '-f', c.file('range.yml', service('web', 40000))])).toEqual(failed(
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    ));
    expect(await c.kubectl(['apply', '-f', c.file('first.yml', service('first', 31080))])).toEqual({ stdout: 'service/first created\n', stderr: '', code: 0 });
    expect(await c.kubectl(['apply', '-f', c.file('second.yml', service('second', 31080))])).toEqual(failed(
      'The Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 31080: provided port is already allocated\n',
    ));
    expect(names('services')).toEqual(['first', 'kubernetes']);
  });

  it('a multi-document file with one invalid document: the others are applied, the bad one is not', async () => {
    const bad = petclinicService.replace('name: petclinic', 'name: broken').replace('nodePort: 31080', 'nodePort: 31090').replace('  selector:', '  selectr:');
    const file = c.file('multi.yml', [petclinicConfig('before', 'v1'), bad, petclinicConfig('after', 'v1')].join('---\n'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(failed(
      'Error from server (BadRequest): error when creating "multi.yml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"\n',
      'configmap/before created\nconfigmap/after created\n',
    ));
    expect(names('services')).toEqual(['first', 'kubernetes']);
    expect(names('configmaps')).toEqual(['after', 'before', 'kube-root-ca.crt']);
  });

  it('creating what exists already', async () => {
    const file = c.file('cm.yml', petclinicConfig('before', 'v1'));
    expect(await c.kubectl(['create', '-f', file])).toEqual(failed('Error from server (AlreadyExists): error when creating "cm.yml": configmaps "before" already exists\n'));
  });

  it('client-side mistakes: a missing file, an unknown resource type, a missing object', async () => {
    expect(await c.kubectl(['apply', '-f', 'nope.yml'])).toEqual(failed('error: the path "nope.yml" does not exist\n'));
    expect(await c.kubectl(['get', 'foo'])).toEqual(failed('error: the server doesn\'t have a resource type "foo"\n'));
    expect(await c.kubectl(['delete', 'deploy', 'nope'])).toEqual(failed('Error from server (NotFound): deployments.apps "nope" not found\n'));
    expect(await c.kubectl(['delete', 'deploy', 'nope', '--ignore-not-found'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('protected namespaces cannot be deleted', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      expect(await c.kubectl(['delete', 'ns', ns])).toEqual(failed(`Error from server (Forbidden): namespaces "${ns}" is forbidden: this namespace may not be deleted\n`));
    }
    expect((await c.kubectl(['get', 'ns', 'default', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Active');
  });
});
