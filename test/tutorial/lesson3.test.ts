import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../backends/sim/simulator.js';
import type { TrafficResponse } from '../../backends/sim/context.js';
import { deleteObject } from '../../src/ops/deleteObject.js';
import { describe as describeObject } from '../../src/ops/describe.js';
import { applyFile } from '../helpers/applyFile.js';
import { releasePod, releaseService } from '../helpers/petclinicManifests.js';
import { advance, waitFor } from '../helpers/waitFor.js';
import { readyIPs, waitForEndpoints, waitForRunning } from '../network/lessonKit.js';

// Tutorial lesson 3: blue/green release by switching the Service selector's `version`.
const versionOf = (r: TrafficResponse) => r.version ?? r.error ?? '?';

describe('lesson 3: blue/green release', () => {
  it('moves all traffic to the other pod at once when the selector switches, and back on rollback', async () => {
    const sim = createSimulator({ seed: 3 });
    const b = sim.backend;
    await applyFile(b, 'petclinic-v1.0.0.yml', releasePod('1.0.0'));
    await applyFile(b, 'petclinic-v1.0.1.yml', releasePod('1.0.1'));
    expect(await applyFile(b, 'petclinic-service.yml', releaseService('1.0.0'))).toEqual(['service/petclinic created']);
    const pods = await waitForRunning(sim, b, 'default', 'app=petclinic', 2);
    const ipOf = (name: string) => pods.find((p) => p.metadata!.name === name)!.status!.podIP!;
    expect(await waitForEndpoints(sim, b, 'default', 'petclinic', 1)).toEqual([ipOf('petclinic-v1.0.0')]);
    expect(await describeObject(b, 'services', 'default', 'petclinic', sim.clock.now())).toMatch(new RegExp(`^Endpoints:\\s+${ipOf('petclinic-v1.0.0')}:8080$`, 'm'));

    // A steady stream of 50 requests a second to the NodePort while the selector switches:
    // each 100 ms tick of the generator sends 5.
    const seen: string[] = [];
    const stop = sim.ctx.traffic!.startTrafficGenerator({ services: ['localhost:31080'], ratePerSecond: 50 });
    const tick = async () => { await advance(sim, 100); seen.push(...sim.ctx.traffic!.recent().slice(-5).map(versionOf)); };
    for (let i = 0; i < 20; i++) await tick();
    expect(await applyFile(b, 'petclinic-service.yml', releaseService('1.0.1'))).toEqual(['service/petclinic configured']);
    for (let i = 0; i < 20; i++) await tick();
    stop();
    // Every answer came from one version or the other, never mixed after the switch.
    const firstNew = seen.indexOf('1.0.1.RELEASE');
    expect(firstNew).toBeGreaterThan(0);
    expect(seen.slice(0, firstNew).every((v) => v === '1.0.0.RELEASE')).toBe(true);
    expect(seen.slice(firstNew).every((v) => v === '1.0.1.RELEASE')).toBe(true);
    expect(seen.length).toBe(200);
    expect(await readyIPs(b, 'default', 'petclinic')).toEqual([ipOf('petclinic-v1.0.1')]);
    expect(await describeObject(b, 'services', 'default', 'petclinic', sim.clock.now())).toMatch(new RegExp(`^Endpoints:\\s+${ipOf('petclinic-v1.0.1')}:8080$`, 'm'));

    // Rollback: the selector goes back to v1.0.0.
    await applyFile(b, 'petclinic-service.yml', releaseService('1.0.0'));
    await waitFor(sim, async () => (await readyIPs(b, 'default', 'petclinic'))[0] === ipOf('petclinic-v1.0.0'), { what: 'the rollback', stepMs: 100, timeoutMs: 1000 });
    const after = Array.from({ length: 50 }, () => versionOf(sim.ctx.traffic!.request('localhost:31080')));
    expect(new Set(after)).toEqual(new Set(['1.0.0.RELEASE']));
  });

  it('brings the kubernetes Service back by itself after `delete svc --all`', async () => {
    const sim = createSimulator();
    const b = sim.backend;
    await applyFile(b, 'petclinic-v1.0.0.yml', releasePod('1.0.0'));
    await applyFile(b, 'petclinic-service.yml', releaseService('1.0.0'));
    await waitForRunning(sim, b, 'default', 'app=petclinic', 1);
    // kubectl delete po --all; kubectl delete svc --all
    for (const p of (await b.list('pods', { namespace: 'default' })).items) await deleteObject(b, 'pods', 'default', p.metadata!.name!);
    const lines: string[] = [];
    for (const s of (await b.list('services', { namespace: 'default' })).items) lines.push(await deleteObject(b, 'services', 'default', s.metadata!.name!));
    expect(lines).toEqual(['service "kubernetes" deleted', 'service "petclinic" deleted']);
    await advance(sim, 100);
    expect((await b.list('services', { namespace: 'default' })).items).toEqual([]);
    const took = await waitFor(sim, async () => (await b.list('services', { namespace: 'default' })).items.length > 0, { what: 'the kubernetes Service', stepMs: 100, timeoutMs: 10_000 });
    expect(took).toBeLessThanOrEqual(5000);
    const svcs = (await b.list('services', { namespace: 'default' })).items;
    expect(svcs.map((s) => [s.metadata!.name, s.spec!.clusterIP])).toEqual([['kubernetes', '10.96.0.1']]);
    await waitFor(sim, async () => (await readyIPs(b, 'default', 'kubernetes')).length === 1, { what: 'its Endpoints', timeoutMs: 10_000 });
    await waitFor(sim, async () => (await b.list('pods', { namespace: 'default' })).items.length === 0, { what: 'the pods to go' });
  });
});
