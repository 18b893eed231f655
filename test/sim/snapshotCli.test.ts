// Snapshots from the command line and the dashboard: `--load FILE` (parsed, refused without the
// simulator, a damaged file ends kdash with exit 2 before anything opens, a good one is the
// cluster kdash serves) and `:save FILE`.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../backends/contract/types.js';
import { createSimulator, type Simulator } from '../../backends/sim/simulator.js';
import { loadSnapshotFile, saveSnapshot } from '../../backends/sim/snapshot/index.js';
import { parseCommand } from '../../src/app/commands.js';
import { parseCli } from '../../src/cli/args.js';
import { KEY, mount } from '../app/harness.js';
import { ensureBuilt, ROOT } from '../e2e/kdashBuild.js';

const dir = mkdtempSync(join(tmpdir(), 'kdash-cli-'));
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { lesson: 'snapshots' } });

describe('--load on the command line', () => {
  it('is parsed with --sim and with serve, and refused without the simulator', () => {
    expect(parseCli(['--sim', '--load', 'demo.yaml'])).toMatchObject({ sim: true, load: 'demo.yaml' });
    expect(parseCli(['serve', '--load', 'demo.yaml'])).toMatchObject({ command: 'serve', load: 'demo.yaml' });
    expect(parseCli(['--sim'])).toMatchObject({ load: undefined });
    expect(() => parseCli(['--load', 'demo.yaml'])).toThrow('--load starts the simulator from a snapshot: use it with --sim');
    expect(() => parseCli(['--context', 'kind-kind', '--load', 'demo.yaml'])).toThrow('--load starts the simulator from a snapshot: use it with --sim');
  });
});

describe('kdash started from a snapshot file', () => {
  let good: string;
  beforeAll(async () => {
    ensureBuilt();
    const sim = createSimulator({ seed: 9 });
    sim.virtualClock.advance(20_000);
    await sim.backend.create('configmaps', configMap('from-the-snapshot'));
    sim.virtualClock.advance(1000);
    good = join(dir, 'good.yaml');
    saveSnapshot(sim, good);
    sim.stop();
  }, 180_000);

  function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, 'bin/kdash.js'), ...args], { cwd: dir, timeout: 30_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stdout, stderr });
      });
    });
  }

  it('exits 2 before the dashboard opens when the file is damaged, naming the file and the problem', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(good, 'utf8').replace('format: kdash-snapshot/v1', 'format: kdash-snapshot/v9'));
    const r = await run(['--sim', '--load', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kdash: ${bad}: unsupported snapshot version kdash-snapshot/v9: this kdash reads kdash-snapshot/v1\n`);
    // Nothing was drawn: no alternate screen, no frame.
    expect(r.stdout).toBe('');
    const missing = await run(['--sim', '--load', 'nowhere.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('kdash: nowhere.yaml: cannot read: no such file\n');
  });

  it('kdash serve --load serves the saved cluster to kubectl', async () => {
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    const child = spawn(process.execPath, [join(ROOT, 'bin/kdash.js'), 'serve', '--load', good, '--kubeconfig-out', kubeconfig], { cwd: dir });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /serving the simulator on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`kdash serve exited ${code}`)));
      });
      const list = await fetch(`${url}/api/v1/namespaces/default/configmaps`).then((r) => r.json()) as { items: KubeObject[]; metadata: { resourceVersion: string } };
      expect(list.items.map((o) => o.metadata?.name)).toEqual(['from-the-snapshot', 'kube-root-ca.crt']);
      const saved = loadSnapshotFile(good);
      const cm = saved.objects.find((o) => o.metadata?.name === 'from-the-snapshot')!;
      expect(list.items[0].metadata).toEqual(cm.metadata);
      expect(Number(list.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(saved.resourceVersion));
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe(':save in the dashboard', () => {
  let sim: Simulator;
  beforeAll(() => { sim = createSimulator({ seed: 4 }); sim.virtualClock.advance(20_000); });
  afterAll(() => sim.stop());

  it('parses :save FILE and :save! FILE', () => {
    expect(parseCommand('save demo.yaml')).toEqual({ kind: 'save', force: false, file: 'demo.yaml' });
    expect(parseCommand('save! demo.yaml')).toEqual({ kind: 'save', force: true, file: 'demo.yaml' });
    expect(parseCommand('save')).toEqual({ kind: 'save', force: false });
  });

  it('writes the cluster to the file, keeps an existing file unless told, and needs the simulator', async () => {
    const file = join(dir, 's.yaml');
    const m = mount(sim.backend, { saveSnapshot: (f) => saveSnapshot(sim, f) }, sim);
    try {
      await m.see('pods(default)[0]');
      await m.press(':');
      await m.type(`save ${file}`);
      await m.press(KEY.enter);
      await m.see(`saved the cluster to ${file}`);
      const saved = loadSnapshotFile(file);
      expect(saved.resourceVersion).toBe(sim.api.resourceVersion);
      await m.press(':');
      await m.type(`save ${file}`);
      await m.press(KEY.enter);
      await m.see(`${file} exists: :save! ${file} overwrites it`);
      await m.press(':');
      await m.type(`save! ${file}`);
      await m.press(KEY.enter);
      await m.see(`saved the cluster to ${file}`);
      await m.press(':');
      await m.type('save');
      await m.press(KEY.enter);
      await m.see('usage: :save FILE (:save! FILE overwrites an existing file)');
    } finally {
      m.unmount();
    }
    const live = mount(sim.backend, {}, sim);
    try {
      await live.see('pods(default)[0]');
      await live.press(':');
      await live.type(`save ${join(dir, 'other.yaml')}`);
      await live.press(KEY.enter);
      await live.see(':save writes the simulator\'s state: it needs kdash --sim');
      expect(existsSync(join(dir, 'other.yaml'))).toBe(false);
    } finally {
      live.unmount();
    }
  });
});
