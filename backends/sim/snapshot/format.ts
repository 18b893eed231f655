// What a simulator snapshot holds: the whole cluster state in a readable, versioned shape that
// can be kept in memory (a step back in a demo) or written as YAML (`:save`, `--load`).
import type { KubeObject } from '../../contract/types.js';
import type { ClusterLayout } from '../context.js';
import type { EventRecorderState } from '../events.js';

export const SNAPSHOT_FORMAT = 'kdash-snapshot/v1';

export interface SimSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The simulated clock, RFC 3339 with milliseconds. */
  time: string;
  /** The API server's global resourceVersion counter: the last version handed out. */
  resourceVersion: string;
  /** The seeded generator's state (mulberry32: one unsigned 32-bit word). */
  random: number;
  layout: ClusterLayout;
  /** The event recorder's memory: which Event a repeat counts up, and aggregation windows. */
  eventRecorder: EventRecorderState;
  /** Component memory the stored objects cannot give back (crash-loop faults, traffic counters...). */
  components: Record<string, unknown>;
  /** Every stored object as the API serves it, by resource, each resource's in the order they were stored. */
  objects: KubeObject[];
}
