import { describe, expect, it } from 'vitest';
import { newSim } from '../helpers/sim.js';
import { waitFor } from '../helpers/waitFor.js';
import { createSimulator } from '../../backends/sim/simulator.js';
import { resourceManifest } from '../../src/ops/resourceManifest.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import type { KubeObject, Pod, Service } from '../../backends/contract/types.js';

describe('resourceManifest', () => {
  it('drops what the server and controllers set and keeps what the user wrote', () => {
    const pod: KubeObject = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'web-7c5ddbdf54-2xq9z', namespace: 'default', generateName: 'web-7c5ddbdf54-', labels: { app: 'web' },
        annotations: { note: 'x' }, uid: 'u', resourceVersion: '12', creationTimestamp: '2026-01-01T10:00:00Z', generation: 2,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5ddbdf54', uid: 'r', controller: true }],
        managedFields: [{ manager: 'kubectl' }], deletionTimestamp: '2026-01-01T10:01:00Z', deletionGracePeriodSeconds: 30,
      },
      spec: {
        nodeName: 'kind-worker', containers: [{ name: 'web', image: 'nginx', volumeMounts: [
          { name: 'data', mountPath: '/data' },
          { name: 'kube-api-access-8xk2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ] }],
        volumes: [{ name: 'data', emptyDir: {} }, { name: 'kube-api-access-8xk2p', projected: { sources: [] } }],
      },
      status: { phase: 'Running' },
    };
    expect(resourceManifest(pod)).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'web-7c5ddbdf54-2xq9z', namespace: 'default', generateName: 'web-7c5ddbdf54-', labels: { app: 'web' }, annotations: { note: 'x' } },
      spec: { containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {} }] },
    });
    expect(pod.metadata!.uid).toBe('u'); // the input is not modified
  });

  it('lets the server allocate a Service\'s ClusterIP again', () => {
    const svc: KubeObject = {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u' },
      spec: { type: 'NodePort', clusterIP: '10.96.4.7', clusterIPs: ['10.96.4.7'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 31080 }] },
      status: { loadBalancer: {} },
    };
    expect(resourceManifest(svc)).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 31080 }] },
    });
  });

  it('re-creates a deleted object through the backend', async () => {
    const sim = newSim([]);
    const b = sim.backend;
    const created = await b.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const svc = await b.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { a: 'b' }, ports: [{ port: 80 }] } });
    const podManifest = resourceManifest(await b.get('pods', 'default', 'p'));
    const svcManifest = resourceManifest(await b.get('services', 'default', 's'));
    expect(await deleteObject(b, 'pods', 'default', 'p')).toBe('pod "p" deleted');
    expect(await deleteObject(b, 'services', 'default', 's')).toBe('service "s" deleted');
    await expect(b.get('pods', 'default', 'p')).rejects.toThrow('pods "p" not found');
    const again = await b.create('pods', podManifest) as Pod;
    expect(again.metadata!.uid).not.toBe(created.metadata!.uid);
    expect(again.metadata!.labels).toEqual({ a: 'b' });
    expect(again.spec!.containers[0].image).toBe('nginx');
    const svcAgain = await b.create('services', svcManifest) as Service;
    expect(svcAgain.metadata!.uid).not.toBe(svc.metadata!.uid);
    expect(svcAgain.spec!.selector).toEqual({ a: 'b' });
  });
});

describe('resourceManifest on the full simulator', () => {
  it('undoes the delete of a scheduled pod and of a NodePort Service', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await b.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.1' }] } });
    await b.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'p' }, ports: [{ port: 80, nodePort: 31080 }] } });
    await waitFor(sim, async () => (await b.get('pods', 'default', 'p')).status?.phase === 'Running', { what: 'the pod to run' });
    const pod = await b.get('pods', 'default', 'p');
    expect(pod.spec!.nodeName).toBeTruthy();
    const podManifest = resourceManifest(pod);
    const svcManifest = resourceManifest(await b.get('services', 'default', 's'));
    expect(podManifest.spec).not.toHaveProperty('nodeName');
    expect(svcManifest.spec).not.toHaveProperty('clusterIP');

    expect(await deleteObject(b, 'pods', 'default', 'p', { gracePeriodSeconds: 0 })).toBe('pod "p" force deleted');
    expect(await deleteObject(b, 'services', 'default', 's')).toBe('service "s" deleted');
    const again = await b.create('pods', podManifest) as Pod;
    const svcAgain = await b.create('services', svcManifest) as Service;
    expect(svcAgain.spec!.clusterIP).toMatch(/^10\.96\./);
    expect(svcAgain.spec!.ports![0].nodePort).toBe(31080);
    expect(again.metadata!.uid).not.toBe(pod.metadata!.uid);
    await waitFor(sim, async () => (await b.get('pods', 'default', 'p')).status?.phase === 'Running', { what: 'the re-created pod to run' });
  });
});
