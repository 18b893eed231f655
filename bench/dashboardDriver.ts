// The dashboard in-process, as startDashboard runs it on a terminal (Ink in debug mode feeding
// kdash's line-diffing TerminalScreen), but on a fake terminal whose writes are timed and a fake
// keyboard: key → frame written can be measured without a terminal emulator in the way.
import { render, type Instance } from 'ink';
import { EventEmitter } from 'node:events';
import { createElement } from 'react';
import type { Backend } from '../backends/contract/backend.js';
import { App } from '../src/app/App.js';
import { TerminalScreen, type TerminalStream } from '../src/app/terminalScreen.js';
import { loadTheme } from '../src/theme/index.js';

export interface Written { at: number; data: string }

/** A terminal of fixed size that records every write with the time it happened. */
class FakeTerminal extends EventEmitter implements TerminalStream {
  readonly isTTY = true;
  private waiters: Array<(w: Written) => void> = [];

  constructor(readonly columns: number, readonly rows: number) { super(); }

  write(data: string): boolean {
    const w = { at: performance.now(), data };
    const waiting = this.waiters;
    this.waiters = [];
    for (const fn of waiting) fn(w);
    return true;
  }

  next(): Promise<Written> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Enough of a TTY stdin for Ink: raw mode, `readable` events, `read()`. */
class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  press(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
  read(): string | null { const d = this.pending; this.pending = null; return d; }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export interface DashboardDriver {
  screen: TerminalScreen;
  /**
   * Presses a key; resolves with the last frame it caused: the frames written after it until none
   * follows within `quietMs` (a key may take two renders, e.g. the filter line, then the rows it
   * filters). Undefined when nothing is written within timeoutMs.
   */
  press(key: string, timeoutMs?: number, quietMs?: number): Promise<Written | undefined>;
  /** Resolves with the first write whose text satisfies `pred`. */
  frameWhere(pred: (data: string) => boolean, timeoutMs?: number): Promise<Written>;
  unmount(): void;
}

function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), ms);
    p.then((v) => { clearTimeout(t); resolve(v); });
  });
}

export function driveDashboard(backend: Backend, opts: { columns: number; rows: number; now: () => number }): DashboardDriver {
  const term = new FakeTerminal(opts.columns, opts.rows);
  const keyboard = new FakeKeyboard();
  const screen = new TerminalScreen(term);
  screen.start();
  const instance: Instance = render(createElement(App, { backend, theme: loadTheme('dark'), now: opts.now }), {
    stdout: screen as unknown as NodeJS.WriteStream, stdin: keyboard as unknown as NodeJS.ReadStream,
    debug: true, exitOnCtrlC: false, patchConsole: false,
  });
  return {
    screen,
    async press(key, timeoutMs = 2000, quietMs = 40) {
      const next = term.next();
      keyboard.press(key);
      let last = await within(next, timeoutMs);
      for (let more = last; more; more = await within(term.next(), quietMs)) last = more;
      return last;
    },
    async frameWhere(pred, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const w = await within(term.next(), Math.max(1, deadline - performance.now()));
        if (!w) throw new Error('timed out waiting for a frame');
        if (pred(w.data)) return w;
      }
    },
    unmount() { instance.unmount(); instance.cleanup(); screen.stop(); },
  };
}
