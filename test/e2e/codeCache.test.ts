// bin/kdash.js keeps V8's compiled code of the bundle in the user's cache folder: written once,
// after a dashboard's first frame; reused while it belongs to the same build; a damaged, foreign or
// unwritable cache never stops kdash from starting.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, KDASH, ROOT } from './kdashBuild.js';
import { sleep, TmuxTerminal } from './tmuxTerminal.js';

let dir: string;
let term: TmuxTerminal | undefined;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'kdash-cache-'));
}, 120_000);
afterEach(() => { term?.kill(); term = undefined; });
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** The build the cache must name: the bundle's size, modification time and inode. */
function buildLine(): string {
  const s = statSync(join(ROOT, 'dist/kdash.js'));
  return `${s.size}:${s.mtimeMs}:${s.ino}\n`;
}

/** `kdash --sim -A` in a terminal with XDG_CACHE_HOME=cacheHome, until its pods are listed; then quits. */
async function startAndQuit(cacheHome: string): Promise<void> {
  term = new TmuxTerminal({ cwd: ROOT, env: { XDG_CACHE_HOME: cacheHome } }).start(`${KDASH} --sim -A`);
  await term.see('kube-apiserver-kind-control-plane', 30_000);
  // The cache is written a moment after the first frame.
  await sleep(800);
  term.keys('q');
  await term.waitFor(() => term!.display('#{pane_dead}') === '1', 'kdash to exit');
  expect(term.screen()).not.toMatch(/Error|Warning/);
  term.kill();
}

function cacheFiles(cacheHome: string): string[] {
  const folder = join(cacheHome, 'kdash');
  return existsSync(folder) ? readdirSync(folder).map((f) => join(folder, f)) : [];
}

describe('the code cache', () => {
  it('is written after the first frame, names its build, and is reused as it is', async () => {
    const home = join(dir, 'fresh');
    await startAndQuit(home);
    const files = cacheFiles(home);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/[/]kdash[/][0-9a-f]{8}\.v8cache$/);
    const first = readFileSync(files[0]);
    expect(first.subarray(0, buildLine().length).toString('latin1')).toBe(buildLine());
    expect(first.length).toBeGreaterThan(100_000);

    await startAndQuit(home);
    expect(cacheFiles(home)).toEqual(files);
    expect(readFileSync(files[0]).equals(first)).toBe(true);
  }, 90_000);

  it('a damaged cache or one of another build is replaced, and kdash starts as usual', async () => {
    const home = join(dir, 'damaged');
    await startAndQuit(home);
    const [file] = cacheFiles(home);
    const good = readFileSync(file);

    writeFileSync(file, Buffer.concat([Buffer.from(buildLine(), 'latin1'), Buffer.from('not a code cache')]));
    await startAndQuit(home);
    expect(readFileSync(file).length).toBeGreaterThan(100_000);

    writeFileSync(file, Buffer.concat([Buffer.from('1:2:3\n', 'latin1'), good.subarray(buildLine().length)]));
    await startAndQuit(home);
    expect(readFileSync(file).subarray(0, buildLine().length).toString('latin1')).toBe(buildLine());
  }, 90_000);

  it('a cache folder that cannot be written costs nothing but the cache', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    await startAndQuit(join(notAFolder, 'cache'));
    expect(readFileSync(notAFolder, 'utf8')).toBe('');
  }, 90_000);
});
