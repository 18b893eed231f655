// Mounting the dashboard for tests: ink-testing-library on a simulator (or a fake backend), with
// helpers to press keys and wait for what the frame shows.
import { render } from 'ink-testing-library';
import type { Backend } from '../../backends/contract/backend.js';
import type { KubeObject, Pod } from '../../backends/contract/types.js';
import type { Simulator } from '../../backends/sim/simulator.js';
import { App, type AppProps } from '../../src/app/App.js';
import { colorlessTheme } from '../../src/theme/index.js';

export const KEY = {
  esc: '\x1b', enter: '\r', tab: '\t', backspace: '\x7f', up: '\x1b[A', down: '\x1b[B', left: '\x1b[D', right: '\x1b[C',
  pageUp: '\x1b[5~', pageDown: '\x1b[6~', ctrlD: '\x04', ctrlK: '\x0b', ctrlW: '\x17', ctrlC: '\x03',
} as const;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Mounted {
  frame(): string;
  lines(): string[];
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  /** Types `:text` and enter; with `expect`, waits until the frame shows it. */
  command(text: string, expect?: string | RegExp): Promise<string>;
  waitFor(pred: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
  /** Waits until the frame contains `text`. */
  see(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until the frame no longer contains `text`. */
  gone(text: string | RegExp, timeoutMs?: number): Promise<string>;
  unmount(): void;
  /** Waits until the dashboard has quit: onQuit was called and an empty frame drawn. */
  quitted(): Promise<void>;
  /** The terminal changes size (columns ≤ 100: the test terminal is 100 wide). */
  resize(columns: number, rows: number): void;
  quit: { called: boolean };
}

export function mount(backend: Backend, props: Partial<AppProps> = {}, sim?: Simulator): Mounted {
  const quit = { called: false };
  const element = (extra: Partial<AppProps> = {}) => (
    <App
      backend={backend} theme={colorlessTheme()} frameIntervalMs={20} size={{ columns: 100, rows: 30 }}
      now={sim ? () => sim.clock.now() : undefined}
      onQuit={() => { quit.called = true; }}
      {...props}
      {...extra}
    />
  );
  const r = render(element());
  const frame = () => r.lastFrame() ?? '';
  const has = (f: string, t: string | RegExp) => (typeof t === 'string' ? f.includes(t) : t.test(f));
  const waitFor = async (pred: (f: string) => boolean, what = 'condition', timeoutMs = 10_000) => {
    const start = Date.now();
    for (;;) {
      // Let the simulator deliver watch events due now.
      sim?.virtualClock.flush();
      const f = frame();
      if (pred(f)) return f;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await sleep(10);
    }
  };
  return {
    frame,
    lines: () => frame().split('\n'),
    async press(...keys) { for (const k of keys) { r.stdin.write(k); await sleep(k === KEY.esc ? 30 : 15); } },
    async type(text) { for (const ch of text) { r.stdin.write(ch); await sleep(5); } await sleep(10); },
    async command(text, expect) {
      await this.press(':');
      await this.type(text);
      await this.press(KEY.enter);
      return expect === undefined ? frame() : this.see(expect);
    },
    waitFor,
    see: (t, ms) => waitFor((f) => has(f, t), `"${String(t)}"`, ms),
    gone: (t, ms) => waitFor((f) => !has(f, t), `"${String(t)}" to go`, ms),
    unmount: () => r.unmount(),
    async quitted() {
      // (With CI set, Ink writes the last frame once more as it unmounts, so look for the empty one.)
      await waitFor(() => quit.called && r.frames.includes(''), 'the dashboard to quit');
    },
    resize: (columns, rows) => r.rerender(element({ size: { columns, rows } })),
    quit,
  };
}

export function podObject(name: string, opts: { ns?: string; labels?: Record<string, string>; owner?: KubeObject } = {}): Pod {
  const owner = opts.owner;
  return {
    metadata: {
      name, namespace: opts.ns ?? 'default', labels: opts.labels,
      ownerReferences: owner ? [{ apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true }] : undefined,
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
    // What the API server's defaulting gives every new pod.
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}
