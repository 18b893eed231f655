// Tutorial lessons 4-5 with the real kubectl against `kdash serve`: a self-healing ReplicaSet,
// then a Deployment rolled forward and back, followed with rollout status, history and get -w.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../../backends/contract/types.js';
import { petclinicDeployment, petclinicReplicaSet, petclinicReplicaSetV1beta1 } from '../helpers/petclinicManifests.js';
import { TEST_TIMEOUT, ServedCluster, eventually } from './servedCluster.js';
import { AGE, expectTable, looseRows, type Cell } from './tableText.js';

let c: ServedCluster;
beforeAll(async () => { c = await ServedCluster.start({ seed: 45 }); });
afterAll(async () => { await c?.close(); });

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const pods = (selector = 'app=petclinic') => c.sim.api.list('pods', { namespace: 'default', labelSelector: selector }).items as Pod[];
const podNames = (selector?: string) => pods(selector).map((p) => p.metadata!.name!).sort();
const readyPods = (n: number) => eventually(() => {
  const ready = pods().filter((p) => !p.metadata?.deletionTimestamp && p.status?.containerStatuses?.[0]?.ready);
  return ready.length === n && pods().length === n ? ready : undefined;
}, 30_000, `${n} ready pods`);
const replicaSets = () => (c.sim.api.list('replicasets', { namespace: 'default' }).items as ReplicaSet[]);
const hashOf = (rs: ReplicaSet) => rs.metadata!.labels!['pod-template-hash'];

describe('lesson 4: ReplicaSet self-healing', TEST_TIMEOUT, () => {
  it('extensions/v1beta1 is not served: kubectl names the kind and version, nothing is created', async () => {
    const r = await c.kubectl(['apply', '-f', c.file('petclinic-rs.yml', petclinicReplicaSetV1beta1)]);
    expect(r).toEqual({
      stdout: '',
      stderr: 'error: resource mapping not found for name: "petclinic" namespace: "" from "petclinic-rs.yml": no matches for kind "ReplicaSet" in version "extensions/v1beta1"\nensure CRDs are installed first\n',
      code: 1,
    });
    expect(replicaSets()).toEqual([]);
  });

  it('apps/v1 with a selector: three pods', async () => {
    expect(await c.kubectl(['apply', '-f', c.file('petclinic-rs.yml', petclinicReplicaSet)])).toEqual(ok('replicaset.apps/petclinic created\n'));
    await readyPods(3);
    expectTable((await c.kubectl(['get', 'rs', '-o', 'wide'])).stdout, [
      ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
      ['petclinic', '3', '3', '3', AGE, 'petclinic', 'spring2go/spring-petclinic:1.0.0.RELEASE', 'app=petclinic'],
    ]);
  });

  it('a deleted pod is replaced at once: there are always three', async () => {
    const before = podNames();
    expect(await c.kubectl(['delete', 'po', before[0]])).toEqual(ok(`pod "${before[0]}" deleted\n`));
    const r = await c.kubectl(['get', 'po', '-l', 'app=petclinic', '-o', 'name']);
    const after = r.stdout.trimEnd().split('\n').map((l) => l.replace('pod/', '')).sort();
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
    expect(after.filter((n) => before.includes(n))).toEqual(before.slice(1));
    await readyPods(3);
  });

  it('describe rs counts the pods by phase and lists the creations', async () => {
    const r = await c.kubectl(['describe', 'rs', 'petclinic']);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Name:         petclinic',
      'Namespace:    default',
      'Selector:     app=petclinic',
      'Labels:       <none>',
      expect.stringMatching(/^Annotations: {2}<none>$/),
      'Replicas:     3 current / 3 desired',
      'Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    ]);
    const created = lines.filter((l) => /SuccessfulCreate/.test(l));
    expect(created).toHaveLength(4);
    for (const l of created) expect(l).toMatch(/^ {2}Normal {2}SuccessfulCreate {2}\S+ +replicaset-controller {2}Created pod: petclinic-[a-z0-9]{5}$/);
    expect(lines.some((l) => l.includes('<invalid>'))).toBe(false);
  });

  it('delete rs deletes its pods too, which show Terminating first', async () => {
    c.pause();
    const deleting = c.kubectl(['delete', 'rs', 'petclinic']);
    await eventually(() => (replicaSets().length === 0 ? true : undefined));
    c.clock.advance(1000);
    const r = await c.kubectl(['get', 'po']);
    expectTable(r.stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ...podNames().map((n): Cell[] => [n, '1/1', 'Terminating', '0', AGE]),
    ]);
    c.resume();
    expect(await deleting).toEqual(ok('replicaset.apps "petclinic" deleted\n'));
    await eventually(() => (pods().length === 0 ? true : undefined));
  });
});

const ROLLOUT_WAITING = /^Waiting for deployment "petclinic" rollout to finish: (\d+ of \d+ updated replicas are available|\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination)\.\.\.$/;

async function rolloutStatus(): Promise<void> {
  const r = await c.kubectl(['rollout', 'status', 'deployment/petclinic'], 120_000);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.at(-1)).toBe('deployment "petclinic" successfully rolled out');
  for (const l of lines.slice(0, -1)) expect(l).toMatch(ROLLOUT_WAITING);
}

async function history(): Promise<string> {
  const r = await c.kubectl(['rollout', 'history', 'deployment/petclinic']);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const image = () => (c.sim.api.get('deployments', 'default', 'petclinic') as Deployment).spec!.template!.spec!.containers[0].image;

describe('lesson 5: rolling update with a Deployment', TEST_TIMEOUT, () => {
  it('apply, then rollout status follows it to the end', async () => {
    const file = c.file('petclinic-deployment.yml', petclinicDeployment('1.0.0'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(ok('deployment.apps/petclinic created\n'));
    await rolloutStatus();
    expectTable((await c.kubectl(['get', 'deploy'])).stdout, [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['petclinic', '3/3', '3', '3', AGE],
    ]);
    expect(await history()).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n\n');
  });

  it('a new image rolls out batch by batch; get pods -w streams the pods coming and going', async () => {
    const old = podNames();
    const watch = c.kubectlStream(['get', 'pods', '-w']);
    await eventually(() => (watch.output().split('\n').length > old.length + 1 ? true : undefined));
    c.file('petclinic-deployment.yml', petclinicDeployment('1.0.1'));
    expect(await c.kubectl(['apply', '-f', 'petclinic-deployment.yml'])).toEqual(ok('deployment.apps/petclinic configured\n'));
    await rolloutStatus();
    await eventually(() => (pods().length === 3 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    const seen = await watch.stop();
    expect(seen.stderr).toBe('');
    const rows = looseRows(seen.stdout);
    expect(rows[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows.slice(1, 4).map((r) => [r[0], r[1], r[2], r[3]])).toEqual(old.map((n) => [n, '1/1', 'Running', '0']));
    for (const r of rows.slice(1)) {
      expect(r).toHaveLength(5);
      expect(r[4]).toMatch(AGE);
    }
    const fresh = podNames();
    const statesOf = (name: string) => rows.filter((r) => r[0] === name).map((r) => r[2]);
    for (const n of fresh) {
      expect(statesOf(n)[0]).toBe('Pending');
      expect(statesOf(n)).toContain('ContainerCreating');
      expect(statesOf(n).at(-1)).toBe('Running');
    }
    for (const n of old) expect(statesOf(n)).toContain('Terminating');
    const newHash = hashOf(replicaSets().find((rs) => rs.spec!.replicas === 3)!);
    for (const n of fresh) expect(n).toMatch(new RegExp(`^petclinic-${newHash}-[a-z0-9]{5}$`));
  });

  it('get rs shows the old ReplicaSet scaled to 0 and the new one at 3', async () => {
    const rows = replicaSets().map((rs): Cell[] => {
      const n = rs.spec!.replicas!;
      return [rs.metadata!.name!, String(n), String(n), String(n), AGE];
    }).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(rows.map((r) => r[1]).sort()).toEqual(['0', '3']);
    expectTable((await c.kubectl(['get', 'rs'])).stdout, [['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], ...rows]);
    expect(await history()).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('describe deploy: replicas, both ReplicaSets and the scaling events', async () => {
    const [oldRs, newRs] = [...replicaSets()].sort((a, b) => a.spec!.replicas! - b.spec!.replicas!).map((rs) => rs.metadata!.name!);
    const r = await c.kubectl(['describe', 'deploy', 'petclinic']);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Annotations:            deployment.kubernetes.io/revision: 2');
    expect(lines).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable');
    expect(lines).toContain('MinReadySeconds:        10');
    expect(lines).toContain('    Image:         spring2go/spring-petclinic:1.0.1.RELEASE');
    expect(lines).toContain(`OldReplicaSets:  ${oldRs} (0/0 replicas created)`);
    expect(lines).toContain(`NewReplicaSet:   ${newRs} (3/3 replicas created)`);
    const events = lines.slice(lines.indexOf('Events:') + 3).filter((l) => l.trim()).map((l) => l.trim().split(/\s{2,}/));
    expect(events[0]).toEqual(['Normal', 'ScalingReplicaSet', expect.stringMatching(AGE), 'deployment-controller', `Scaled up replica set ${oldRs} from 0 to 3`]);
    expect(events.map((e) => e[4])).toContain(`Scaled up replica set ${newRs} from 0 to 1`);
    expect(events.map((e) => e[4])).toContain(`Scaled down replica set ${oldRs} from 1 to 0`);
  });

  it('rollout undo goes back to 1.0.0 and the history becomes 2, 3', async () => {
    expect(await c.kubectl(['rollout', 'undo', 'deployment/petclinic'])).toEqual(ok('deployment.apps/petclinic rolled back\n'));
    await rolloutStatus();
    expect(image()).toBe('spring2go/spring-petclinic:1.0.0.RELEASE');
    expect(await history()).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
  });

  it('rollout undo --to-revision=2 goes to 1.0.1 and the history becomes 3, 4', async () => {
    expect(await c.kubectl(['rollout', 'undo', 'deployment/petclinic', '--to-revision=2'])).toEqual(ok('deployment.apps/petclinic rolled back\n'));
    await rolloutStatus();
    expect(image()).toBe('spring2go/spring-petclinic:1.0.1.RELEASE');
    expect(await history()).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n');
    const rev = await c.kubectl(['rollout', 'history', 'deployment/petclinic', '--revision=4']);
    expect(rev.stdout).toMatch(/^deployment\.apps\/petclinic with revision #4\nPod Template:\n {2}Labels:\tapp=petclinic\n\tpod-template-hash=[a-z0-9]+\n {2}Containers:\n {3}petclinic:\n {4}Image:\tspring2go\/spring-petclinic:1\.0\.1\.RELEASE\n/);
  });

  it('rollout status of a finished rollout returns at once, over a watch that stays quiet', async () => {
    await new Promise((r) => setTimeout(r, 500));
    expect(await c.kubectl(['rollout', 'status', 'deployment/petclinic'], 10_000)).toEqual(ok('deployment "petclinic" successfully rolled out\n'));
  });

  it('an undo to a revision that does not exist changes nothing', async () => {
    const r = await c.kubectl(['rollout', 'undo', 'deployment/petclinic', '--to-revision=9']);
    expect(r).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 9 in history\n', code: 1 });
    expect(await history()).toBe('deployment.apps/petclinic \nREVISION  CHANGE-CAUSE\n3         <none>\n4         <none>\n\n');
  });

  it('scale', async () => {
    expect(await c.kubectl(['scale', 'deployment', 'petclinic', '--replicas=5'])).toEqual(ok('deployment.apps/petclinic scaled\n'));
    await rolloutStatus();
    expectTable((await c.kubectl(['get', 'deploy'])).stdout, [
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['petclinic', '5/5', '5', '5', AGE],
    ]);
    expect(await c.kubectl(['scale', 'rs', '--replicas=1', 'petclinic-nope'])).toEqual({
      stdout: '', stderr: 'error: no objects passed to scale replicasets.apps "petclinic-nope" not found\n', code: 1,
    });
  });

  it('deleting the Deployment deletes its ReplicaSets and pods', async () => {
    expect(await c.kubectl(['delete', 'deploy', 'petclinic'])).toEqual(ok('deployment.apps "petclinic" deleted\n'));
    await eventually(() => (pods().length === 0 && replicaSets().length === 0 ? true : undefined));
    const r = await c.kubectl(['get', 'all']);
    expectTable(r.stdout, [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['service/kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', AGE],
    ]);
  });
});
