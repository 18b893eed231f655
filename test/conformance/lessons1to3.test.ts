// Tutorial lessons 1-3 with the real kubectl against `kdash serve`: a fresh cluster, a Pod
// behind a NodePort Service, and a blue/green switch of the Service's selector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../backends/contract/types.js';
import { petclinicPod, petclinicService, releasePod, releaseService } from '../helpers/petclinicManifests.js';
import { TEST_TIMEOUT, ServedCluster, eventually } from './servedCluster.js';
import { AGE, expectTable, expectTables, parseTables } from './tableText.js';

let c: ServedCluster;
beforeAll(async () => { c = await ServedCluster.start({ seed: 11 }); });
afterAll(async () => { await c?.close(); });

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const pod = (name: string) => c.sim.api.get('pods', 'default', name) as Pod;
const podIP = (name: string) => pod(name).status!.podIP!;
const clusterIP = (name: string) => (c.sim.api.get('services', 'default', name) as Service).spec!.clusterIP!;
const running = (name: string) => eventually(() => (pod(name).status?.containerStatuses?.[0]?.ready ? true : undefined), 20_000, `${name} ready`);

const WORKER = /^kind-worker2?$/;
const POD_IP = /^10\.244\.[12]\.\d+$/;
const SERVICE_IP = /^10\.96\.\d+\.\d+$/;

describe('lesson 1: a fresh cluster', TEST_TIMEOUT, () => {
  it('get all in default holds only the kubernetes Service', async () => {
    const r = await c.kubectl(['get', 'all']);
    expect(r.stderr).toBe('');
    expectTable(r.stdout, [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['service/kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', AGE],
    ]);
  });

  it('get ns lists the namespaces a kind cluster starts with', async () => {
    const r = await c.kubectl(['get', 'ns']);
    expectTable(r.stdout, [
      ['NAME', 'STATUS', 'AGE'],
      ['default', 'Active', AGE], ['kube-node-lease', 'Active', AGE], ['kube-public', 'Active', AGE],
      ['kube-system', 'Active', AGE], ['local-path-storage', 'Active', AGE],
    ]);
  });

  it('get all -n kube-system shows the control plane, kube-proxy and DNS', async () => {
    const r = await c.kubectl(['get', 'all', '-n', 'kube-system']);
    expect(r.stderr).toBe('');
    const podRow = (name: string | RegExp) => [name, '1/1', 'Running', '0', AGE];
    // Deviation: kind also lists daemonset.apps/kindnet and daemonset.apps/kube-proxy here; the
    // simulator serves no DaemonSets, so their pods are listed without them.
    expectTables(r.stdout, [
      [
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        podRow(/^pod\/coredns-[a-z0-9]{10}-[a-z0-9]{5}$/), podRow(/^pod\/coredns-[a-z0-9]{10}-[a-z0-9]{5}$/),
        podRow('pod/etcd-kind-control-plane'),
        podRow(/^pod\/kindnet-[a-z0-9]{5}$/), podRow(/^pod\/kindnet-[a-z0-9]{5}$/), podRow(/^pod\/kindnet-[a-z0-9]{5}$/),
        podRow('pod/kube-apiserver-kind-control-plane'), podRow('pod/kube-controller-manager-kind-control-plane'),
        podRow(/^pod\/kube-proxy-[a-z0-9]{5}$/), podRow(/^pod\/kube-proxy-[a-z0-9]{5}$/), podRow(/^pod\/kube-proxy-[a-z0-9]{5}$/),
        podRow('pod/kube-scheduler-kind-control-plane'),
      ],
      [
        ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        ['service/kube-dns', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP,9153/TCP', AGE],
      ],
      [
        ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        ['deployment.apps/coredns', '2/2', '2', '2', AGE],
      ],
      [
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
        [/^replicaset\.apps\/coredns-[a-z0-9]{10}$/, '2', '2', '2', AGE],
      ],
    ]);
  });

  it('get nodes -o wide', async () => {
    const r = await c.kubectl(['get', 'nodes', '-o', 'wide']);
    const node = (name: string, roles: string, ip: string) => [
      name, 'Ready', roles, AGE, 'v1.33.1', ip, '<none>', 'Debian GNU/Linux 12 (bookworm)', /^\d+\.\d+\.\d+/, 'containerd://2.1.1',
    ];
    expectTable(r.stdout, [
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
      node('kind-control-plane', 'control-plane', '172.18.0.2'), node('kind-worker', '<none>', '172.18.0.3'), node('kind-worker2', '<none>', '172.18.0.4'),
    ]);
  });
});

describe('lesson 2: a Pod behind a NodePort Service', TEST_TIMEOUT, () => {
  it('apply -f FILE creates, and applying it again changes nothing', async () => {
    const file = c.file('lesson2/petclinic-pod.yml', petclinicPod);
    expect(await c.kubectl(['apply', '-f', file])).toEqual(ok('pod/petclinic created\n'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(ok('pod/petclinic unchanged\n'));
  });

  it('apply -f FOLDER applies every manifest in it, in name order', async () => {
    c.file('lesson2/petclinic-service.yml', petclinicService);
    expect(await c.kubectl(['apply', '-f', 'lesson2'])).toEqual(ok('pod/petclinic unchanged\nservice/petclinic created\n'));
    expect(await c.kubectl(['apply', '-f', 'lesson2'])).toEqual(ok('pod/petclinic unchanged\nservice/petclinic unchanged\n'));
  });

  it('get pod NAME, get pods and get po print the same table once the pod runs', async () => {
    await running('petclinic');
    for (const args of [['get', 'pod', 'petclinic'], ['get', 'pods'], ['get', 'po']]) {
      const r = await c.kubectl(args);
      expect(r.stderr).toBe('');
      expectTable(r.stdout, [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['petclinic', '1/1', 'Running', '0', AGE]]);
    }
  });

  it('get all lists the pod and both Services, kind-prefixed', async () => {
    const r = await c.kubectl(['get', 'all']);
    expectTables(r.stdout, [
      [['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], ['pod/petclinic', '1/1', 'Running', '0', AGE]],
      [
        ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        ['service/kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', AGE],
        ['service/petclinic', 'NodePort', clusterIP('petclinic'), '<none>', '8080:31080/TCP', AGE],
      ],
    ]);
    expect(clusterIP('petclinic')).toMatch(SERVICE_IP);
  });

  it('-o wide, --show-labels, -L, --no-headers and -A', async () => {
    const wide = await c.kubectl(['get', 'po', '-o', 'wide']);
    expectTable(wide.stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
      ['petclinic', '1/1', 'Running', '0', AGE, podIP('petclinic'), WORKER, '<none>', '<none>'],
    ]);
    expect(podIP('petclinic')).toMatch(POD_IP);
    const labels = await c.kubectl(['get', 'po', '--show-labels', '-L', 'app']);
    expectTable(labels.stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'APP', 'LABELS'],
      ['petclinic', '1/1', 'Running', '0', AGE, 'petclinic', 'app=petclinic'],
    ]);
    const svcWide = await c.kubectl(['get', 'svc', 'petclinic', '-o', 'wide', '--no-headers']);
    expect(svcWide.stdout).toMatch(new RegExp(`^petclinic   NodePort   ${clusterIP('petclinic').replace(/\./g, '\\.')}   <none>   8080:31080/TCP   \\d+[smh]\\d*[sm]?\\s+app=petclinic\\n$`));
    const all = await c.kubectl(['get', 'po', '-A', '--sort-by=.metadata.name']);
    const rows = all.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(rows.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toContain('default petclinic');
    expect(rows.map((l) => l.split(/\s+/)[1]).slice(1)).toEqual(rows.map((l) => l.split(/\s+/)[1]).slice(1).sort());
    expect(rows).toHaveLength(1 + 13 + 1);
  });

  it('-o json and -o yaml show the stored object with its last-applied configuration', async () => {
    const json = JSON.parse((await c.kubectl(['get', 'po', 'petclinic', '-o', 'json'])).stdout) as Pod;
    expect(json.kind).toBe('Pod');
    expect(json.status?.phase).toBe('Running');
    expect(json.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"petclinic"},"name":"petclinic","namespace":"default"},"spec":{"containers":[{"image":"spring2go/spring-petclinic:1.0.0.RELEASE","name":"petclinic"}]}}\n',
    );
    const yaml = (await c.kubectl(['get', 'svc', 'petclinic', '-o', 'yaml'])).stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n {2}annotations:\n {4}kubectl\.kubernetes\.io\/last-applied-configuration: \|\n/);
    expect(yaml).toContain(`spec:\n  clusterIP: ${clusterIP('petclinic')}\n  clusterIPs:\n  - ${clusterIP('petclinic')}\n  externalTrafficPolicy: Cluster\n`);
    expect(yaml).toMatch(/ {2}ports:\n {2}- name: http\n {4}nodePort: 31080\n {4}port: 8080\n {4}protocol: TCP\n {4}targetPort: 8080\n/);
    expect(yaml).toMatch(/status:\n {2}loadBalancer: \{\}\n$/);
    expect(yaml).not.toContain('managedFields');
  });

  it('describe svc shows the selected pod as the endpoint', async () => {
    const ip = clusterIP('petclinic');
    expect(await c.kubectl(['describe', 'svc', 'petclinic'])).toEqual(ok([
      'Name:                     petclinic',
      'Namespace:                default',
      'Labels:                   <none>',
      'Annotations:              <none>',
      'Selector:                 app=petclinic',
      'Type:                     NodePort',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      `IP:                       ${ip}`,
      `IPs:                      ${ip}`,
      'Port:                     http  8080/TCP',
      'TargetPort:               8080/TCP',
      'NodePort:                 http  31080/TCP',
      `Endpoints:                ${podIP('petclinic')}:8080`,
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
      '',
    ].join('\n')));
  });

  it('describe pod shows the node, the container and the events found by field selector', async () => {
    const p = pod('petclinic');
    const r = await c.kubectl(['describe', 'pod', 'petclinic']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Name:             petclinic',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      `Node:             ${p.spec!.nodeName}/${p.status!.hostIP}`,
      expect.stringMatching(/^Start Time: {7}\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
    ]);
    expect(lines).toContain('Status:           Running');
    expect(lines).toContain(`IP:               ${p.status!.podIP}`);
    expect(lines).toContain('    Image:          spring2go/spring-petclinic:1.0.0.RELEASE');
    const events = lines.slice(lines.indexOf('Events:') + 1).filter((l) => l.trim());
    const cells = events.map((l) => l.trim().split(/\s{2,}/));
    expect(cells.map((e) => [e[0], e[1], e[3]])).toEqual([
      ['Type', 'Reason', 'From'], ['----', '------', '----'],
      ['Normal', 'Scheduled', 'default-scheduler'], ['Normal', 'Pulling', 'kubelet'], ['Normal', 'Pulled', 'kubelet'],
      ['Normal', 'Created', 'kubelet'], ['Normal', 'Started', 'kubelet'],
    ]);
    for (const e of cells.slice(2)) expect(e[2]).toMatch(AGE);
    expect(cells[2][4]).toBe(`Successfully assigned default/petclinic to ${p.spec!.nodeName}`);
    expect(cells[6][4]).toBe('Started container petclinic');
  });

  it('get events: kubectl\'s columns, the kind prefixed to the NAME column (the last, wide one)', async () => {
    const r = await c.kubectl(['get', 'events,pods', '-o', 'wide', '--field-selector', 'involvedObject.name=petclinic']);
    expect(r.stderr).toBe('');
    const [events] = parseTables(r.stdout.replace(/\n\nNAME +READY[\s\S]*$/, '\n'));
    expect(events[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(events.slice(1).map((e) => [e[1], e[2], e[3], e[4], e[8]])).toEqual([
      ['Normal', 'Scheduled', 'pod/petclinic', '', '1'],
      ['Normal', 'Pulling', 'pod/petclinic', 'spec.containers{petclinic}', '1'],
      ['Normal', 'Pulled', 'pod/petclinic', 'spec.containers{petclinic}', '1'],
      ['Normal', 'Created', 'pod/petclinic', 'spec.containers{petclinic}', '1'],
      ['Normal', 'Started', 'pod/petclinic', 'spec.containers{petclinic}', '1'],
    ]);
    for (const e of events.slice(1)) {
      expect(e[0]).toMatch(AGE);
      expect(e[9]).toMatch(/^event\/petclinic\.[0-9a-f]{16}$/);
    }
  });

  it('a misspelled selector label leaves a Service without endpoints', async () => {
    const typo = petclinicService.replace('name: petclinic', 'name: petclinic-typo').replace('nodePort: 31080', 'nodePort: 31081')
      .replace('app: petclinic', 'app: petclinc');
    expect(await c.kubectl(['apply', '-f', c.file('typo.yml', typo)])).toEqual(ok('service/petclinic-typo created\n'));
    await eventually(() => c.sim.api.list('endpoints', { namespace: 'default', fieldSelector: 'metadata.name=petclinic-typo' }).items[0]);
    const r = await c.kubectl(['get', 'ep', 'petclinic-typo', 'petclinic']);
    expect(r.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expectTable(r.stdout, [
      ['NAME', 'ENDPOINTS', 'AGE'],
      ['petclinic-typo', '<none>', AGE],
      ['petclinic', `${podIP('petclinic')}:8080`, AGE],
    ]);
  });

  it('delete svc NAME and delete po NAME', async () => {
    expect(await c.kubectl(['delete', 'svc', 'petclinic', 'petclinic-typo'])).toEqual(ok('service "petclinic" deleted\nservice "petclinic-typo" deleted\n'));
    expect(await c.kubectl(['delete', 'po', 'petclinic'])).toEqual(ok('pod "petclinic" deleted\n'));
    expect(await c.kubectl(['get', 'po'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(await c.kubectl(['get', 'po', 'petclinic'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "petclinic" not found\n', code: 1 });
  });
});

describe('lesson 3: blue/green by switching the Service selector', TEST_TIMEOUT, () => {
  it('two labelled releases, the Service selecting v1.0.0', async () => {
    c.file('lesson3/petclinic-v1.0.0.yml', releasePod('1.0.0'));
    c.file('lesson3/petclinic-v1.0.1.yml', releasePod('1.0.1'));
    c.file('lesson3/petclinic-service.yml', releaseService('1.0.0'));
    expect(await c.kubectl(['apply', '-f', 'lesson3'])).toEqual(ok('service/petclinic created\npod/petclinic-v1.0.0 created\npod/petclinic-v1.0.1 created\n'));
    await running('petclinic-v1.0.0');
    await running('petclinic-v1.0.1');
    expectTable((await c.kubectl(['get', 'po', '--show-labels'])).stdout, [
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS'],
      ['petclinic-v1.0.0', '1/1', 'Running', '0', AGE, 'app=petclinic,version=v1.0.0'],
      ['petclinic-v1.0.1', '1/1', 'Running', '0', AGE, 'app=petclinic,version=v1.0.1'],
    ]);
  });

  const endpointsLine = async () => (await c.kubectl(['describe', 'svc', 'petclinic'])).stdout.split('\n').find((l) => l.startsWith('Endpoints:'));
  const selectorLine = async () => (await c.kubectl(['describe', 'svc', 'petclinic'])).stdout.split('\n').find((l) => l.startsWith('Selector:'));

  it('re-applying the Service with the other version moves the endpoint, and back', async () => {
    expect(await endpointsLine()).toBe(`Endpoints:                ${podIP('petclinic-v1.0.0')}:8080`);
    const file = c.file('lesson3/petclinic-service.yml', releaseService('1.0.1'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(ok('service/petclinic configured\n'));
    expect(await selectorLine()).toBe('Selector:                 app=petclinic,version=v1.0.1');
    await eventually(async () => ((await endpointsLine()) === `Endpoints:                ${podIP('petclinic-v1.0.1')}:8080` ? true : undefined));
    c.file('lesson3/petclinic-service.yml', releaseService('1.0.0'));
    expect(await c.kubectl(['apply', '-f', file])).toEqual(ok('service/petclinic configured\n'));
    await eventually(async () => ((await endpointsLine()) === `Endpoints:                ${podIP('petclinic-v1.0.0')}:8080` ? true : undefined));
  });

  it('delete po --all, then delete svc --all: the kubernetes Service comes back by itself', async () => {
    expect(await c.kubectl(['delete', 'po', '--all'])).toEqual(ok('pod "petclinic-v1.0.0" deleted\npod "petclinic-v1.0.1" deleted\n'));
    expect(await c.kubectl(['delete', 'svc', '--all'])).toEqual(ok('service "kubernetes" deleted\nservice "petclinic" deleted\n'));
    const back = await eventually(async () => {
      const r = await c.kubectl(['get', 'svc']);
      return r.stdout.includes('kubernetes') ? r : undefined;
    });
    expectTable(back.stdout, [['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', AGE]]);
  });
});
