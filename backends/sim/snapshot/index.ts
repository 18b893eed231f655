// Simulator snapshots: Simulator.snapshot() / restore(s) in memory, YAML files for `--load` and `:save`.
export { SNAPSHOT_FORMAT, type SimSnapshot } from './format.js';
export { SnapshotError } from './validate.js';
export { loadSnapshotFile, parseSnapshot, saveSnapshot, snapshotToYaml } from './file.js';
export type { ComponentMemory } from '../context.js';
