// What `npm pack` ships: only what runs (the launcher, the bundle, themes, scenarios, README), and
// the unpacked package starts with nothing else of the repository beside it but its dependencies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from './kdashBuild.js';

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kdash-pack-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const npm = (...args: string[]) => execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('npm pack', () => {
  it('ships the launcher, the bundle, themes, scenarios and the README, nothing else', () => {
    const [pack] = JSON.parse(npm('pack', '--dry-run', '--json', '--ignore-scripts')) as Array<{ files: Array<{ path: string }> }>;
    const paths = pack.files.map((f) => f.path).sort();
    expect(paths.filter((p) => !/^(scenarios|themes)\/[a-z-]+\.yaml$/.test(p))).toEqual(['README.md', 'bin/kdash.js', 'dist/kdash.js', 'package.json']);
    expect(paths.filter((p) => p.startsWith('themes/'))).toEqual(['themes/colorblind.yaml', 'themes/dark.yaml', 'themes/light.yaml', 'themes/mono.yaml']);
    expect(paths).toContain('scenarios/blue-green.yaml');
  });

  it('the unpacked package answers --version and --help with only its dependencies beside it', () => {
    npm('pack', '--ignore-scripts', '--pack-destination', dir);
    execFileSync('tar', ['-xzf', join(dir, 'kdash-0.1.0.tgz'), '-C', dir]);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'package/node_modules'));
    const kdash = (...args: string[]) => execFileSync(process.execPath, [join(dir, 'package/bin/kdash.js'), ...args], { encoding: 'utf8' });
    expect(kdash('--sim', '--version')).toBe('kdash 0.1.0\n');
    expect(kdash('--help')).toMatch(/^Usage:\n  kdash --sim \[options\] +the dashboard on the built-in simulated cluster\n/);
  });
});
