// `:save FILE`: the simulator's whole state as a snapshot file that `kdash --sim --load FILE`
// starts from. An existing file is kept unless the command is `:save! FILE`.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

type Flash = (text: string, level?: 'info' | 'error') => void;

/** Writes the snapshot to an absolute path; throws an Error naming the file and the problem. */
export type SaveSnapshot = (file: string) => void;

export function saveCommand(file: string | undefined, force: boolean, save: SaveSnapshot | undefined, flash: Flash): void {
  if (!save) return flash(':save writes the simulator\'s state: it needs kdash --sim', 'error');
  if (!file) return flash('usage: :save FILE (:save! FILE overwrites an existing file)', 'error');
  const path = resolve(file.replace(/^~(?=$|\/)/, homedir()));
  if (!force && existsSync(path)) return flash(`${file} exists: :save! ${file} overwrites it`, 'error');
  try {
    save(path);
    flash(`saved the cluster to ${file}`);
  } catch (e) {
    flash((e as Error).message, 'error');
  }
}
