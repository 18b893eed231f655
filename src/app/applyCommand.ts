// `:apply -f FILE|FOLDER`: kubectl apply from the dashboard, all or nothing (src/ops/apply.ts).
// Paths are relative to the working directory; a leading `~` is the home directory.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { formatApplyError, isApplyError, type ApplyResult } from '../ops/apply.js';
import { formatError } from '../ops/errors.js';

export const APPLY_USAGE = 'usage: :apply -f FILE|FOLDER';

/** The path of `-f PATH`, `-f=PATH`, `--filename PATH` or `--filename=PATH`. */
export function applyPath(args: readonly string[]): { path: string } | { error: string } {
  let path: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-f' || a === '--filename') && args[i + 1] !== undefined) path = args[++i];
    else if (a.startsWith('-f=') || a.startsWith('--filename=')) path = a.slice(a.indexOf('=') + 1);
    else if (/^-f./.test(a)) path = a.slice(2);
    else return { error: `${APPLY_USAGE} (unexpected "${a}")` };
  }
  return path ? { path } : { error: APPLY_USAGE };
}

export function expandHome(path: string, home = homedir()): string {
  return path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
}

export interface ApplyReport {
  /** The one line for the flash. */
  flash: string;
  level: 'info' | 'error';
  /** The whole output, when it does not fit the flash line. */
  lines?: string[];
}

/** kubectl's lines (`deployment.apps/web created`), in the flash when they fit, else in a text view. */
export function applyReport(result: ApplyResult, width: number): ApplyReport {
  const all = [...result.warnings, ...result.lines];
  const joined = result.lines.join(', ');
  if (result.warnings.length === 0 && joined.length <= width) return { flash: joined, level: 'info' };
  const counts = (['created', 'configured', 'unchanged'] as const)
    .map((a) => [a, result.objects.filter((o) => o.action === a).length] as const)
    .filter(([, n]) => n > 0).map(([a, n]) => `${n} ${a}`).join(', ');
  return { flash: `applied ${result.objects.length} object${result.objects.length === 1 ? '' : 's'}: ${counts}`, level: 'info', lines: all };
}

/** A failed apply: where it failed in the flash, kubectl's whole message in the text view. */
export function applyFailureReport(e: unknown): ApplyReport {
  const lines = (isApplyError(e) ? formatApplyError(e) : formatError(e)).split('\n');
  if (!isApplyError(e)) return { flash: lines[0], level: 'error', lines: lines.length > 1 ? lines : undefined };
  return { flash: `apply failed ${lines[lines.length - 1]}`, level: 'error', lines };
}

/**
 * Completes the path being typed after `-f`: the entries of its folder that start with what was
 * typed (folders end in `/`).
 */
export function completePath(partial: string, cwd = process.cwd()): string[] {
  const expanded = expandHome(partial);
  const dir = expanded.endsWith('/') ? expanded : dirname(expanded);
  const stem = expanded.endsWith('/') ? '' : expanded.slice(expanded.lastIndexOf('/') + 1);
  const shownDir = partial.endsWith('/') ? partial : partial.includes('/') ? partial.slice(0, partial.lastIndexOf('/') + 1) : '';
  let names: string[];
  try {
    names = readdirSync(resolve(cwd, dir)).filter((n) => n.startsWith(stem) && (stem.startsWith('.') || !n.startsWith('.')));
  } catch {
    return [];
  }
  return names.sort().map((n) => {
    let folder = false;
    try { folder = statSync(join(resolve(cwd, dir), n)).isDirectory(); } catch { /* a dangling link */ }
    return `${shownDir}${n}${folder ? '/' : ''}`;
  });
}
