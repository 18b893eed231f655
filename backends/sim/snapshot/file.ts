// Snapshots as readable YAML files: `:save FILE` writes one, `kdash --sim --load FILE` starts
// from one. A file that cannot be read, parsed or restored gives a SnapshotError naming it.
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { Simulator } from '../simulator.js';
import { captureSnapshot } from './capture.js';
import type { SimSnapshot } from './format.js';
import { settle } from './restore.js';
import { checkSnapshot, SnapshotError } from './validate.js';
import { toYaml } from './yamlWriter.js';

const HEADER = '# A kdash simulator snapshot: start from it with `kdash --sim --load FILE`.\n';

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EISDIR') return 'is a directory';
  if (err.code === 'EACCES') return 'permission denied';
  return err.message ?? String(e);
}

export function snapshotToYaml(s: SimSnapshot): string {
  return HEADER + toYaml(s as unknown as Record<string, unknown>);
}

/** Parses and checks snapshot YAML; `source` names it in errors. */
export function parseSnapshot(text: string, source: string): SimSnapshot {
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: source });
  } catch (e) {
    const y = e as { reason?: string; mark?: { line: number; column: number } };
    const where = y.mark ? ` (line ${y.mark.line + 1}, column ${y.mark.column + 1})` : '';
    throw new SnapshotError(`${source}: not valid YAML: ${y.reason ?? (e as Error).message}${where}`);
  }
  return checkSnapshot(value, source).snapshot;
}

/** Reads and checks a snapshot file; throws a SnapshotError naming the file and the problem. */
export function loadSnapshotFile(file: string): SimSnapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SnapshotError(`${file}: cannot read: ${reason(e)}`);
  }
  return parseSnapshot(text, file);
}

/**
 * Writes the simulator's state now (or a snapshot taken before) to `file`, whole or not at all.
 * Saving the running simulator does not restart its components, unlike Simulator.snapshot().
 */
export function saveSnapshot(source: Simulator | SimSnapshot, file: string): void {
  let s: SimSnapshot;
  if ('format' in source) s = source;
  else {
    settle(source.clock);
    s = captureSnapshot(source.ctx).snapshot;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, snapshotToYaml(s));
    renameSync(tmp, file);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* never written */ }
    throw new SnapshotError(`${file}: cannot write: ${reason(e)}`);
  }
}
