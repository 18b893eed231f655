// Running the user's editor on a temporary file, as `kubectl edit` does: $KUBE_EDITOR, $VISUAL
// or $EDITOR (default `vi`), through the shell so an editor with arguments (`code --wait`) works,
// with the terminal handed over until the editor exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the editor is given: a name for the file and its text. */
export interface EditorFile {
  name: string;
  text: string;
}

/** Gives the terminal to a child process and takes it back (the dashboard's screen and keys). */
export interface TerminalHandover {
  suspend(): void;
  resume(): void;
}

export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBE_EDITOR || env.VISUAL || env.EDITOR || 'vi';
}

/**
 * Writes the file, runs the editor on it and returns what was saved. The dashboard's event loop
 * waits for the editor (a synchronous spawn), so no key meant for the editor reaches the dashboard.
 */
export function runEditor(file: EditorFile, terminal?: TerminalHandover, env: NodeJS.ProcessEnv = process.env): string {
  const dir = mkdtempSync(join(tmpdir(), 'kdash-edit-'));
  const path = join(dir, `${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}.yaml`);
  try {
    writeFileSync(path, file.text);
    terminal?.suspend();
    let result;
    try {
      result = spawnSync('/bin/sh', ['-c', `${editorCommand(env)} "$1"`, 'kdash-editor', path], { stdio: 'inherit', env });
    } finally {
      terminal?.resume();
    }
    if (result.error) throw new Error(`error: could not run the editor "${editorCommand(env)}": ${result.error.message}`);
    if (result.status !== 0) throw new Error(`error: there was a problem with the editor "${editorCommand(env)}" (exit status ${result.status ?? result.signal})`);
    return readFileSync(path, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lends the dashboard's terminal: its alternate screen (once drawn) and stdin's raw mode. */
export function terminalHandover(screen: () => TerminalHandover | undefined, stdin: NodeJS.ReadStream): TerminalHandover {
  return {
    suspend() {
      screen()?.suspend();
      if (stdin.isTTY) stdin.setRawMode(false);
    },
    resume() {
      if (stdin.isTTY) stdin.setRawMode(true);
      screen()?.resume();
    },
  };
}
