// A real terminal for end-to-end tests: a tmux server on its own socket, one window of a fixed
// size running a command, keys sent as a user types them, the screen read back as text (or with its
// escape codes). Each terminal is killed by its own socket, so tests never touch another tmux.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export interface TerminalOptions {
  columns?: number;
  rows?: number;
  /** Extra environment of the command (NO_COLOR and CI markers are always removed, colours 24-bit). */
  env?: Record<string, string>;
  cwd?: string;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The environment the tmux server (and so the command) starts with: a plain colour terminal. */
function terminalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, COLORTERM: 'truecolor', TERM: 'xterm-256color', ...extra };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.TMUX;
  // A CI job's markers make chalk (Ink's colours) draw none at all; a user's terminal has none.
  for (const ci of ['CI', 'TF_BUILD', 'AGENT_NAME', 'TEAMCITY_VERSION']) delete env[ci];
  return env;
}

export class TmuxTerminal {
  readonly socket = `kdash-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  private alive = false;

  constructor(private readonly opts: TerminalOptions = {}) {}

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8', env: terminalEnv(this.opts.env ?? {}), cwd: this.opts.cwd, stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Starts `command` (a shell command line) in a new window. */
  start(command: string): this {
    this.tmux(['-f', '/dev/null', 'new-session', '-d', '-x', String(this.opts.columns ?? 120), '-y', String(this.opts.rows ?? 40), command]);
    // Keep the window when the command ends, so its last screen can still be read.
    this.tmux(['set-option', '-g', 'remain-on-exit', 'on']);
    this.alive = true;
    return this;
  }

  /** Sends keys in tmux's names (`Enter`, `Escape`, `C-d`, `Right`) or, with literal, as text. */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', ...keys]);
  }

  type(text: string): void {
    this.tmux(['send-keys', '-l', text]);
  }

  /** The screen as text, trailing blanks removed from every line and trailing empty lines dropped. */
  screen(): string {
    return this.tmux(['capture-pane', '-p']).split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
  }

  /** The screen with its colours and attributes as escape codes. */
  screenWithEscapes(): string {
    return this.tmux(['capture-pane', '-p', '-e']);
  }

  /** A tmux format about the window, e.g. `#{alternate_on}`, `#{cursor_flag}`, `#{pane_dead}`. */
  display(format: string): string {
    return this.tmux(['display-message', '-p', format]).trim();
  }

  /** Waits until the screen satisfies `pred`; returns that screen, or throws with the last one. */
  async waitFor(pred: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const s = this.screen();
      if (pred(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; the screen:\n${s}`);
      await sleep(50);
    }
  }

  see(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => (typeof text === 'string' ? s.includes(text) : text.test(s)), `"${String(text)}"`, timeoutMs);
  }

  gone(text: string | RegExp, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => !(typeof text === 'string' ? s.includes(text) : text.test(s)), `"${String(text)}" to go`, timeoutMs);
  }

  kill(): void {
    if (!this.alive) return;
    this.alive = false;
    try { this.tmux(['kill-server']); } catch { /* already gone */ }
    // tmux leaves the socket file of a killed server behind.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}
