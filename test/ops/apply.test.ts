import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { admission } from '../../backends/sim/admission/index.js';
import type { Backend } from '../../backends/contract/backend.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { Deployment, Pod, Service } from '../../backends/contract/types.js';
import {
  ApplyClientError, ApplyStatusError, applyManifests, formatApplyError, loadManifestSources, threeWayMergePatch,
} from '../../src/ops/apply.js';
import { formatError } from '../../src/ops/errors.js';
import { instantKubelet, newSim } from '../helpers/sim.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const configMap = (value = 'test_config_v1') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: petclinic-config
data:
  TEST_CONFIG: ${value}
`;

const deployment = (image = '1.0.0', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petclinic
spec:
  selector:
    matchLabels:
      app: petclinic
  minReadySeconds: 10
  replicas: 3
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
        - name: petclinic
          image: spring2go/spring-petclinic:${image}.RELEASE
          envFrom:
            - configMapRef:
                name: petclinic-config
${extra}`;

const service = (selectorKey = 'selector') => `apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  ports:
    - name: http
      port: 8080
      targetPort: 8080
  ${selectorKey}:
    app: petclinic
`;

const file = (...docs: string[]) => docs.join('---\n');

async function names(b: Backend, resource: ResourceName, namespace = 'default'): Promise<string[]> {
  return (await b.list(resource, { namespace })).items.map((o) => o.metadata!.name!);
}

async function snapshot(b: Backend): Promise<string> {
  const all = await Promise.all((['configmaps', 'deployments', 'services', 'replicasets', 'pods', 'namespaces'] as const).map((r) => b.list(r)));
  return JSON.stringify(all.map((l) => l.items));
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  throw new Error('expected the apply to fail');
}

describe('applyManifests', () => {
  it('applies a multi-document file in order and reports created, then unchanged, then configured', async () => {
    const b = newSim([admission]).backend;
    const text = file(configMap(), deployment(), service());
    expect((await applyManifests(b, [{ path: 'petclinic.yml', text }])).lines)
      .toEqual(['configmap/petclinic-config created', 'deployment.apps/petclinic created', 'service/petclinic created']);
    const created = await b.list('configmaps');
    const d = await b.get('deployments', 'default', 'petclinic');
    expect(Number(created.items[0].metadata!.resourceVersion)).toBeLessThan(Number(d.metadata!.resourceVersion));

    expect((await applyManifests(b, [{ path: 'petclinic.yml', text }])).lines)
      .toEqual(['configmap/petclinic-config unchanged', 'deployment.apps/petclinic unchanged', 'service/petclinic unchanged']);

    const changed = file(configMap('test_config_v2'), deployment('1.0.1'), service());
    const r = await applyManifests(b, [{ path: 'petclinic.yml', text: changed }]);
    expect(r.lines).toEqual(['configmap/petclinic-config configured', 'deployment.apps/petclinic configured', 'service/petclinic unchanged']);
    expect((await b.get('deployments', 'default', 'petclinic')).spec!.template!.spec!.containers[0].image).toBe('spring2go/spring-petclinic:1.0.1.RELEASE');
    expect((await b.get('configmaps', 'default', 'petclinic-config')).data).toEqual({ TEST_CONFIG: 'test_config_v2' });
  });

  it('records the applied manifest as compact JSON with empty annotations and the namespace', async () => {
    const b = newSim([admission]).backend;
    await applyManifests(b, [{ path: 'svc.yaml', text: service() }]);
    const svc = await b.get('services', 'default', 'petclinic');
    expect(svc.metadata!.annotations![LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"name":"petclinic","namespace":"default"},'
      + '"spec":{"ports":[{"name":"http","port":8080,"targetPort":8080}],"selector":{"app":"petclinic"}}}\n');
  });

  it('removes what was removed from the file and keeps what others set', async () => {
    const b = newSim([admission]).backend;
    const env = '          env:\n            - name: A\n              value: "1"\n            - name: B\n              value: "2"\n';
    await applyManifests(b, [{ path: 'd.yaml', text: deployment('1.0.0', env) }]);
    await b.patch('deployments', 'default', 'petclinic', 'merge', { metadata: { annotations: { 'team.example.com/owner': 'shop' } } });
    const oneEnv = '          env:\n            - name: A\n              value: "1"\n';
    expect((await applyManifests(b, [{ path: 'd.yaml', text: deployment('1.0.0', oneEnv).replace('  minReadySeconds: 10\n', '') }])).lines)
      .toEqual(['deployment.apps/petclinic configured']);
    const d = await b.get('deployments', 'default', 'petclinic') as Deployment;
    const c = d.spec!.template!.spec!.containers[0];
    expect(c.env).toEqual([{ name: 'A', value: '1' }]);
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'petclinic-config' } }]);
    expect(d.spec!.minReadySeconds).toBeUndefined();
    expect(d.metadata!.annotations!['team.example.com/owner']).toBe('shop');
    expect(c.imagePullPolicy).toBe('IfNotPresent');
  });

  it('switches a Deployment from RollingUpdate to Recreate (the strategy keeps only the keys in the file)', async () => {
    const b = newSim([admission]).backend;
    await applyManifests(b, [{ path: 'd.yaml', text: deployment() }]);
    const recreate = deployment().replace('  replicas: 3\n', '  replicas: 3\n  strategy:\n    type: Recreate\n');
    expect((await applyManifests(b, [{ path: 'd.yaml', text: recreate }])).lines).toEqual(['deployment.apps/petclinic configured']);
    expect((await b.get('deployments', 'default', 'petclinic')).spec!.strategy).toEqual({ type: 'Recreate' });
  });

  it('stays unchanged while the cluster changes the object (pod status, bound node, token volume)', async () => {
    const sim = newSim([admission, instantKubelet()]);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mysql\n  labels:\n    app: mysql\nspec:\n  containers:\n    - name: mysql\n      image: mysql:5.7\n      env:\n        - name: MYSQL_ROOT_PASSWORD\n          value: petclinic\n';
    expect((await applyManifests(sim.backend, [{ path: 'mysql.yml', text: pod }])).lines).toEqual(['pod/mysql created']);
    await sim.virtualClock.advance(2000);
    const live = await sim.backend.get('pods', 'default', 'mysql') as Pod;
    expect(live.status!.phase).toBe('Running');
    expect(live.spec!.nodeName).toBe('kind-worker');
    expect((await applyManifests(sim.backend, [{ path: 'mysql.yml', text: pod }])).lines).toEqual(['pod/mysql unchanged']);
  });

  it('applies a folder: its .yaml, .yml and .json files in name order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kdash-apply-'));
    try {
      await writeFile(join(dir, '2-service.yaml'), service());
      await writeFile(join(dir, '1-config.yml'), configMap());
      await writeFile(join(dir, '3-mysql.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'mysql' }, spec: { selector: { app: 'mysql' }, ports: [{ port: 3306 }] } }));
      await writeFile(join(dir, 'README.md'), '# not a manifest');
      const sources = await loadManifestSources(dir);
      expect(sources.map((s) => s.path)).toEqual([join(dir, '1-config.yml'), join(dir, '2-service.yaml'), join(dir, '3-mysql.json')]);
      const b = newSim([admission]).backend;
      expect((await applyManifests(b, sources)).lines).toEqual(['configmap/petclinic-config created', 'service/petclinic created', 'service/mysql created']);
    } finally {
      await rm(dir, { recursive: true });
    }
    await expect(loadManifestSources(join(dir, 'gone'))).rejects.toThrow(`error: the path "${join(dir, 'gone')}" does not exist`);
  });

  it('applies none of the documents when the third one is invalid', async () => {
    const b = newSim([admission]).backend;
    const before = await snapshot(b);
    const err = await failure(applyManifests(b, [{ path: 'petclinic.yml', text: file(configMap(), deployment(), service('seletor')) }]));
    expect(await snapshot(b)).toBe(before);
    expect(err).toBeInstanceOf(ApplyStatusError);
    expect(formatError(err)).toBe('Error from server (BadRequest): error when creating "petclinic.yml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"');
    expect(formatApplyError(err)).toBe(`${formatError(err)}\nin petclinic.yml, document 3 (Service petclinic), field spec.seletor; nothing was applied`);
  });

  it('applies nothing when a later document fails validation, and names the field', async () => {
    const b = newSim([admission]).backend;
    const before = await snapshot(b);
    const bad = deployment().replace('  selector:\n    matchLabels:\n      app: petclinic\n', '');
    const err = await failure(applyManifests(b, [{ path: 'a.yml', text: configMap() }, { path: 'b.yml', text: file(service(), bad) }]));
    expect(await snapshot(b)).toBe(before);
    expect(formatApplyError(err)).toBe([
      'The Deployment "petclinic" is invalid: ',
      '* spec.selector: Required value',
      '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"petclinic"}: `selector` does not match template `labels`',
      'in b.yml, document 2 (Deployment petclinic), field spec.selector; nothing was applied',
    ].join('\n'));
  });

  it('rejects the notes\' extensions/v1beta1 ReplicaSet with the mapping error and points to apps/v1', async () => {
    const b = newSim([admission]).backend;
    const rs = 'apiVersion: extensions/v1beta1\nkind: ReplicaSet\nmetadata:\n  name: petclinic\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels:\n        app: petclinic\n    spec:\n      containers:\n        - name: petclinic\n          image: spring2go/spring-petclinic:1.0.0.RELEASE\n';
    const err = await failure(applyManifests(b, [{ path: 'petclinic-replicaset.yml', text: file(service(), rs) }]));
    expect(err).toBeInstanceOf(ApplyClientError);
    expect(formatError(err)).toBe([
      'error: resource mapping not found for name: "petclinic" namespace: "" from "petclinic-replicaset.yml": no matches for kind "ReplicaSet" in version "extensions/v1beta1"',
      'ensure CRDs are installed first',
      'hint: ReplicaSet in extensions/v1beta1 was removed in Kubernetes v1.16; use apiVersion: apps/v1, which also requires spec.selector (matching spec.template.metadata.labels)',
    ].join('\n'));
    expect(await names(b, 'services')).toEqual([]);
    expect(await names(b, 'replicasets')).toEqual([]);
  });

  it('treats apiVersion V1 as unknown and says versions are case-sensitive', async () => {
    const b = newSim([admission]).backend;
    const err = await failure(applyManifests(b, [{ path: 'pod.yml', text: 'apiVersion: V1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n' }]));
    expect(formatError(err)).toBe([
      'error: resource mapping not found for name: "web" namespace: "shop" from "pod.yml": no matches for kind "Pod" in version "V1"',
      'ensure CRDs are installed first',
      'hint: apiVersion and kind are case-sensitive: use apiVersion: v1 and kind: Pod',
    ].join('\n'));
  });

  it('creates a Namespace first and then the objects in it, in one apply', async () => {
    const b = newSim([admission]).backend;
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const cm = configMap().replace('  name: petclinic-config\n', '  name: petclinic-config\n  namespace: shop\n');
    expect((await applyManifests(b, [{ path: 'shop.yml', text: file(ns, cm, service()) }], { namespace: 'shop' })).lines)
      .toEqual(['namespace/shop created', 'configmap/petclinic-config created', 'service/petclinic created']);
    expect(await names(b, 'configmaps', 'shop')).toEqual(['petclinic-config']);
    expect(await names(b, 'services', 'shop')).toEqual(['petclinic']);
  });

  it('fails, applying nothing, when the Namespace comes after the objects in it', async () => {
    const b = newSim([admission]).backend;
    const before = await snapshot(b);
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const err = await failure(applyManifests(b, [{ path: 'shop.yml', text: file(service(), ns) }], { namespace: 'shop' }));
    expect(formatError(err)).toBe('Error from server (NotFound): error when creating "shop.yml": namespaces "shop" not found');
    expect(await snapshot(b)).toBe(before);
  });

  it('reports a refused update with kubectl\'s patch context and changes nothing', async () => {
    const b = newSim([admission]).backend;
    await applyManifests(b, [{ path: 'petclinic.yml', text: deployment() }]);
    const before = await snapshot(b);
    const typo = deployment().replace('  replicas: 3\n', '  replica: 3\n');
    const err = await failure(applyManifests(b, [{ path: 'petclinic.yml', text: typo }]));
    const text = formatError(err);
    expect(text.startsWith('Error from server (BadRequest): error when applying patch:\n{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":')).toBe(true);
    expect(text).toContain('"spec":{"replica":3,"replicas":null}}\nto:\nResource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\n'
      + 'Name: "petclinic", Namespace: "default"\nfor: "petclinic.yml": error when patching "petclinic.yml": '
      + 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    const moved = deployment().replace(/app: petclinic/g, 'app: web');
    expect(formatError(await failure(applyManifests(b, [{ path: 'petclinic.yml', text: moved }]))))
      .toBe('The Deployment "petclinic" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
    expect(await snapshot(b)).toBe(before);
  });

  it('names the file and the document of a YAML error', async () => {
    const b = newSim([admission]).backend;
    const err = await failure(applyManifests(b, [{ path: 'petclinic.yml', text: file(configMap(), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n   labels: {}\n') }]));
    expect(formatApplyError(err)).toBe('error: error parsing petclinic.yml: error converting YAML to JSON: yaml: line 5: bad indentation of a mapping entry\nin petclinic.yml, document 2; nothing was applied');
    expect(await names(b, 'configmaps')).toEqual([]);
  });

  it('skips empty documents, puts objects in the given namespace and warns like kubectl', async () => {
    const sim = newSim([admission]);
    const b = sim.backend;
    sim.api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'petclinic' }, spec: { ports: [{ name: 'http', port: 8080 }] } });
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: petclinic-v1.0.0\nspec:\n  containers:\n    - name: petclinic\n      image: spring2go/spring-petclinic:1.0.0.RELEASE\n';
    const r = await applyManifests(b, [{ path: 'blue.yml', text: `---\n# nothing here\n---\n${pod}---\n${service()}\n---\n` }], { namespace: 'default' });
    expect(r.lines).toEqual(['pod/petclinic-v1.0.0 created', 'service/petclinic configured']);
    expect(r.warnings).toEqual([
      "Warning: metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      'Warning: resource services/petclinic is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.',
    ]);
    const svc = await b.get('services', 'default', 'petclinic') as Service;
    expect(svc.spec!.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(svc.spec!.selector).toEqual({ app: 'petclinic' });
  });

  it('refuses another namespace when the namespace is enforced, and stores nothing on a dry run', async () => {
    const b = newSim([admission]).backend;
    const cm = configMap().replace('  name: petclinic-config\n', '  name: petclinic-config\n  namespace: kube-system\n');
    expect(formatError(await failure(applyManifests(b, [{ path: 'cm.yml', text: cm }], { namespace: 'default', enforceNamespace: true }))))
      .toBe('error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass \'--namespace=kube-system\' to perform this operation.');
    expect((await applyManifests(b, [{ path: 'cm.yml', text: cm }], { dryRun: true })).lines).toEqual(['configmap/petclinic-config created (server dry run)']);
    expect(await names(b, 'configmaps', 'kube-system')).toEqual([]);
  });
});

describe('applyManifests with Lists and Secrets', () => {
  it('expands a List into its items and keeps a Secret\'s stringData only in the last-applied annotation', async () => {
    const b = newSim([admission]).backend;
    const list = JSON.stringify({
      apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mysql' }, stringData: { password: 'root' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } },
      ],
    });
    expect((await applyManifests(b, [{ path: 'list.json', text: list }])).lines).toEqual(['secret/mysql created', 'configmap/c created']);
    const secret = await b.get('secrets', 'default', 'mysql');
    expect(secret.data).toEqual({ password: 'cm9vdA==' });
    expect(secret.metadata!.annotations![LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Secret","metadata":{"annotations":{},"name":"mysql","namespace":"default"},"stringData":{"password":"root"}}\n');
  });
});

describe('threeWayMergePatch', () => {
  it('deletes list items removed from the file by their merge key and keeps order directives', () => {
    const original = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    const modified = { spec: { containers: [{ name: 'a', image: 'x2' }] } };
    const current = { spec: { containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Always' }, { name: 'b', image: 'y' }, { name: 'sidecar', image: 'z' }] } };
    expect(threeWayMergePatch(original, modified, current)).toStrictEqual({
      spec: { containers: [{ $patch: 'delete', name: 'b' }, { name: 'a', image: 'x2' }], '$setElementOrder/containers': [{ name: 'a' }] },
    });
    expect(threeWayMergePatch(modified, modified, { spec: { containers: [{ name: 'a', image: 'x2', imagePullPolicy: 'Always' }] } })).toEqual({});
  });
});
