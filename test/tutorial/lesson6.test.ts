import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Service } from '../../backends/contract/types.js';
import { applyFile } from '../helpers/applyFile.js';
import { advance } from '../helpers/waitFor.js';
import { send, waitForClusterDns, waitForEndpoints, waitForRunning } from '../network/lessonKit.js';
import { mysql } from '../helpers/mysqlManifest.js';

// Tutorial lesson 6: a ClusterIP Service for internal access, and why mysql must come first.

const petclinic = `apiVersion: apps/v1
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
          env:
            - name: SPRING_PROFILES_ACTIVE
              value: mysql
            - name: DATASOURCE_URL
              value: jdbc:mysql://mysql/petclinic
            - name: DATASOURCE_USERNAME
              value: root
            - name: DATASOURCE_PASSWORD
              value: petclinic
            - name: DATASOURCE_INIT_MODE
              value: always
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

describe('lesson 6: ClusterIP for internal access', () => {
  it('gives mysql a cluster-internal address that petclinic reaches by name through DATASOURCE_URL', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    expect(await applyFile(b, 'mysql-svc.yml', mysql)).toEqual(['pod/mysql created', 'service/mysql created']);
    const svc = await b.get('services', 'default', 'mysql') as Service;
    expect(svc.spec!.type).toBe('ClusterIP');
    expect(svc.spec!.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(svc.spec!.ports![0].nodePort).toBeUndefined();
    // A stateful service runs one pod.
    const [db] = await waitForRunning(sim, b, 'default', 'app=mysql', 1);
    expect(await waitForEndpoints(sim, b, 'default', 'mysql', 1)).toEqual([db.status!.podIP]);

    expect(await applyFile(b, 'petclinic-svc.yml', petclinic)).toEqual(['deployment.apps/petclinic created', 'service/petclinic created']);
    await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    const [r] = send(sim, 'localhost:31080', 1);
    expect(r).toMatchObject({ ok: true, status: 200, version: '1.0.1.RELEASE' });
    expect(r.body).toContain('DATASOURCE_URL=jdbc:mysql://mysql/petclinic: connected to mysql through service mysql\n');
    // The database answered too: on its ClusterIP, from inside the cluster only.
    expect(sim.ctx.traffic!.countersFor('default', 'mysql')?.ok).toBe(1);
    expect(send(sim, `${svc.spec!.clusterIP}:3306`, 1)[0]).toMatchObject({ ok: true, pod: { name: 'mysql' }, version: '5.7' });
    expect(send(sim, 'mysql:3306', 1)[0].body).toBe('5.7 MySQL Community Server (GPL) on mysql: ready for connections. port: 3306\n');
  });

  it('leaves petclinic without its database while mysql does not exist yet', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await waitForClusterDns(sim, b);
    await applyFile(b, 'petclinic-svc.yml', petclinic);
    await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    const [r] = send(sim, 'localhost:31080', 1);
    expect(r).toMatchObject({ ok: false, status: 500 });
    expect(r.body).toContain('DATASOURCE_URL=jdbc:mysql://mysql/petclinic: Communications link failure (Could not resolve host: mysql)\n');

    await applyFile(b, 'mysql-svc.yml', mysql);
    await advance(sim, 100);
    // The Service exists before its pod is ready: the name resolves, the connection is refused.
    expect(send(sim, 'localhost:31080', 1)[0].body).toContain('Communications link failure (Connection refused)');
    await waitForEndpoints(sim, b, 'default', 'mysql', 1);
    expect(send(sim, 'localhost:31080', 1)[0]).toMatchObject({ ok: true, status: 200 });
  });
});
