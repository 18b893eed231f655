import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Pod } from '../../backends/contract/types.js';
import { describe as describeObject } from '../../src/ops/describe.js';
import { applyFile } from '../helpers/applyFile.js';
import { advance, waitFor } from '../helpers/waitFor.js';
import { send, waitForClusterDns, waitForEndpoints, waitForRunning } from '../network/lessonKit.js';
import { mysql } from '../helpers/mysqlManifest.js';

// Tutorial lesson 8: ConfigMaps as environment (fixed at container start) and as volumes (refreshed).

const config = (name: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  SPRING_PROFILES_ACTIVE: mysql
  DATASOURCE_URL: jdbc:mysql://mysql/petclinic
  DATASOURCE_USERNAME: root
  DATASOURCE_PASSWORD: petclinic
  DATASOURCE_INIT_MODE: always
  TEST_CONFIG: ${value}
`;

const petclinic = (configName: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: petclinic
spec:
  selector:
    matchLabels:
      app: petclinic
  replicas: 1
  template:
    metadata:
      labels:
        app: petclinic
    spec:
      containers:
        - name: petclinic
          image: spring2go/spring-petclinic:1.0.1.RELEASE
          envFrom:
            - configMapRef:
                name: ${configName}
---
apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  ports:
    - name: http
      port: 8080
      targetPort: 8080
      nodePort: 31080
  selector:
    app: petclinic
  type: NodePort
`;

const mounted = `apiVersion: v1
kind: Pod
metadata:
  name: petclinic-mounted
  labels:
    app: petclinic-mounted
spec:
  containers:
    - name: petclinic
      image: spring2go/spring-petclinic:1.0.1.RELEASE
      volumeMounts:
        - name: config
          mountPath: /etc/petclinic
  volumes:
    - name: config
      configMap:
        name: petclinic-config
`;

const testConfig = (body: string) => /^TEST_CONFIG=(.*)$/m.exec(body)?.[1];

describe('lesson 8: ConfigMap', () => {
  it('keeps a running pod on the environment it started with; a renamed ConfigMap rolls the Deployment', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    await applyFile(b, 'mysql-svc.yml', mysql);
    expect(await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v1'))).toEqual(['configmap/petclinic-config created']);
    await applyFile(b, 'petclinic-svc.yml', petclinic('petclinic-config'));
    await waitForEndpoints(sim, b, 'default', 'mysql', 1);
    const [first] = await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    const [r1] = send(sim, 'localhost:31080', 1);
    expect(r1).toMatchObject({ ok: true, status: 200, pod: { name: first.metadata!.name } });
    expect(testConfig(r1.body)).toBe('test_config_v1');
    expect(await describeObject(b, 'configmaps', 'default', 'petclinic-config', sim.clock.now())).toMatch(/^TEST_CONFIG:\n----\ntest_config_v1\n/m);

    // Edit the ConfigMap: the running pod still reports v1, however long we wait; no rollout starts.
    expect(await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v2'))).toEqual(['configmap/petclinic-config configured']);
    await advance(sim, 300_000);
    const [r2] = send(sim, 'localhost:31080', 1);
    expect(r2.pod?.name).toBe(first.metadata!.name);
    expect(testConfig(r2.body)).toBe('test_config_v1');
    expect((await b.list('replicasets', { namespace: 'default' })).items).toHaveLength(1);

    // Renaming the ConfigMap and pointing the Deployment at it is a template change: a rolling update.
    expect(await applyFile(b, 'petclinic-config-v2.yml', config('petclinic-config-v2', 'test_config_v3'))).toEqual(['configmap/petclinic-config-v2 created']);
    expect(await applyFile(b, 'petclinic-svc.yml', petclinic('petclinic-config-v2'))).toEqual(['deployment.apps/petclinic configured', 'service/petclinic unchanged']);
    await waitFor(sim, async () => {
      const pods = (await b.list('pods', { namespace: 'default', labelSelector: 'app=petclinic' })).items as Pod[];
      return pods.length === 1 && pods[0].metadata!.name !== first.metadata!.name && pods[0].status?.phase === 'Running';
    }, { what: 'the rolling update', stepMs: 1000 });
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    expect((await b.list('replicasets', { namespace: 'default' })).items).toHaveLength(2);
    const [r3] = send(sim, 'localhost:31080', 1);
    expect(r3.pod?.name).not.toBe(first.metadata!.name);
    expect(testConfig(r3.body)).toBe('test_config_v3');
  });

  it('gives a restarted container the edited environment', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v1'));
    await applyFile(b, 'petclinic-svc.yml', petclinic('petclinic-config'));
    const [p] = await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v2'));
    await advance(sim, 120_000);
    expect(testConfig(send(sim, 'localhost:31080', 1)[0].body)).toBe('test_config_v1');
    sim.ctx.faults!.killContainer('default', p.metadata!.name!);
    await waitFor(sim, async () => {
      const cur = await b.get('pods', 'default', p.metadata!.name!) as Pod;
      return cur.status?.containerStatuses?.[0].restartCount === 1 && cur.status.containerStatuses[0].ready === true;
    }, { what: 'the container to restart', stepMs: 500 });
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    const [r] = send(sim, 'localhost:31080', 1);
    expect(r.pod?.name).toBe(p.metadata!.name);
    expect(testConfig(r.body)).toBe('test_config_v2');
  });

  it('updates a mounted ConfigMap in place after the kubelet sync delay, without a restart', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v1'));
    await applyFile(b, 'petclinic-mounted.yml', mounted);
    const [p] = await waitForRunning(sim, b, 'default', 'app=petclinic-mounted', 1);
    const target = `${p.status!.podIP}:8080`;
    const file = () => /^\/etc\/petclinic\/TEST_CONFIG: (.*)$/m.exec(send(sim, target, 1)[0].body)?.[1];
    expect(file()).toBe('test_config_v1');
    await applyFile(b, 'petclinic-config.yml', config('petclinic-config', 'test_config_v2'));
    await advance(sim, 1000);
    expect(file()).toBe('test_config_v1');
    const took = await waitFor(sim, () => file() === 'test_config_v2', { what: 'the volume to refresh', stepMs: 1000, timeoutMs: 180_000 });
    expect(took).toBeGreaterThanOrEqual(10_000);
    expect(took).toBeLessThanOrEqual(120_000);
    const now = await b.get('pods', 'default', p.metadata!.name!) as Pod;
    expect(now.metadata!.uid).toBe(p.metadata!.uid);
    expect(now.status!.containerStatuses![0].restartCount).toBe(0);
  });
});
