// describe svc (§6.5), cm and secret (§9.3), namespace (§10.7), the Events table (§10.6) and the
// pod lines the §14 sample does not show (§4.2, §10.3).
import { describe, expect, it } from 'vitest';
import type { ConfigMap, EndpointSlice, Event, Namespace, Pod, Secret, Service } from '../../backends/contract/types.js';
import {
  describeConfigMap, describeGeneric, describeNamespace, describeObject, describePod, describeSecret, describeService,
} from '../../src/render/index.js';

const NOW = Date.parse('2024-05-06T10:10:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

const web: Service = {
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    selector: { app: 'web' }, type: 'NodePort', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    clusterIP: '10.96.183.214', clusterIPs: ['10.96.183.214'],
    ports: [{ port: 8080, targetPort: 80, nodePort: 31080, protocol: 'TCP' }],
    sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
  },
};

function slice(ready: boolean[], port = 80): EndpointSlice {
  return {
    metadata: { name: 'web-7xkq2', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4',
    ports: [{ name: '', port, protocol: 'TCP' }],
    endpoints: ready.map((r, i) => ({ addresses: [`10.244.0.${5 + i}`], conditions: { ready: r } })),
  };
}

const SVC_SAMPLE = `Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.183.214
IPs:                      10.96.183.214
Port:                     <unset>  8080/TCP
TargetPort:               80/TCP
NodePort:                 <unset>  31080/TCP
Endpoints:                10.244.0.5:80,10.244.0.6:80,10.244.0.7:80
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`;

describe('describe svc', () => {
  it('reproduces the §6.5 sample', () => {
    expect(describeService({ object: web, now: NOW, events: [], endpointSlices: [slice([true, true, true])] })).toBe(SVC_SAMPLE);
  });
  const endpointsLine = (slices: EndpointSlice[]) =>
    describeService({ object: web, now: NOW, endpointSlices: slices }).split('\n').find((l) => l.startsWith('Endpoints:'));
  it('Endpoints: <none> without slices, empty when nothing is ready, + N more beyond three', () => {
    expect(endpointsLine([])).toBe('Endpoints:                <none>');
    expect(endpointsLine([slice([false, false])])).toBe('Endpoints:                ');
    expect(endpointsLine([slice([true, false, true, true, true, true])])).toBe('Endpoints:                10.244.0.5:80,10.244.0.7:80,10.244.0.8:80 + 2 more...');
  });
  it('named target ports, several ports, LoadBalancer without ingress', () => {
    const lb: Service = {
      metadata: { name: 'lb', namespace: 'default' },
      spec: {
        type: 'LoadBalancer', clusterIP: '10.96.77.3', clusterIPs: ['10.96.77.3'], selector: { app: 'lb' },
        ports: [
          { name: 'http', port: 80, targetPort: 'web', nodePort: 30912, protocol: 'TCP' },
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        ],
        sessionAffinity: 'None', externalTrafficPolicy: 'Cluster',
      },
    };
    const s: EndpointSlice = {
      metadata: { name: 'lb-abcde' }, addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
      endpoints: [{ addresses: ['10.244.1.4'], conditions: { ready: true } }],
    };
    expect(describeService({ object: lb, now: NOW, endpointSlices: [s] })).toBe(`Name:                     lb
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 app=lb
Type:                     LoadBalancer
IP Families:              <none>
IP:                       10.96.77.3
IPs:                      10.96.77.3
Port:                     http  80/TCP
TargetPort:               web/TCP
NodePort:                 http  30912/TCP
Endpoints:                10.244.1.4:8080
Port:                     dns  53/UDP
TargetPort:               53/UDP
Endpoints:                10.244.1.4:53
Session Affinity:         None
External Traffic Policy:  Cluster
`);
  });
});

describe('describe cm and secret', () => {
  it('configmap: Data entries (sorted), BinaryData sizes, then Events', () => {
    const cm: ConfigMap = {
      metadata: { name: 'petclinic-config', namespace: 'default' },
      data: { TEST_CONFIG: 'test_config_v1', A_MULTI: 'line1\nline2' }, binaryData: { 'logo.png': Buffer.from([1, 2, 3, 4, 5]).toString('base64') },
    };
    expect(describeConfigMap({ object: cm, now: NOW, events: [] })).toBe(`Name:         petclinic-config
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
A_MULTI:
----
line1
line2

TEST_CONFIG:
----
test_config_v1


BinaryData
====
logo.png: 5 bytes

Events:  <none>
`);
  });
  it('secret: the §9.3 sample, sizes of the decoded values, no Events section', () => {
    const s: Secret = {
      metadata: { name: 'db-creds', namespace: 'default' }, type: 'Opaque',
      data: { username: Buffer.from('admin').toString('base64'), password: Buffer.from('s3cr3t-pass').toString('base64') },
    };
    const expected = `Name:         db-creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  11 bytes
username:  5 bytes
`;
    expect(describeSecret({ object: s, now: NOW, events: [] })).toBe(expected);
    expect(describeObject('Secret', { object: s, now: NOW })).toBe(expected);
  });
  it('secret: the last-applied annotation is skipped, long annotations are folded', () => {
    const s: Secret = {
      metadata: {
        name: 'x', namespace: 'default',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"password":"root"}}', note: 'y'.repeat(150) },
      },
      type: 'Opaque', data: {},
    };
    const out = describeSecret({ object: s, now: NOW });
    expect(out).not.toContain('root');
    expect(out).toContain(`Annotations:  note:\n                ${'y'.repeat(138)}...\n`);
  });
});

describe('describe namespace', () => {
  it('reproduces the §10.7 sample', () => {
    const ns: Namespace = { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }, status: { phase: 'Active' } };
    expect(describeNamespace({ object: ns, now: NOW })).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`);
  });
});

describe('events table', () => {
  const pod: Pod = {
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'app', image: 'bad:tag' }] }, status: { phase: 'Pending' },
  };
  it('x<count> over <first>, <unknown> without timestamps, sorted by lastTimestamp', () => {
    const events: Event[] = [
      {
        metadata: { name: 'a' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Warning', reason: 'Failed',
        message: 'Error: ImagePullBackOff', count: 7, firstTimestamp: ago(300), lastTimestamp: ago(20), source: { component: 'kubelet' },
      },
      {
        metadata: { name: 'b' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Normal', reason: 'BackOff',
        message: 'Back-off pulling image "bad:tag"', count: 1, firstTimestamp: ago(100), lastTimestamp: ago(100), source: { component: 'kubelet' },
      },
      { metadata: { name: 'c' }, involvedObject: { kind: 'Pod', name: 'p' }, type: 'Normal', reason: 'Odd', message: ' no times ', source: {} },
    ];
    const out = describePod({ object: pod, now: NOW, events });
    expect(out.slice(out.indexOf('Events:'))).toBe(`Events:
  Type     Reason   Age               From     Message
  ----     ------   ----              ----     -------
  Normal   Odd      <unknown>                  no times
  Normal   BackOff  100s              kubelet  Back-off pulling image "bad:tag"
  Warning  Failed   20s (x7 over 5m)  kubelet  Error: ImagePullBackOff
`);
  });
});

describe('describe pod, lines the sample does not show', () => {
  const base = (): Pod => ({
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(60) },
    spec: {
      containers: [{
        name: 'app', image: 'petclinic:1.0.1', command: ['java'], args: ['-jar', 'app.jar'],
        ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }, { containerPort: 8443, protocol: 'TCP' }],
        resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '500m', memory: '256Mi' } },
        readinessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15 },
        envFrom: [{ configMapRef: { name: 'petclinic-config' } }],
        env: [
          { name: 'DATASOURCE_URL', value: 'jdbc:mysql://mysql/petclinic' },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
        ],
      }],
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: 'Pending' },
  });

  it('an unscheduled pod: Node <none>, IPs <none>, no container state, Burstable QoS', () => {
    const out = describePod({ object: base(), now: NOW });
    expect(out).toContain('Node:         <none>\n');
    expect(out).toContain('Status:       Pending\nIP:           \nIPs:          <none>\n');
    expect(out).toContain(`Containers:
  app:
    Image:       petclinic:1.0.1
    Ports:       8080/TCP, 8443/TCP
    Host Ports:  0/TCP, 0/TCP
    Command:
      java
    Args:
      -jar
      app.jar
    Limits:
      cpu:     1
      memory:  512Mi
    Requests:
      cpu:      500m
      memory:   256Mi
    Liveness:   tcp-socket :8080 delay=15s timeout=1s period=10s #success=1 #failure=3
    Readiness:  http-get http://:8080/health delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment Variables from:
      petclinic-config  ConfigMap  Optional: false
    Environment:
      DATASOURCE_URL:  jdbc:mysql://mysql/petclinic
      PASSWORD:        <set to the key 'password' in secret 'db'>   Optional: false
      MODE:            <set to the key 'mode' of config map 'cfg'>  Optional: true
      POD_NAME:        p (v1:metadata.name)
      POD_IP:           (v1:status.podIP)
    Mounts:            <none>
Volumes:               <none>
QoS Class:             Burstable
`);
  });

  it('a terminating pod inside its grace period (§4.2)', () => {
    const p = base();
    p.status = { phase: 'Running' };
    p.metadata!.deletionTimestamp = ago(-25);
    p.metadata!.deletionGracePeriodSeconds = 30;
    expect(describePod({ object: p, now: NOW })).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
  });

  it('Waiting and Last State: Terminated', () => {
    const p = base();
    p.spec!.containers = [{ name: 'app', image: 'x' }];
    p.status = {
      phase: 'Running',
      containerStatuses: [{
        name: 'app', image: 'x', imageID: '', containerID: 'containerd://abc', ready: false, restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2024-05-06T10:08:00Z', finishedAt: '2024-05-06T10:08:02Z' } },
      }],
    };
    expect(describePod({ object: p, now: NOW })).toContain(`    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Mon, 06 May 2024 10:08:00 +0000
      Finished:     Mon, 06 May 2024 10:08:02 +0000
    Ready:          False
    Restart Count:  3
`);
  });
});

describe('describe generic', () => {
  it('prints every field with smart labels, skipping metadata the header already shows', () => {
    const out = describeGeneric({
      now: NOW,
      object: {
        apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1', namespace: 'default', uid: 'u', managedFields: [{}] },
        involvedObject: { kind: 'Pod', name: 'x' }, count: 2, reason: 'Pulled',
      },
    });
    expect(out).toBe(`Name:         x.1
Namespace:    default
Labels:       <none>
Annotations:  <none>
API Version:  v1
Count:        2
Involved Object:
  Kind:  Pod
  Name:  x
Kind:    Event
Metadata:
  UID:   u
Reason:  Pulled
`);
  });
});
