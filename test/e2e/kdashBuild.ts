// The end-to-end tests run the built program, as a user does: `node bin/kdash.js`. The bundle is
// built again when a source file is newer than it (CI builds it on `npm ci` through `prepare`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const KDASH = `node ${join(ROOT, 'bin/kdash.js')}`;
const BUNDLE = join(ROOT, 'dist/kdash.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function fresh(): boolean {
  const built = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
  return built >= Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'backends')));
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Builds at most once at a time: test files run in parallel, and none may start a half-written bundle. */
export function ensureBuilt(): void {
  if (fresh()) return;
  const lock = join(ROOT, 'dist/.e2e-build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try { mkdirSync(lock); break; } catch { /* another test file is building */ }
    if (waited > 120_000) throw new Error(`${lock} held for 2 minutes: remove it if no build is running`);
    pause(100);
  }
  try {
    if (!fresh()) execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    rmdirSync(lock);
  }
}
