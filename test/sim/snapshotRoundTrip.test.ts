// Snapshots in memory and as YAML: what goes in comes back, exactly.
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { parseSnapshot, snapshotToYaml, type SimSnapshot } from '../../backends/sim/snapshot/index.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicDeployment, petclinicService } from '../helpers/petclinicManifests.js';

function state(sim: Simulator): string {
  return JSON.stringify(sim.api.allObjects().map((e) => e.object).sort((a, b) => (a.metadata!.uid! < b.metadata!.uid! ? -1 : 1)));
}

async function petclinicCluster(): Promise<Simulator> {
  const sim = createSimulator({ seed: 7 });
  sim.virtualClock.advance(30_000);
  await applyFile(sim.backend, 'petclinic.yml', `${petclinicDeployment('1.0.0')}---\n${petclinicService}`);
  sim.virtualClock.advance(60_000);
  return sim;
}

describe('snapshot round trip', () => {
  it('restore gives back every object, the resourceVersion counter, the clock and the random state', async () => {
    const sim = await petclinicCluster();
    const s = sim.snapshot();
    const before = state(sim);
    const rv = sim.api.resourceVersion;
    const now = sim.clock.now();
    const random = sim.ctx.random.getState();
    expect(s.format).toBe('kdash-snapshot/v1');
    expect(s.resourceVersion).toBe(rv);

    await applyFile(sim.backend, 'cm.yml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n');
    await sim.backend.delete('deployments', 'default', 'petclinic');
    sim.virtualClock.advance(45_000);
    expect(state(sim)).not.toBe(before);

    sim.restore(s);
    expect(state(sim)).toBe(before);
    expect(sim.api.resourceVersion).toBe(rv);
    expect(sim.clock.now()).toBe(now);
    expect(sim.ctx.random.getState()).toBe(random);
    expect(sim.api.tryGet('configmaps', 'default', 'extra')).toBeUndefined();
    sim.stop();
  });

  it('YAML written and read back restores the same state', async () => {
    const sim = await petclinicCluster();
    const s = sim.snapshot();
    const before = state(sim);
    const text = snapshotToYaml(s);
    expect(text.split('\n')[0]).toBe('# A kdash simulator snapshot: start from it with `kdash --sim --load FILE`.');
    expect(text).toContain('format: kdash-snapshot/v1\n');
    const read: SimSnapshot = parseSnapshot(text, 'petclinic.snapshot.yaml');
    expect(read.objects.length).toBe(s.objects.length);

    const other = createSimulator({ seed: 99 });
    other.virtualClock.advance(5_000);
    other.restore(read);
    expect(state(other)).toBe(before);
    expect(other.api.resourceVersion).toBe(s.resourceVersion);
    expect(new Date(other.clock.now()).toISOString()).toBe(s.time);
    sim.stop();
    other.stop();
  });
});
