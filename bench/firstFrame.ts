// Cold start: the built `kdash --sim` in a pseudo-terminal (util-linux `script`), from spawning
// node to the first frame on the terminal (the identity line drawn on the alternate screen), and to
// the first frame listing the fresh cluster's pods. Median of 5 runs. Also the CPU time kdash's
// process had used by its first frame (from /proc, 10 ms ticks): on a busy machine the wall clock
// mostly measures the wait for a core. kdash keeps V8's compiled code of its bundle in a cache
// folder (bin/kdash.js): the runs use a fresh one, and the first run, which writes it, is reported
// on its own as the start-up after an install or upgrade.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metric } from './machine.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/kdash.js`;

interface Start { firstFrameMs: number; podsMs: number; firstFrameCpuMs: number }

/** CPU time (user + system) of the process `script` runs, in ms; NaN where /proc cannot tell. */
function childCpuMs(scriptPid: number): number {
  try {
    const [pid] = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (man 5 proc), in 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function once(cacheHome: string): Promise<Start> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // The pty gets a size first; `exec` keeps the shell out of the timing after that.
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${process.execPath} ${BIN} --sim -A`, '/dev/null'], {
      detached: true, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, TERM: 'xterm-256color', XDG_CACHE_HOME: cacheHome },
    });
    let out = '';
    let firstFrameMs: number | undefined;
    let firstFrameCpuMs = NaN;
    const stop = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } };
    const timer = setTimeout(() => { stop(); reject(new Error(`no frame within 10 s; output: ${JSON.stringify(out.slice(0, 300))}`)); }, 10_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (firstFrameMs === undefined && out.includes('Context:')) {
        firstFrameMs = performance.now() - t0;
        firstFrameCpuMs = childCpuMs(child.pid!);
      }
      if (firstFrameMs !== undefined && out.includes('kube-apiserver-kind-control-plane')) {
        clearTimeout(timer);
        const podsMs = performance.now() - t0;
        stop();
        resolve({ firstFrameMs, podsMs, firstFrameCpuMs });
      }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchFirstFrame(): Promise<void> {
  if (!existsSync(`${ROOT}dist/kdash.js`)) {
    console.error('first_frame_ms: dist/kdash.js is missing; run `npm run build` first');
    return;
  }
  const cacheHome = mkdtempSync(join(tmpdir(), 'kdash-bench-cache-'));
  const runs: Start[] = [];
  let uncached: Start;
  try {
    uncached = await once(cacheHome);
    for (let i = 0; i < 5; i++) runs.push(await once(cacheHome));
  } catch (e) {
    console.error(`first_frame_ms: ${(e as Error).message} (needs util-linux \`script\` for a pty)`);
    return;
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
  metric('first_frame_ms', median(runs.map((r) => r.firstFrameMs)), 'ms');
  metric('first_pods_frame_ms', median(runs.map((r) => r.podsMs)), 'ms');
  metric('first_frame_cpu_ms', median(runs.map((r) => r.firstFrameCpuMs)), 'ms');
  metric('first_frame_no_code_cache_ms', uncached.firstFrameMs, 'ms');
  metric('first_frame_no_code_cache_cpu_ms', uncached.firstFrameCpuMs, 'ms');
}
