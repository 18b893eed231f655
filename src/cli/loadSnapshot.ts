// `--load FILE`: the simulator starts from a snapshot file instead of a fresh cluster. A file
// that cannot be used ends kdash with exit code 2 before the dashboard or the server opens.
import { loadSnapshotFile } from '../../backends/sim/snapshot/index.js';
import type { Simulator } from '../../backends/sim/simulator.js';

/** Restores `file` into `sim`; on any problem prints it (naming the file) and exits 2. */
export function loadOrExit(sim: Simulator, file: string | undefined): void {
  if (file === undefined) return;
  try {
    sim.restore(loadSnapshotFile(file));
  } catch (e) {
    console.error(`kdash: ${(e as Error).message}`);
    sim.stop();
    process.exit(2);
  }
}
