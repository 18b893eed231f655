// Dashboard figures: key → frame for scrolling, filtering and sorting at 100, 10,000 and 100,000
// pods, bytes written for one changed row, watch event → frame, memory held, and cold start.
// Each cluster size runs in a child process of its own, so its memory is its own.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { metric } from './machine.js';
import { benchFirstFrame } from './firstFrame.js';
import { driveDashboard, type DashboardDriver } from './dashboardDriver.js';
import { SyntheticPodsBackend } from './syntheticBackend.js';

const SIZES: Array<[number, string]> = [[100, '100'], [10_000, '10k'], [100_000, '100k']];
const CHILD_ENV = 'KDASH_BENCH_DASHBOARD_PODS';
const COLUMNS = 120;
const ROWS = 50;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function memoryMb(): { rss: number; heapUsed: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heapUsed: m.heapUsed / 2 ** 20 };
}

interface KeyTimes {
  /** Key → its last frame, wall clock. */
  wall: number[];
  /** The process's CPU time over the same span: what the wall clock would read on an idle machine. */
  cpu: number[];
}

/** Key → its last frame, for each key in turn; a key that draws nothing within 2 s counts as 2 s. */
async function timeKeys(d: DashboardDriver, keys: string[]): Promise<KeyTimes> {
  const times: KeyTimes = { wall: [], cpu: [] };
  for (const k of keys) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const w = await d.press(k);
    const c = process.cpuUsage(c0);
    times.wall.push((w?.at ?? performance.now()) - t0);
    times.cpu.push((c.user + c.system) / 1000);
  }
  return times;
}

async function measureAt(count: number, suffix: string): Promise<void> {
  const fixedNow = Date.now();
  const backend = new SyntheticPodsBackend(count, fixedNow);
  // Ages are read from a fixed clock, so the only frames are those the keys and watch events cause.
  const d = driveDashboard(backend, { columns: COLUMNS, rows: ROWS, now: () => fixedNow });
  await d.frameWhere((s) => s.includes(`pods(default)[${count}]`));
  await sleep(50);
  // Memory of the dashboard holding the pods, before the keys below fill per-row caches.
  const holding = memoryMb();

  // Every key moves the selection or the window (ctrl-f / ctrl-b: a page).
  const scroll = await timeKeys(d, [...Array(30).fill('j'), ...Array(30).fill('k'), '\x06', '\x06', '\x02', '\x02', 'G', 'g']);
  // Typed one character at a time; the filter applies at every one (`app-0042` matches 100 pods).
  const filter = await timeKeys(d, ['/', ...'app-0042'.split(''), '\r', '\x1b']);
  const sort = await timeKeys(d, ['N', 'N', 'A', 'A', 'S', 'S', 'N', 'A', 'S', 'N']);
  const groups = [['scroll', scroll], ['filter', filter], ['sort', sort]] as const;
  for (const clock of ['wall', 'cpu'] as const) {
    const all = groups.flatMap(([, t]) => t[clock]);
    const kind = clock === 'wall' ? '' : 'cpu_';
    metric(`key_to_frame_${kind}p50_ms_${suffix}`, percentile(all, 50), 'ms');
    metric(`key_to_frame_${kind}p95_ms_${suffix}`, percentile(all, 95), 'ms');
    for (const [what, t] of groups) metric(`key_to_frame_${what}_${kind}p95_ms_${suffix}`, percentile(t[clock], 95), 'ms');
  }

  // The first row on screen changes status; events spaced 37 ms apart so some wait for the
  // frame coalescing (at most one frame per 100 ms).
  d.press('g');
  await sleep(200);
  const name = backend.podName(0);
  const latencies: number[] = [];
  const bytes: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const restarts = String(i);
    const t0 = performance.now();
    const frame = d.frameWhere((s) => s.includes(name) && new RegExp(`Running +${restarts} `).test(s), 5000);
    backend.modifyPod(name, (p) => { p.status!.containerStatuses![0].restartCount = i; });
    const w = await frame;
    latencies.push(w.at - t0);
    bytes.push(Buffer.byteLength(w.data));
    await sleep(37);
  }
  if (suffix === '10k') {
    metric('watch_to_frame_ms', percentile(latencies, 50), 'ms');
    metric('watch_to_frame_p95_ms', percentile(latencies, 95), 'ms');
    metric('bytes_per_row_update', percentile(bytes, 50), 'bytes');
  }
  metric(`rss_mb_${suffix}`, holding.rss, 'MB');
  metric(`heap_used_mb_${suffix}`, holding.heapUsed, 'MB');
  const used = memoryMb();
  metric(`rss_mb_${suffix}_after_keys`, used.rss, 'MB');
  metric(`heap_used_mb_${suffix}_after_keys`, used.heapUsed, 'MB');
  d.unmount();
}

/** `npm run bench dashboard_ui`: each size in a child process, then the cold start. */
export async function benchDashboard(): Promise<void> {
  const child = process.env[CHILD_ENV];
  if (child) {
    const [count, suffix] = SIZES.find(([n]) => String(n) === child) ?? [Number(child), child];
    await measureAt(count, suffix);
    return;
  }
  // The machine is shared: its load is part of the figures' context.
  metric('load_avg_1m', os.loadavg()[0], 'processes');
  for (const [count] of SIZES) {
    const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1], 'dashboard_ui'], {
      encoding: 'utf8', env: { ...process.env, [CHILD_ENV]: String(count), FORCE_COLOR: '3' }, maxBuffer: 2 ** 24,
    });
    for (const line of r.stdout.split('\n')) if (line.includes('"metric"')) console.log(line);
    if (r.status !== 0) console.error(`dashboard bench at ${count} pods failed:\n${r.stderr}`);
  }
  await benchFirstFrame();
}
