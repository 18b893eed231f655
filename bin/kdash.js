#!/usr/bin/env node
// Runs the bundle (dist/kdash.js: one async function expression, see scripts/build.mjs) through
// vm.Script with V8's code cache, so a start-up skips most of the parsing and compiling of the
// bundle's code. The cache lives in the user's cache folder (the install folder may be read-only)
// and is written once, after the first frame of a dashboard, when V8 has compiled what start-up
// runs. A missing, stale (rejected by V8) or unwritable cache costs only speed, never a start-up.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/kdash.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('kdash: dist/kdash.js is missing; run `npm install` (or `npm run build`) in the kdash folder first.');
  process.exit(1);
}

/** One cache file per bundle path, Node version and architecture (FNV-1a, not node:crypto: it loads slowly). */
function cacheFile() {
  let h = 0x811c9dc5;
  for (const c of `${bundle}\0${process.version}\0${process.arch}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  try {
    // As the XDG spec says, a relative XDG_CACHE_HOME is ignored.
    const xdg = process.env.XDG_CACHE_HOME;
    const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
    return join(base, 'kdash', `${h.toString(16).padStart(8, '0')}.v8cache`);
  } catch {
    return undefined; // no home folder: no cache
  }
}

// V8 checks a cache only against the source's length, so the cache also records which build of the
// bundle it was made from: size, modification time and inode; a cache of another build is ignored.
const stat = statSync(bundle);
const build = Buffer.from(`${stat.size}:${stat.mtimeMs}:${stat.ino}\n`, 'latin1');

function readCache(file) {
  if (!file) return undefined;
  try {
    const data = readFileSync(file);
    return data.subarray(0, build.length).equals(build) ? data.subarray(build.length) : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file, data) {
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, Buffer.concat([build, data]));
    renameSync(tmp, file);
  } catch {
    // A read-only or full disk: the next start-up compiles the bundle again.
  }
}

// The bundle listens for the dashboard's first frame under this symbol (src/app/firstFrameSignal.ts).
const FIRST_FRAME = Symbol.for('kdash.firstFrame');

const file = cacheFile();
const cachedData = readCache(file);
// The build escapes every non-ASCII character, so latin1 reads the bundle exactly, and faster.
const script = new vm.Script(readFileSync(bundle, 'latin1'), { filename: bundle, cachedData });
if (!cachedData || script.cachedDataRejected) {
  let written = false;
  const save = () => {
    if (!written) writeCache(file, script.createCachedData());
    written = true;
  };
  // A moment after the first frame (so the frame reaches the terminal first), or on a quicker exit.
  globalThis[FIRST_FRAME] = () => {
    setTimeout(save, 100).unref();
    process.once('exit', save);
  };
}
// The bundle imports packages (client-node, for live clusters) through the launcher's `import()`.
await script.runInThisContext()(createRequire(bundle), pathToFileURL(bundle).href, (specifier) => import(specifier));
