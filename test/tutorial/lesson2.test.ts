import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { Service } from '../../backends/contract/types.js';
import { tableFor } from '../../src/render/index.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { describe as describeObject } from '../../src/ops/describe.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyManifests, loadManifestSources } from '../../src/ops/apply.js';
import { applyFile } from '../helpers/applyFile.js';
import { advance } from '../helpers/waitFor.js';
import { readyIPs, send, tally, waitForEndpoints, waitForRunning } from '../network/lessonKit.js';

// Tutorial lesson 2: a NodePort Service in front of labelled pods (tutorial.md; kubernetes-behaviour.md §6).
const pod = (name: string, labels: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${labels}
spec:
  containers:
    - name: petclinic
      image: spring2go/spring-petclinic:1.0.0.RELEASE
`;

const service = (selector: string, extra = '      targetPort: 8080\n      nodePort: 31080\n', type = 'NodePort') => `apiVersion: v1
kind: Service
metadata:
  name: petclinic
spec:
  ports:
    - name: http
      port: 8080
${extra}  selector:
${selector}
  type: ${type}
`;

describe('lesson 2: a NodePort Service', () => {
  it('finds pods only when every selector label matches: a misspelled label leaves it without endpoints', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    expect(await applyFile(b, 'petclinic-pod.yml', pod('petclinic', '    app: petclinic'))).toEqual(['pod/petclinic created']);
    expect(await applyFile(b, 'other-pod.yml', pod('other', '    app: petclinic-other'))).toEqual(['pod/other created']);
    expect(await applyFile(b, 'petclinic-service.yml', service('    app: petclinc'))).toEqual(['service/petclinic created']);
    const [p] = await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await advance(sim, 5000);
    expect(await readyIPs(b, 'default', 'petclinic')).toEqual([]);
    expect(await describeObject(b, 'services', 'default', 'petclinic', sim.clock.now())).toMatch(/^Endpoints:\s*$/m);
    expect(send(sim, 'localhost:31080', 5).map((r) => r.error)).toEqual(Array(5).fill('Connection refused'));

    expect(await applyFile(b, 'petclinic-service.yml', service('    app: petclinic'))).toEqual(['service/petclinic configured']);
    expect(await waitForEndpoints(sim, b, 'default', 'petclinic', 1)).toEqual([p.status!.podIP]);
    expect(await describeObject(b, 'services', 'default', 'petclinic', sim.clock.now())).toMatch(new RegExp(`^Endpoints:\\s+${p.status!.podIP}:8080$`, 'm'));
    const nodeIP = p.status!.hostIP!;
    const answers = [...send(sim, 'localhost:31080', 10), ...send(sim, `http://${nodeIP}:31080/`, 10)];
    expect(tally(answers)).toEqual({ petclinic: 20 });
    expect(answers[0]).toMatchObject({ ok: true, status: 200, version: '1.0.0.RELEASE', service: { namespace: 'default', name: 'petclinic' } });
    expect(sim.ctx.traffic!.countersFor('default', 'petclinic')).toMatchObject({ ok: 20, failed: 0 });

    expect(await deleteObject(b, 'services', 'default', 'petclinic')).toBe('service "petclinic" deleted');
    await advance(sim, 1000);
    expect(send(sim, 'localhost:31080', 1)[0].error).toBe('Connection refused');
    expect(await deleteObject(b, 'pods', 'default', 'petclinic')).toBe('pod "petclinic" deleted');
  });

  it('defaults targetPort to port', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await applyFile(b, 'petclinic-pod.yml', pod('petclinic', '    app: petclinic'));
    await applyFile(b, 'petclinic-service.yml', service('    app: petclinic', ''));
    const svc = await b.get('services', 'default', 'petclinic') as Service;
    expect(svc.spec!.ports![0]).toMatchObject({ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' });
    const nodePort = svc.spec!.ports![0].nodePort!;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    expect(send(sim, `localhost:${nodePort}`, 1)[0]).toMatchObject({ ok: true, pod: { name: 'petclinic' } });
  });

  it('leaves a LoadBalancer EXTERNAL-IP <pending> without a cloud, still reachable on its node port', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await applyFile(b, 'petclinic-pod.yml', pod('petclinic', '    app: petclinic'));
    await applyFile(b, 'petclinic-service.yml', service('    app: petclinic', '      targetPort: 8080\n', 'LoadBalancer'));
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    await advance(sim, 300_000);
    const svc = await b.get('services', 'default', 'petclinic') as Service;
    const table = tableFor('services');
    const row = table.row(svc, { now: sim.clock.now() });
    const cell = (name: string) => row[table.columns.findIndex((c) => c.name === name)];
    expect(cell('TYPE')).toBe('LoadBalancer');
    expect(cell('CLUSTER-IP')).toBe(svc.spec!.clusterIP);
    expect(cell('EXTERNAL-IP')).toBe('<pending>');
    expect(cell('PORT(S)')).toBe(`8080:${svc.spec!.ports![0].nodePort}/TCP`);
    expect(svc.status).toEqual({ loadBalancer: {} });
    expect(send(sim, `localhost:${svc.spec!.ports![0].nodePort}`, 1)[0].ok).toBe(true);
  });

  it('applies a whole folder with `kubectl apply -f .`, then describes and deletes', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    const dir = mkdtempSync(join(tmpdir(), 'kdash-lesson2-'));
    try {
      writeFileSync(join(dir, 'petclinic-pod.yml'), pod('petclinic', '    app: petclinic'));
      writeFileSync(join(dir, 'petclinic-service.yml'), service('    app: petclinic'));
      const result = await applyManifests(b, await loadManifestSources(dir), { namespace: 'default' });
      expect(result.lines).toEqual(['pod/petclinic created', 'service/petclinic created']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const [p] = await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    await waitForEndpoints(sim, b, 'default', 'petclinic', 1);
    const svc = await b.get('services', 'default', 'petclinic') as Service;
    const page = await describeObject(b, 'services', 'default', 'petclinic', sim.clock.now());
    expect(page).toMatch(/^Selector:\s+app=petclinic$/m);
    expect(page).toMatch(/^Type:\s+NodePort$/m);
    expect(page).toMatch(new RegExp(`^IP:\\s+${svc.spec!.clusterIP!.replaceAll('.', '\\.')}$`, 'm'));
    expect(page).toMatch(/^NodePort:\s+http\s+31080\/TCP$/m);
    expect(page).toMatch(new RegExp(`^Endpoints:\\s+${p.status!.podIP}:8080$`, 'm'));
    expect(await deleteObject(b, 'services', 'default', 'petclinic')).toBe('service "petclinic" deleted');
    expect(await deleteObject(b, 'pods', 'default', 'petclinic')).toBe('pod "petclinic" deleted');
  });
});
