// Tutorial lessons 6-9 with the real kubectl against `kdash serve`: mysql behind a ClusterIP
// Service, namespaces, a ConfigMap feeding a Deployment, and Secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../backends/contract/types.js';
import { mysql } from '../helpers/mysqlManifest.js';
import { TEST_TIMEOUT, ServedCluster, eventually } from './servedCluster.js';
import { AGE, expectTable } from './tableText.js';
import { mysqlSecrets, petclinicConfig, petclinicWithConfig } from './tutorialManifests.js';

let c: ServedCluster;
beforeAll(async () => { c = await ServedCluster.start({ seed: 69 }); });
afterAll(async () => { await c?.close(); });

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });

async function rolledOut(): Promise<void> {
  const r = await c.kubectl(['rollout', 'status', 'deploy/petclinic'], 120_000);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "petclinic" successfully rolled out');
}

describe('lesson 6: a ClusterIP Service for mysql', TEST_TIMEOUT, () => {
  it('a multi-document file is applied in order', async () => {
    expect(await c.kubectl(['apply', '-f', c.file('mysql.yml', mysql)])).toEqual(ok('pod/mysql created\nservice/mysql created\n'));
    const ip = (c.sim.api.get('services', 'default', 'mysql') as Service).spec!.clusterIP!;
    expectTable((await c.kubectl(['get', 'svc', 'mysql', '-o', 'wide'])).stdout, [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
      ['mysql', 'ClusterIP', ip, '<none>', '3306/TCP', AGE, 'app=mysql'],
    ]);
    await eventually(() => ((c.sim.api.get('pods', 'default', 'mysql') as Pod).status?.phase === 'Running' ? true : undefined));
    const pod = c.sim.api.get('pods', 'default', 'mysql') as Pod;
    const slices = await c.kubectl(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=mysql']);
    expectTable(slices.stdout, [
      ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
      [/^mysql-[a-z0-9]{5}$/, 'IPv4', '3306', pod.status!.podIP!, AGE],
    ]);
  });
});

describe('lesson 7: namespaces', TEST_TIMEOUT, () => {
  it('create, list, look into and delete a namespace; default cannot be deleted', async () => {
    expect(await c.kubectl(['create', 'namespace', 'demo'])).toEqual(ok('namespace/demo created\n'));
    expectTable((await c.kubectl(['get', 'ns', 'demo', '--show-labels'])).stdout, [
      ['NAME', 'STATUS', 'AGE', 'LABELS'], ['demo', 'Active', AGE, 'kubernetes.io/metadata.name=demo'],
    ]);
    expect(await c.kubectl(['get', 'all', '-n', 'demo'])).toEqual({ stdout: '', stderr: 'No resources found in demo namespace.\n', code: 0 });
    expect(await c.kubectl(['describe', 'ns', 'demo'])).toEqual(ok(
      'Name:         demo\nLabels:       kubernetes.io/metadata.name=demo\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    ));
    expect(await c.kubectl(['delete', 'ns', 'demo'])).toEqual(ok('namespace "demo" deleted\n'));
    expect(await c.kubectl(['get', 'ns', 'demo'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): namespaces "demo" not found\n', code: 1 });
    expect(await c.kubectl(['delete', 'ns', 'default'])).toEqual({
      stdout: '', stderr: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n', code: 1,
    });
    expect(await c.kubectl(['get', 'po', '-n', 'nope'])).toEqual({ stdout: '', stderr: 'No resources found in nope namespace.\n', code: 0 });
  });
});

describe('lesson 8: a ConfigMap', TEST_TIMEOUT, () => {
  it('get cm and describe cm', async () => {
    expect(await c.kubectl(['apply', '-f', c.file('config.yml', petclinicConfig('petclinic-config', 'test_config_v1'))]))
      .toEqual(ok('configmap/petclinic-config created\n'));
    expectTable((await c.kubectl(['get', 'cm'])).stdout, [
      ['NAME', 'DATA', 'AGE'], ['kube-root-ca.crt', '1', AGE], ['petclinic-config', '1', AGE],
    ]);
    const r = await c.kubectl(['describe', 'cm', 'petclinic-config']);
    expect(r).toEqual(ok([
      'Name:         petclinic-config', 'Namespace:    default', 'Labels:       <none>',
      'Annotations:  <none>',
      '', 'Data', '====', 'TEST_CONFIG:', '----', 'test_config_v1', '', '', 'BinaryData', '====', '', 'Events:  <none>', '',
    ].join('\n')));
  });

  it('a Deployment reads it through envFrom; pointing it at a renamed ConfigMap rolls it out again', async () => {
    expect(await c.kubectl(['apply', '-f', c.file('petclinic.yml', petclinicWithConfig('petclinic-config'))]))
      .toEqual(ok('deployment.apps/petclinic created\n'));
    await rolledOut();
    const describe = await c.kubectl(['describe', 'deploy', 'petclinic']);
    expect(describe.stdout).toContain('    Environment Variables from:\n      petclinic-config  ConfigMap  Optional: false\n    Environment:\n      DATASOURCE_URL:  jdbc:mysql://mysql/petclinic\n');
    // Editing the ConfigMap changes no template, so nothing rolls out.
    expect(await c.kubectl(['apply', '-f', c.file('config.yml', petclinicConfig('petclinic-config', 'test_config_v2'))]))
      .toEqual(ok('configmap/petclinic-config configured\n'));
    expect((await c.kubectl(['rollout', 'history', 'deploy/petclinic'])).stdout).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
    expect(await c.kubectl(['apply', '-f', c.file('config-v2.yml', petclinicConfig('petclinic-config-v2', 'test_config_v2'))]))
      .toEqual(ok('configmap/petclinic-config-v2 created\n'));
    expect(await c.kubectl(['apply', '-f', c.file('petclinic.yml', petclinicWithConfig('petclinic-config-v2'))]))
      .toEqual(ok('deployment.apps/petclinic configured\n'));
    await rolledOut();
    expect((await c.kubectl(['rollout', 'history', 'deploy/petclinic'])).stdout).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });
});

describe('lesson 9: Secrets', TEST_TIMEOUT, () => {
  it('get secret, describe secret and the base64 in -o yaml', async () => {
    expect(await c.kubectl(['apply', '-f', c.file('secrets.yml', mysqlSecrets)])).toEqual(ok('secret/mysql-credentials created\nsecret/mysql-root created\n'));
    expectTable((await c.kubectl(['get', 'secret'])).stdout, [
      ['NAME', 'TYPE', 'DATA', 'AGE'], ['mysql-credentials', 'Opaque', '2', AGE], ['mysql-root', 'Opaque', '1', AGE],
    ]);
    expect(await c.kubectl(['describe', 'secret', 'mysql-root'])).toEqual(ok(
      'Name:         mysql-root\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  4 bytes\n',
    ));
    const yaml = (await c.kubectl(['get', 'secret', 'mysql-root', '-o', 'yaml'])).stdout;
    expect(yaml).toMatch(/^apiVersion: v1\ndata:\n {2}password: cm9vdA==\nkind: Secret\n/);
    expect(yaml).toMatch(/\ntype: Opaque\n$/);
    const json = JSON.parse((await c.kubectl(['get', 'secret', 'mysql-credentials', '-o', 'json'])).stdout) as { data: Record<string, string> };
    expect(json.data).toEqual({ password: Buffer.from('petclinic').toString('base64'), username: Buffer.from('root').toString('base64') });
  });
});
