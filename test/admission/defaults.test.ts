import { describe, expect, it } from 'vitest';
import { admission } from '../../backends/sim/admission/index.js';
import { imagePullPolicyFor } from '../../backends/sim/admission/podDefaults.js';
import type { Deployment, KubeObject, Namespace, Pod, ReplicaSet, Secret, Service } from '../../backends/contract/types.js';
import { newSim } from '../helpers/sim.js';

const template = (image = 'spring2go/spring-petclinic:1.0.0.RELEASE') => ({
  metadata: { labels: { app: 'petclinic' } },
  spec: { containers: [{ name: 'petclinic', image, ports: [{ containerPort: 8080 }] }] },
});

const templateDefaults = {
  containers: [{
    name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE', ports: [{ containerPort: 8080, protocol: 'TCP' }],
    imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {},
  }],
  dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
};

describe('defaults', () => {
  it('gives a Deployment its spec defaults and its template the pod spec defaults', () => {
    const sim = newSim([admission]);
    const d = sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic' },
      spec: { selector: { matchLabels: { app: 'petclinic' } }, template: template() },
    }) as Deployment;
    expect(d.spec).toEqual({
      selector: { matchLabels: { app: 'petclinic' } },
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: 'petclinic' } }, spec: templateDefaults },
    });
    expect(d.status).toEqual({});
  });

  it('keeps a Recreate strategy without rollingUpdate, and gives a ReplicaSet one replica', () => {
    const sim = newSim([admission]);
    const d = sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'db' },
      spec: { strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'petclinic' } }, template: template() },
    }) as Deployment;
    expect(d.spec!.strategy).toEqual({ type: 'Recreate' });
    const rs = sim.api.create('replicasets', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'petclinic' },
      spec: { selector: { matchLabels: { app: 'petclinic' } }, template: template() },
    }) as ReplicaSet;
    expect(rs.spec!.replicas).toBe(1);
    expect(rs.spec!.template!.spec).toEqual(templateDefaults);
  });

  it('gives a Pod the pod spec defaults and what the admission plugins add', () => {
    const sim = newSim([admission]);
    const pod = sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'petclinic', labels: { app: 'petclinic' } },
      spec: { containers: [{ name: 'petclinic', image: 'spring2go/spring-petclinic:1.0.0.RELEASE', ports: [{ containerPort: 8080 }] }] },
    }) as Pod;
    const spec = pod.spec!;
    const volume = spec.volumes![0].name;
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec).toEqual({
      ...templateDefaults,
      containers: [{ ...templateDefaults.containers[0], volumeMounts: [{ name: volume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }],
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [{
        name: volume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }],
    });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('copies limits into missing requests and derives the QoS class', () => {
    const sim = newSim([admission]);
    const mk = (name: string, resources: object) => sim.api.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'mysql:5.7', resources }] },
    }) as Pod;
    const g = mk('g', { limits: { cpu: 0.5, memory: '512Mi' } });
    expect(g.spec!.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '500m', memory: '512Mi' } });
    expect(g.status!.qosClass).toBe('Guaranteed');
    expect(mk('b', { requests: { cpu: '100m' } }).status!.qosClass).toBe('Burstable');
  });

  it('derives imagePullPolicy from the tag', () => {
    expect(imagePullPolicyFor('nginx')).toBe('Always');
    expect(imagePullPolicyFor('nginx:latest')).toBe('Always');
    expect(imagePullPolicyFor('mysql:5.7')).toBe('IfNotPresent');
    expect(imagePullPolicyFor('localhost:5000/app')).toBe('Always');
    expect(imagePullPolicyFor('localhost:5000/app:v2')).toBe('IfNotPresent');
    expect(imagePullPolicyFor('nginx@sha256:abcd')).toBe('IfNotPresent');
  });

  it('gives a Service its defaults: ClusterIP, None affinity, TCP, targetPort = port', () => {
    const sim = newSim([admission]);
    const svc = sim.api.create('services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'mysql' },
      spec: { selector: { app: 'mysql' }, ports: [{ name: 'tcp', port: 3306 }] },
    }) as Service;
    expect(svc.spec).toEqual({
      selector: { app: 'mysql' }, ports: [{ name: 'tcp', port: 3306, protocol: 'TCP', targetPort: 3306 }],
      sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster',
    });
    const np = sim.api.create('services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'petclinic' },
      spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', ports: [{ port: 8080, targetPort: 'http' }] },
    }) as Service;
    expect(np.spec).toMatchObject({
      externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true,
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, ports: [{ port: 8080, targetPort: 'http', protocol: 'TCP' }],
    });
  });

  it('merges a Secret\'s stringData into data as base64 and drops it; type defaults to Opaque', () => {
    const sim = newSim([admission]);
    const s = sim.api.create('secrets', {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mysql' },
      data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 'root' },
    }) as Secret;
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ user: 'YWRtaW4=', password: 'cm9vdA==' });
    expect('stringData' in s).toBe(false);
  });

  it('creates a Namespace with the kubernetes finalizer, phase Active and the forced name label', () => {
    const sim = newSim([admission]);
    const ns = sim.api.create('namespaces', {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'other', team: 'a' } },
    }) as Namespace;
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata!.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop', team: 'a' });
  });

  it('applies the defaults again on update: a removed replicas comes back as 1', () => {
    const sim = newSim([admission]);
    sim.api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'petclinic' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'petclinic' } }, template: template() },
    });
    const d = sim.api.patch('deployments', 'default', 'petclinic', 'merge', {
      spec: { replicas: null, template: { spec: { containers: [{ name: 'petclinic', image: 'nginx' }] } } },
    }) as Deployment;
    expect(d.spec!.replicas).toBe(1);
    expect(d.spec!.template!.spec!.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePolicy: 'File' });
    const cur = structuredClone(sim.api.get('deployments', 'default', 'petclinic')) as KubeObject;
    delete (cur.spec as { strategy?: unknown }).strategy;
    expect((sim.api.update('deployments', cur) as Deployment).spec!.strategy!.rollingUpdate).toEqual({ maxUnavailable: '25%', maxSurge: '25%' });
  });
});
