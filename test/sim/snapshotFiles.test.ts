// Snapshot files: written whole, read back exactly, and every kind of damage refused with a
// message naming the file and the problem, leaving the running simulator as it was.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { loadSnapshotFile, saveSnapshot, SnapshotError, type SimSnapshot } from '../../backends/sim/snapshot/index.js';
import { toYaml } from '../../backends/sim/snapshot/yamlWriter.js';
import { applyFile } from '../helpers/applyFile.js';
import { petclinicDeployment, petclinicService } from '../helpers/petclinicManifests.js';

const dir = mkdtempSync(join(tmpdir(), 'kdash-snapshot-'));
let sim: Simulator;
let good: string;

/** The cluster's state; with the random state too, unless the components just restarted (they draw from it). */
function fingerprint(s: Simulator, random = true): string {
  return `${s.api.resourceVersion} ${s.clock.now()} ${random ? s.ctx.random.getState() : ''} ${JSON.stringify(s.api.allObjects())}`;
}

beforeAll(async () => {
  sim = createSimulator({ seed: 3 });
  sim.virtualClock.advance(20_000);
  await applyFile(sim.backend, 'petclinic.yml', `${petclinicDeployment('1.0.0')}---\n${petclinicService}`);
  sim.virtualClock.advance(60_000);
  good = join(dir, 'good.yaml');
  saveSnapshot(sim, good);
});
afterAll(() => sim.stop());

/** The good file's content, changed by `edit`, written as `name`. */
function damaged(name: string, edit: (s: Record<string, unknown> & { objects: Array<Record<string, any>> }) => void): string {
  const value = yaml.load(readFileSync(good, 'utf8')) as Record<string, unknown> & { objects: Array<Record<string, any>> };
  edit(value);
  const file = join(dir, name);
  writeFileSync(file, yaml.dump(value, { noRefs: true, lineWidth: -1 }));
  return file;
}

function indexOf(s: { objects: Array<Record<string, any>> }, kind: string, name: string): number {
  return s.objects.findIndex((o) => o.kind === kind && o.metadata.name === name);
}

/** Where the good file holds an object. */
function at(kind: string, name: string): number {
  return indexOf(yaml.load(readFileSync(good, 'utf8')) as { objects: Array<Record<string, any>> }, kind, name);
}

/** Loading `file` fails with exactly `message`, and the simulator it was meant for is untouched. */
function refused(file: string, message: string): void {
  const before = fingerprint(sim);
  let error: unknown;
  try { sim.restore(loadSnapshotFile(file)); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(SnapshotError);
  expect((error as Error).message).toBe(message.replaceAll('FILE', file));
  expect(fingerprint(sim)).toBe(before);
}

describe('snapshot files', () => {
  it('a saved file is readable YAML that loads into another simulator as the same cluster', () => {
    const text = readFileSync(good, 'utf8');
    expect(text.startsWith('# A kdash simulator snapshot: start from it with `kdash --sim --load FILE`.\nformat: kdash-snapshot/v1\ntime: "2026-01-01T10:01:20.000Z"\nresourceVersion: "')).toBe(true);
    expect(text).toMatch(/\n {2}- apiVersion: apps\/v1\n {4}kind: Deployment\n {4}metadata:\n {6}name: petclinic\n/);
    const other = createSimulator({ seed: 42 });
    other.restore(loadSnapshotFile(good));
    expect(fingerprint(other, false)).toBe(fingerprint(sim, false));
    other.stop();
  });

  it('refuses a file that is missing, not YAML, or not a snapshot', () => {
    refused(join(dir, 'nope.yaml'), 'FILE: cannot read: no such file');
    refused(dir, 'FILE: cannot read: is a directory');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'format: kdash-snapshot/v1\nobjects: [\n  - a\n');
    refused(bad, 'FILE: not valid YAML: missed comma between flow collection entries (line 3, column 3)');
    const list = join(dir, 'list.yaml');
    writeFileSync(list, '- a\n- b\n');
    refused(list, 'FILE: not a kdash snapshot: expected a mapping with format: kdash-snapshot/v1');
    const manifest = join(dir, 'manifest.yaml');
    writeFileSync(manifest, petclinicService);
    refused(manifest, 'FILE: not a kdash snapshot: no format field (expected format: kdash-snapshot/v1)');
  });

  it('refuses another format or version', () => {
    refused(damaged('v2.yaml', (s) => { s.format = 'kdash-snapshot/v2'; }), 'FILE: unsupported snapshot version kdash-snapshot/v2: this kdash reads kdash-snapshot/v1');
    refused(damaged('other.yaml', (s) => { s.format = 'velero-backup'; }), 'FILE: not a kdash snapshot: format is "velero-backup", expected kdash-snapshot/v1');
  });

  it('refuses damaged counters, clock, random state and layout, naming each', () => {
    refused(damaged('counters.yaml', (s) => {
      s.resourceVersion = 'latest';
      s.time = 'yesterday';
      s.random = -1;
      s.layout = { nodes: [], clusterName: 'kind', version: 'v1.33.1' };
    }), [
      'FILE: 4 problems:',
      '  time: must be an RFC 3339 time, not "yesterday"',
      '  resourceVersion: must be a positive integer in a string, not "latest"',
      '  random: must be an unsigned 32-bit integer, not -1',
      '  layout.nodes: must be a non-empty list of node names',
    ].join('\n'));
  });

  it('refuses an object the API server would not have stored, with its own error', () => {
    refused(damaged('replicas.yaml', (s) => { s.objects[indexOf(s, 'Deployment', 'petclinic')].spec.replicas = -1; }),
      `FILE: objects[${at('Deployment', 'petclinic')}] (Deployment default/petclinic): Deployment.apps "petclinic" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
  });

  it('refuses objects with unknown fields or kinds, broken identities, duplicates and missing namespaces', () => {
    const deploy = at('Deployment', 'petclinic');
    const svc = at('Service', 'petclinic');
    const ns = at('Namespace', 'default');
    refused(damaged('fields.yaml', (s) => { s.objects[svc].spec.seletor = { app: 'petclinic' }; }),
      `FILE: objects[${svc}] (Service default/petclinic): Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.seletor"`);
    refused(damaged('kind.yaml', (s) => { s.objects[deploy].apiVersion = 'extensions/v1beta1'; }),
      `FILE: objects[${deploy}] (Deployment default/petclinic): no matches for kind "Deployment" in version "extensions/v1beta1"`);
    const counter = (yaml.load(readFileSync(good, 'utf8')) as { resourceVersion: string }).resourceVersion;
    refused(damaged('identity.yaml', (s) => {
      delete s.objects[svc].metadata.uid;
      s.objects[deploy].metadata.resourceVersion = '99999';
    }), [
      'FILE: 2 problems:',
      `  objects[${Math.min(svc, deploy)}] (${svc < deploy ? 'Service' : 'Deployment'} default/petclinic): ${svc < deploy ? 'metadata.uid: Required value' : `metadata.resourceVersion: 99999 is newer than the snapshot's resourceVersion ${counter}`}`,
      `  objects[${Math.max(svc, deploy)}] (${svc < deploy ? 'Deployment' : 'Service'} default/petclinic): ${svc < deploy ? `metadata.resourceVersion: 99999 is newer than the snapshot's resourceVersion ${counter}` : 'metadata.uid: Required value'}`,
    ].join('\n'));
    refused(damaged('duplicate.yaml', (s) => { s.objects.push({ ...s.objects[svc], metadata: { ...s.objects[svc].metadata, uid: 'another' } }); }),
      `FILE: objects[${(yaml.load(readFileSync(good, 'utf8')) as { objects: unknown[] }).objects.length}] (Service default/petclinic): the same object as objects[${svc}]`);
    let moved: Array<Record<string, any>> = [];
    damaged('namespace.yaml', (s) => { s.objects.splice(ns, 1); moved = s.objects; });
    const inDefault = moved.filter((o) => o.metadata.namespace === 'default');
    const first = moved.indexOf(inDefault[0]);
    expect(inDefault.length).toBeGreaterThan(10);
    refused(damaged('namespace.yaml', (s) => { s.objects.splice(ns, 1); }),
      `FILE: namespace "default" is not among the snapshot's Namespaces, yet ${inDefault.length} objects live in it, the first objects[${first}] (${inDefault[0].kind} default/${inDefault[0].metadata.name})`);
  });

  it('refuses component memory it cannot load, before changing anything', () => {
    refused(damaged('memory.yaml', (s) => { (s.components as Record<string, unknown>).traffic = { pods: 3 }; }),
      'FILE: components.traffic: must be a list of per-pod counters');
    refused(damaged('kubelet.yaml', (s) => { (s.components as Record<string, unknown>).kubelet = { pods: [{ uid: 'x' }], nodes: [] }; }),
      'FILE: components.kubelet: pods[0]: must have uid, crashing, restartBackoff and pullBackoff, and maybe pull, killAt, env, volumes, volumeRefreshAt and sandboxIP');
  });

  it('restore() checks a snapshot it did not take, naming it "snapshot"', () => {
    const s = loadSnapshotFile(good);
    const broken = { ...s, objects: [...s.objects, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } }] } as SimSnapshot;
    const before = fingerprint(sim);
    expect(() => sim.restore(broken)).toThrow(new SnapshotError([
      'snapshot: 3 problems:',
      `  objects[${s.objects.length}] (ConfigMap default/x): metadata.uid: Required value`,
      `  objects[${s.objects.length}] (ConfigMap default/x): metadata.resourceVersion: Required value`,
      `  objects[${s.objects.length}] (ConfigMap default/x): metadata.creationTimestamp: Required value`,
    ].join('\n')));
    expect(fingerprint(sim)).toBe(before);
  });

  it('a save that cannot be written says why and leaves no file behind', () => {
    const file = join(dir, 'missing-dir', 'x.yaml');
    expect(() => saveSnapshot(sim, file)).toThrow(new SnapshotError(`${file}: cannot write: no such file`));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes YAML that reads back as the same values, whatever the strings look like', () => {
    const tricky = ['true', 'False', 'yes', 'n', 'null', '~', '', '123', '-1', '1e3', '0x1F', '.inf', '2026-01-01T10:00:00Z', 'a: b', 'a #b', '#x', '- x', '[x]', '{x}',
      '*a', '&a', '!t', '|', '>', '%x', '@x', '`x`', '"q"', "'q'", 'nginx:1.27', 'kube-system/coredns', '/dev/termination-log', 'a:', 'line\nbreak\n', ' lead', 'trail ',
      'tab\there', 'ünï', '\u0085', '\u2028', 'x\u007f'];
    const value = {
      strings: tricky, keys: Object.fromEntries(tricky.map((t, i) => [t, i])), numbers: [0, -1.5, 1e21, 300],
      nested: [[], {}, [[1, 2], { a: [] }], { b: { c: null, d: undefined } }], flags: [true, false, null],
      objects: [{ metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } }, spec: { containers: [{ name: 'a', args: ['-c', 'echo hi'] }] } }],
    };
    const text = toYaml(value);
    expect(yaml.load(text, { schema: yaml.CORE_SCHEMA })).toEqual(JSON.parse(JSON.stringify(value)));
    expect(text).toContain('objects:\n  - metadata:\n      name: x\n      labels:\n        app.kubernetes.io/name: web\n    spec:\n      containers:\n        - name: a\n          args:\n            - "-c"\n            - "echo hi"\n');
  });
});
