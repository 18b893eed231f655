// kubectl's other verbs against `kdash serve`: create (from files and generators), patch in
// its three flavours, replace, label/annotate/set image, run/expose, delete with cascade and
// grace periods, and clear refusals for exec and port-forward.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet, Service } from '../../backends/contract/types.js';
import { petclinicDeployment, petclinicPod } from '../helpers/petclinicManifests.js';
import { TEST_TIMEOUT, ServedCluster, eventually } from './servedCluster.js';
import { AGE, expectTable } from './tableText.js';

let c: ServedCluster;
beforeAll(async () => { c = await ServedCluster.start({ seed: 23 }); });
afterAll(async () => { await c?.close(); });

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const deployment = (name: string) => c.sim.api.get('deployments', 'default', name) as Deployment;
const pods = (selector: string) => c.sim.api.list('pods', { namespace: 'default', labelSelector: selector }).items as Pod[];
const replicaSets = (selector: string) => c.sim.api.list('replicasets', { namespace: 'default', labelSelector: selector }).items as ReplicaSet[];
const ready = (selector: string, n: number) => eventually(() => {
  const ps = pods(selector);
  return ps.length === n && ps.every((p) => !p.metadata?.deletionTimestamp && p.status?.containerStatuses?.[0]?.ready) ? ps : undefined;
}, 30_000, `${n} ready pods ${selector}`);

describe('create', TEST_TIMEOUT, () => {
  it('create -f, then the generators kubectl sends as protobuf', async () => {
    expect(await c.kubectl(['create', '-f', c.file('pod.yml', petclinicPod)])).toEqual(ok('pod/petclinic created\n'));
    expect(await c.kubectl(['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2', '--port=80'])).toEqual(ok('deployment.apps/web created\n'));
    expect(await c.kubectl(['create', 'service', 'nodeport', 'web', '--tcp=80:80', '--node-port=30080'])).toEqual(ok('service/web created\n'));
    expect(await c.kubectl(['create', 'configmap', 'web-config', '--from-literal=MODE=blue', '--from-literal=EMPTY='])).toEqual(ok('configmap/web-config created\n'));
    expect(await c.kubectl(['create', 'secret', 'generic', 'web-secret', '--from-literal=password=root'])).toEqual(ok('secret/web-secret created\n'));
    expect(await c.kubectl(['create', 'serviceaccount', 'web'])).toEqual(ok('serviceaccount/web created\n'));
    const d = deployment('web');
    expect(d.metadata!.labels).toEqual({ app: 'web' });
    expect(d.spec!.replicas).toBe(2);
    expect(d.spec!.template!.spec!.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    const svc = c.sim.api.get('services', 'default', 'web') as Service;
    expect(svc.spec).toMatchObject({ type: 'NodePort', selector: { app: 'web' }, ports: [{ name: '80-80', port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }] });
    expect((await c.kubectl(['get', 'cm', 'web-config', '-o', 'jsonpath={.data}'])).stdout).toBe('{"EMPTY":"","MODE":"blue"}');
    expect((await c.kubectl(['get', 'secret', 'web-secret', '-o', 'jsonpath={.data.password}'])).stdout).toBe('cm9vdA==');
    await ready('app=web', 2);
    expectTable((await c.kubectl(['get', 'deploy,svc', '-l', 'app=web'])).stdout.split('\n\n')[0], [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['deployment.apps/web', '2/2', '2', '2', AGE],
    ]);
  });

  it('run and expose', async () => {
    expect(await c.kubectl(['run', 'nginx', '--image=nginx', '--labels=app=nginx'])).toEqual(ok('pod/nginx created\n'));
    expect(await c.kubectl(['expose', 'pod', 'nginx', '--port=80', '--type=NodePort'])).toEqual(ok('service/nginx exposed\n'));
    const svc = c.sim.api.get('services', 'default', 'nginx') as Service;
    expect(svc.spec).toMatchObject({ type: 'NodePort', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
    expect(svc.spec!.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
  });
});

describe('patch, replace, label, annotate, set image', TEST_TIMEOUT, () => {
  it('a strategic merge patch merges containers by name', async () => {
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"MODE","value":"green"}]}]}}}}';
    expect(await c.kubectl(['patch', 'deployment', 'web', '-p', patch])).toEqual(ok('deployment.apps/web patched\n'));
    expect(deployment('web').spec!.template!.spec!.containers).toMatchObject([{ name: 'nginx', image: 'nginx:1.25', env: [{ name: 'MODE', value: 'green' }] }]);
    expect(await c.kubectl(['patch', 'deployment', 'web', '-p', patch])).toEqual(ok('deployment.apps/web patched (no change)\n'));
  });

  it('a merge patch and a JSON patch', async () => {
    expect(await c.kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}'])).toEqual(ok('deployment.apps/web patched\n'));
    expect(deployment('web').metadata!.labels).toEqual({ app: 'web', tier: 'front' });
    expect(await c.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":3}]'])).toEqual(ok('deployment.apps/web patched\n'));
    expect(deployment('web').spec!.replicas).toBe(3);
    const notApplied = { stdout: '', stderr: 'The request is invalid: the server rejected our request due to an error in our request\n', code: 1 };
    expect(await c.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/nope/x","value":1}]'])).toEqual(notApplied);
    expect(await c.kubectl(['patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":5}]'])).toEqual(notApplied);
    expect(deployment('web').spec!.replicas).toBe(3);
  });

  it('label, annotate and set image', async () => {
    expect(await c.kubectl(['label', 'pod', 'petclinic', 'tier=back'])).toEqual(ok('pod/petclinic labeled\n'));
    expect(await c.kubectl(['label', 'pod', 'petclinic', 'tier=front'])).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (back), and --overwrite is false\n", code: 1 });
    expect(await c.kubectl(['annotate', 'pod', 'petclinic', 'note=hello'])).toEqual(ok('pod/petclinic annotated\n'));
    expectTable((await c.kubectl(['get', 'pod', 'petclinic', '-L', 'tier,app'])).stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'TIER', 'APP'], ['petclinic', /^[01]\/1$/, /^\w+$/, '0', AGE, 'back', 'petclinic'],
    ]);
    expect(await c.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.26'])).toEqual(ok('deployment.apps/web image updated\n'));
    expect(deployment('web').spec!.template!.spec!.containers[0].image).toBe('nginx:1.26');
  });

  it('apply --server-side creates, then merges', async () => {
    const file = c.file('ssa.yml', petclinicDeployment('1.0.0').replace('name: petclinic\nspec', 'name: ssa\nspec').replace('replicas: 3', 'replicas: 1'));
    expect(await c.kubectl(['apply', '--server-side', '-f', file])).toEqual(ok('deployment.apps/ssa serverside-applied\n'));
    c.file('ssa.yml', petclinicDeployment('1.0.1').replace('name: petclinic\nspec', 'name: ssa\nspec').replace('replicas: 3', 'replicas: 1'));
    expect(await c.kubectl(['apply', '--server-side', '-f', file])).toEqual(ok('deployment.apps/ssa serverside-applied\n'));
    expect(deployment('ssa').spec!.template!.spec!.containers[0].image).toBe('spring2go/spring-petclinic:1.0.1.RELEASE');
    expect(await c.kubectl(['delete', '-f', file])).toEqual(ok('deployment.apps "ssa" deleted\n'));
  });

  it('replace -f swaps the whole object', async () => {
    const d = petclinicDeployment('1.0.0');
    expect(await c.kubectl(['create', '-f', c.file('petclinic.yml', d)])).toEqual(ok('deployment.apps/petclinic created\n'));
    expect(await c.kubectl(['replace', '-f', c.file('petclinic.yml', d.replace('replicas: 3', 'replicas: 1'))])).toEqual(ok('deployment.apps/petclinic replaced\n'));
    expect(deployment('petclinic').spec!.replicas).toBe(1);
    expect(await c.kubectl(['replace', '-f', c.file('missing.yml', d.replace('name: petclinic\nspec', 'name: missing\nspec'))])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): error when replacing "missing.yml": deployments.apps "missing" not found\n', code: 1,
    });
  });
});

describe('delete', TEST_TIMEOUT, () => {
  it('--cascade=orphan leaves the ReplicaSet and pods behind, without an owner', async () => {
    const owned = 'app=petclinic,pod-template-hash';
    await ready(owned, 1);
    expect(await c.kubectl(['delete', 'deployment', 'petclinic', '--cascade=orphan'])).toEqual(ok('deployment.apps "petclinic" deleted\n'));
    const [rs] = replicaSets('app=petclinic');
    await eventually(() => (replicaSets('app=petclinic')[0]?.metadata?.ownerReferences === undefined ? true : undefined));
    expect(rs.status!.replicas).toBe(1);
    expect(pods(owned)).toHaveLength(1);
    expect(await c.kubectl(['delete', 'rs', rs.metadata!.name!])).toEqual(ok(`replicaset.apps "${rs.metadata!.name}" deleted\n`));
  });

  it('--cascade=foreground returns once the pods are gone too', async () => {
    expect(await c.kubectl(['delete', 'deployment', 'web', '--cascade=foreground'], 90_000)).toEqual(ok('deployment.apps "web" deleted\n'));
    expect(replicaSets('app=web')).toEqual([]);
    expect(pods('app=web')).toEqual([]);
  });

  it('--grace-period=0 --force, and a short grace period', async () => {
    await ready('app=nginx', 1);
    expect(await c.kubectl(['delete', 'pod', 'nginx', '--grace-period=0', '--force'])).toEqual({
      stdout: 'pod "nginx" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      code: 0,
    });
    expect(pods('app=nginx')).toEqual([]);
    c.pause();
    const deleting = c.kubectl(['delete', 'pod', 'petclinic', '--grace-period=5']);
    const petclinic = () => c.sim.api.get('pods', 'default', 'petclinic') as Pod;
    const marked = await eventually(() => (petclinic().metadata?.deletionTimestamp ? petclinic() : undefined));
    expect(marked.metadata!.deletionGracePeriodSeconds).toBe(5);
    c.resume();
    expect(await deleting).toEqual(ok('pod "petclinic" deleted\n'));
  });
});

describe('authorization', TEST_TIMEOUT, () => {
  it('auth can-i: the served simulator allows everything (it has no authorization)', async () => {
    expect(await c.kubectl(['auth', 'can-i', 'create', 'pods'])).toEqual(ok('yes\n'));
    expect(await c.kubectl(['auth', 'can-i', 'delete', 'deployments', '-n', 'kube-system'])).toEqual(ok('yes\n'));
  });

  it('a subresource the simulator does not serve is a plain 404, as for any unserved path', async () => {
    // Deviation: no TokenRequest API, so no service account tokens.
    expect(await c.kubectl(['create', 'token', 'default'])).toEqual({ stdout: '', stderr: 'error: failed to create token: the server could not find the requested resource\n', code: 1 });
    expect(await c.kubectl(['create', 'token', 'nope'])).toEqual({ stdout: '', stderr: 'error: failed to create token: serviceaccounts "nope" not found\n', code: 1 });
  });
});

describe('what needs a container runtime', TEST_TIMEOUT, () => {
  it('exec, attach and port-forward refuse clearly; logs work', async () => {
    expect(await c.kubectl(['run', 'shell', '--image=busybox', '--', 'sleep', '3600'])).toEqual(ok('pod/shell created\n'));
    await eventually(() => ((c.sim.api.get('pods', 'default', 'shell') as Pod).status?.phase === 'Running' ? true : undefined));
    expect(await c.kubectl(['exec', 'shell', '--', 'ls'])).toEqual({
      stdout: '', stderr: "Error from server (BadRequest): exec is not available for pod shell: kdash's simulated cluster runs no real containers; kubectl logs works\n", code: 1,
    });
    expect(await c.kubectl(['port-forward', 'pod/shell', '8080:80'])).toEqual({
      stdout: '', stderr: "error: error upgrading connection: port-forward is not available for pod shell: kdash's simulated cluster runs no real containers; to reach a NodePort Service from this machine, run kdash with --expose\n", code: 1,
    });
    const logs = await c.kubectl(['logs', 'shell']);
    expect(logs.code).toBe(0);
    expect(logs.stderr).toBe('');
  });

  it('logs -f streams the lines the container writes later, and ends when the pod goes', async () => {
    expect(await c.kubectl(['run', 'app', '--image=spring2go/spring-petclinic:1.0.0.RELEASE'])).toEqual(ok('pod/app created\n'));
    const app = () => c.sim.api.get('pods', 'default', 'app') as Pod;
    await eventually(() => app().status?.containerStatuses?.[0]?.state?.running);
    const follow = c.kubectlStream(['logs', '-f', 'app']);
    await eventually(() => (follow.output().includes('Started PetClinicApplication') ? true : undefined));
    const whole = await c.kubectl(['logs', 'app']);
    expect(whole.stdout).toMatch(/Started PetClinicApplication in [\d.]+ seconds/);
    expect(follow.output()).toBe(whole.stdout);
    expect(await c.kubectl(['delete', 'pod', 'app', '--wait=false'])).toEqual(ok('pod "app" deleted\n'));
    expect(await follow.exited()).toEqual({ stdout: whole.stdout, stderr: '', code: 0 });
  });
});
