// `kubectl get` cells for services (§6.4), workloads (§10.2), config, cluster objects, events.
import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Endpoints, Event, Node, ReplicaSet, Service } from '../../backends/contract/types.js';
import { renderTable, rowState, tableFor } from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:10:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const names = (r: Parameters<typeof tableFor>[0]) => tableFor(r).columns.map((c) => `${c.name}${c.wide ? '*' : ''}`);

function svc(name: string, spec: Service['spec'], status?: Service['status'], age = 300): Service {
  return { metadata: { name, namespace: 'default', creationTimestamp: ago(age) }, spec, status };
}

describe('services', () => {
  it('columns', () => {
    expect(names('services')).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR*']);
  });
  it('PORT(S): port/proto, port:nodePort/proto, joined with commas, <none> without ports', () => {
    const row = (s: Service) => tableFor('services').row(s, { now: NOW })[4];
    expect(row(svc('a', { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }))).toBe('443/TCP');
    expect(row(svc('b', { type: 'NodePort', ports: [{ port: 8080, nodePort: 31080, protocol: 'TCP' }] }))).toBe('8080:31080/TCP');
    expect(row(svc('c', { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, { port: 9153, protocol: 'TCP' }] })))
      .toBe('53/UDP,53/TCP,9153/TCP');
    expect(row(svc('d', { type: 'ClusterIP', ports: [] }))).toBe('<none>');
  });
  it('EXTERNAL-IP', () => {
    const row = (s: Service) => tableFor('services').row(s, { now: NOW })[3];
    expect(row(svc('a', { type: 'ClusterIP' }))).toBe('<none>');
    expect(row(svc('b', { type: 'NodePort', externalIPs: ['1.2.3.4', '5.6.7.8'] }))).toBe('1.2.3.4,5.6.7.8');
    expect(row(svc('c', { type: 'LoadBalancer' }))).toBe('<pending>');
    expect(row(svc('d', { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '172.18.0.9' }, { hostname: 'lb.example.com' }, { ip: '172.18.0.9' }] } })))
      .toBe('172.18.0.9,lb.example.com');
    expect(row(svc('e', { type: 'LoadBalancer', externalIPs: ['9.9.9.9'] }, { loadBalancer: { ingress: [{ ip: '172.18.0.9' }] } })))
      .toBe('172.18.0.9,9.9.9.9');
    expect(row(svc('f', { type: 'ExternalName', externalName: 'db.example.com' }))).toBe('db.example.com');
  });
  it('CLUSTER-IP: clusterIPs[0], None for headless, <none> for ExternalName; SELECTOR via FormatLabels', () => {
    const cells = (s: Service) => tableFor('services').row(s, { now: NOW });
    expect(cells(svc('h', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { b: '2', a: '1' } }))).toEqual(
      ['h', 'ClusterIP', 'None', '<none>', '<none>', '5m', 'a=1,b=2'],
    );
    expect(cells(svc('x', { type: 'ExternalName', externalName: 'x.io' }))[2]).toBe('<none>');
    expect(cells(svc('x', { type: 'ExternalName', externalName: 'x.io' }))[6]).toBe('<none>');
  });
  it('renders kubectl get svc', () => {
    const list = [
      svc('kubernetes', { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] }, undefined, 3 * 86400),
      svc('web', { type: 'NodePort', clusterIPs: ['10.96.183.214'], ports: [{ port: 8080, nodePort: 31080, protocol: 'TCP' }] }),
      svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.77.3'], ports: [{ port: 80, nodePort: 30912, protocol: 'TCP' }] }, undefined, 60),
    ];
    expect(renderTable(tableFor('services'), list, { now: NOW })).toBe([
      'NAME         TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)          AGE',
      'kubernetes   ClusterIP      10.96.0.1       <none>        443/TCP          3d',
      'web          NodePort       10.96.183.214   <none>        8080:31080/TCP   5m',
      'lb           LoadBalancer   10.96.77.3      <pending>     80:30912/TCP     60s',
      '',
    ].join('\n'));
  });
});

function deployment(replicas: number, status: Deployment['status']): Deployment {
  return {
    metadata: { name: 'nginx', namespace: 'default', creationTimestamp: ago(120), generation: 1 },
    spec: {
      replicas, selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }, { name: 'side', image: 'busybox' }] } },
    },
    status: { observedGeneration: 1, ...status },
  };
}

function replicaSet(name: string, desired: number, current: number, ready: number, age: number): ReplicaSet {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: ago(age) },
    spec: {
      replicas: desired,
      selector: { matchLabels: { app: 'nginx', 'pod-template-hash': name.split('-')[1] }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'front'] }] },
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } },
    },
    status: { replicas: current, readyReplicas: ready },
  };
}

describe('deployments and replicasets', () => {
  it('deployment READY is ready/desired, then UP-TO-DATE and AVAILABLE', () => {
    expect(names('deployments')).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS*', 'IMAGES*', 'SELECTOR*']);
    const d = deployment(3, { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 });
    expect(tableFor('deployments').row(d, { now: NOW })).toEqual(['nginx', '2/3', '3', '2', '2m', 'nginx,side', 'nginx:1.16.1,busybox', 'app=nginx']);
    expect(tableFor('deployments').row(deployment(3, {}), { now: NOW })[1]).toBe('0/3');
  });
  it('renders the §10.2 deployment sample', () => {
    const d = deployment(3, { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    expect(renderTable(tableFor('deployments'), [d], { now: NOW })).toBe(
      'NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nnginx   3/3     3            3           2m\n',
    );
  });
  it('replicasets: DESIRED CURRENT READY, wide SELECTOR via FormatLabelSelector (sorted keys, sorted values)', () => {
    expect(names('replicasets')).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS*', 'IMAGES*', 'SELECTOR*']);
    const list = [replicaSet('nginx-5d59d67564', 0, 0, 0, 600), replicaSet('nginx-7c5ddbdf54', 3, 3, 3, 120)];
    expect(tableFor('replicasets').row(list[1], { now: NOW }).slice(5)).toEqual(
      ['nginx', 'nginx:1.16.1', 'app=nginx,pod-template-hash=7c5ddbdf54,tier in (front,web)'],
    );
    expect(renderTable(tableFor('replicasets'), list, { now: NOW })).toBe([
      'NAME               DESIRED   CURRENT   READY   AGE',
      'nginx-5d59d67564   0         0         0       10m',
      'nginx-7c5ddbdf54   3         3         3       2m',
      '',
    ].join('\n'));
  });
  it('integer columns are flagged for server-side Tables', () => {
    expect(tableFor('replicasets').columns.filter((c) => c.type === 'integer').map((c) => c.name)).toEqual(['DESIRED', 'CURRENT', 'READY']);
    expect(tableFor('deployments').columns.filter((c) => c.type === 'integer').map((c) => c.name)).toEqual(['UP-TO-DATE', 'AVAILABLE']);
  });
  it('row colours: rolling out is pending, done is ok', () => {
    expect(rowState('deployments', deployment(3, { replicas: 4, updatedReplicas: 2, availableReplicas: 3 }), NOW)).toBe('pending');
    expect(rowState('deployments', deployment(3, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 }), NOW)).toBe('ok');
    expect(rowState('replicasets', replicaSet('nginx-7c5ddbdf54', 3, 2, 2, 10), NOW)).toBe('pending');
  });
});

describe('endpoints and endpointslices', () => {
  it('ENDPOINTS lists ready addresses, at most 3, then + N more', () => {
    const ep: Endpoints = {
      metadata: { name: 'web', creationTimestamp: ago(30) },
      subsets: [{
        addresses: ['10.244.0.5', '10.244.0.6', '10.244.1.7', '10.244.1.8'].map((ip) => ({ ip })),
        notReadyAddresses: [{ ip: '10.244.2.9' }], ports: [{ port: 80, protocol: 'TCP' }],
      }],
    };
    expect(tableFor('endpoints').row(ep, { now: NOW })).toEqual(['web', '10.244.0.5:80,10.244.0.6:80,10.244.1.7:80 + 1 more...', '30s']);
    expect(tableFor('endpoints').row({ metadata: { name: 'x' } }, { now: NOW })[1]).toBe('<none>');
    expect(tableFor('endpoints').row({ metadata: { name: 'x' }, subsets: [{ notReadyAddresses: [{ ip: '1.1.1.1' }] }] }, { now: NOW })[1]).toBe('');
    expect(rowState('endpoints', { metadata: { name: 'x' } }, NOW)).toBe('warning');
  });
  it('endpointslices list all addresses regardless of readiness, <unset> when empty', () => {
    expect(names('endpointslices')).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    const eps: EndpointSlice = {
      metadata: { name: 'web-7xkq2', creationTimestamp: ago(30) }, addressType: 'IPv4',
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }, { addresses: ['10.244.0.6'], conditions: { ready: false } }],
    };
    expect(tableFor('endpointslices').row(eps, { now: NOW })).toEqual(['web-7xkq2', 'IPv4', '80', '10.244.0.5,10.244.0.6', '30s']);
    expect(tableFor('endpointslices').row({ metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [] }, { now: NOW }).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});

describe('config and cluster objects', () => {
  it('configmaps DATA counts data and binaryData; secrets TYPE DATA; serviceaccounts SECRETS', () => {
    expect(tableFor('configmaps').row({ metadata: { name: 'app-config', creationTimestamp: ago(10) }, data: { a: '1' }, binaryData: { b: 'AA==' } }, { now: NOW }))
      .toEqual(['app-config', '2', '10s']);
    expect(tableFor('secrets').row({ metadata: { name: 'db-creds', creationTimestamp: ago(10) }, type: 'Opaque', data: { u: 'cm9vdA==', p: 'eA==' } }, { now: NOW }))
      .toEqual(['db-creds', 'Opaque', '2', '10s']);
    expect(tableFor('serviceaccounts').row({ metadata: { name: 'default', creationTimestamp: ago(86400 * 3) } }, { now: NOW }))
      .toEqual(['default', '0', '3d']);
  });
  it('namespaces STATUS is the phase', () => {
    expect(tableFor('namespaces').row({ metadata: { name: 'demo', creationTimestamp: ago(5) }, status: { phase: 'Terminating' } }, { now: NOW }))
      .toEqual(['demo', 'Terminating', '5s']);
    expect(rowState('namespaces', { metadata: { name: 'demo' }, status: { phase: 'Terminating' } }, NOW)).toBe('terminating');
  });
  it('nodes: STATUS from Ready, ROLES from node-role labels, wide addresses and node info', () => {
    expect(names('nodes')).toEqual([
      'NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP*', 'EXTERNAL-IP*', 'OS-IMAGE*', 'KERNEL-VERSION*', 'CONTAINER-RUNTIME*',
    ]);
    const node = (name: string, labels: Record<string, string>, ready: string, unschedulable = false): Node => ({
      metadata: { name, labels, creationTimestamp: ago(3 * 86400) },
      spec: { unschedulable },
      status: {
        conditions: [{ type: 'Ready', status: ready }],
        addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: name }],
        nodeInfo: {
          kubeletVersion: 'v1.33.1', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.1.1',
          architecture: 'amd64', bootID: '', kubeProxyVersion: '', machineID: '', operatingSystem: 'linux', systemUUID: '',
        },
      },
    });
    expect(tableFor('nodes').row(node('kind-control-plane', { 'node-role.kubernetes.io/control-plane': '' }, 'True'), { now: NOW })).toEqual([
      'kind-control-plane', 'Ready', 'control-plane', '3d', 'v1.33.1', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0', 'containerd://2.1.1',
    ]);
    expect(tableFor('nodes').row(node('kind-worker', {}, 'False', true), { now: NOW }).slice(1, 3)).toEqual(['NotReady,SchedulingDisabled', '<none>']);
  });
});

describe('events', () => {
  const base: Event = {
    metadata: { name: 'nginx-7c5ddbdf54-2xq9z.17c8a1b2c3d4e5f6', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx-7c5ddbdf54-2xq9z', fieldPath: 'spec.containers{nginx}' },
    type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container nginx in pod x ',
    source: { component: 'kubelet', host: 'kind-worker' },
    firstTimestamp: ago(300), lastTimestamp: ago(20), count: 7,
  };
  it('columns in definition order, wide ones interleaved', () => {
    expect(names('events')).toEqual([
      'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT*', 'SOURCE*', 'MESSAGE', 'FIRST SEEN*', 'COUNT*', 'NAME*',
    ]);
  });
  it('row: LAST SEEN from lastTimestamp, OBJECT kind/name lowercased, message trimmed', () => {
    expect(tableFor('events').row(base, { now: NOW })).toEqual([
      '20s', 'Warning', 'BackOff', 'pod/nginx-7c5ddbdf54-2xq9z', 'spec.containers{nginx}', 'kubelet, kind-worker',
      'Back-off restarting failed container nginx in pod x', '5m', '7', 'nginx-7c5ddbdf54-2xq9z.17c8a1b2c3d4e5f6',
    ]);
  });
  it('events.k8s.io events (scheduler): eventTime, reportingComponent, count 1', () => {
    const e: Event = {
      metadata: { name: 'x.1' }, involvedObject: { kind: 'Pod', name: 'x' }, type: 'Normal', reason: 'Scheduled',
      message: 'Successfully assigned default/x to kind-worker', eventTime: `${ago(31).slice(0, -1)}.123456Z`,
      reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kind-control-plane', source: {},
    };
    const row = tableFor('events').row(e, { now: NOW });
    expect([row[0], row[5], row[7], row[8]]).toEqual(['30s', 'default-scheduler, default-scheduler-kind-control-plane', '30s', '1']);
    expect(rowState('events', base, NOW)).toBe('warning');
  });
});
