// The dashboard's navigation state: a stack of screens (breadcrumbs), what is drawn over the
// current one (describe, YAML, help), an open dialog, and the prompt line.
import type { ListOptions, PropagationPolicy } from '../../backends/contract/backend.js';
import type { ResourceName } from '../../backends/contract/resources.js';
import type { KubeObject } from '../../backends/contract/types.js';
import { NO_FILTER, type RowFilter } from '../store/rowFilter.js';
import { KUBECTL_ORDER, type SortSpec } from '../store/rowOrder.js';

export interface TableFrame {
  kind: 'table';
  screen: string;
  resource: ResourceName;
  /** A drill-down's fixed query; undefined = the dashboard's namespace. */
  query?: ListOptions;
  ownerUid?: string;
  /** The Service whose pods a drill-down shows (its REQUESTS column). */
  service?: { namespace?: string; name: string };
  crumbs: string[];
  filter: RowFilter;
  sort: SortSpec;
  selectedKey?: string;
  selectedIndex: number;
  top: number;
}

export interface CustomFrame {
  kind: 'custom';
  screen: string;
  crumbs: string[];
  args: string[];
  target?: KubeObject;
}

export type Frame = TableFrame | CustomFrame;

export interface Target {
  resource: ResourceName;
  namespace?: string;
  name: string;
}

export interface TextOverlay {
  kind: 'text';
  /** `output`: lines a command printed (`:apply`), titled `title`; its target is not an object. */
  mode: 'describe' | 'yaml' | 'output';
  title?: string;
  target: Target;
  lines: string[];
  top: number;
  /** Columns scrolled off to the left (long lines are cut, not wrapped). */
  left: number;
  /** Secret values shown decoded. */
  decoded: boolean;
  loading: boolean;
}

export interface HelpOverlay {
  kind: 'help';
  top: number;
  /** The text view the help was opened from, shown again when it closes. */
  over?: TextOverlay;
}

export type Overlay = TextOverlay | HelpOverlay;

export const POLICIES: PropagationPolicy[] = ['Background', 'Foreground', 'Orphan'];

export type Dialog =
  | { kind: 'delete'; target: Target; policy: PropagationPolicy; focus: number }
  | { kind: 'kill'; target: Target; focus: number }
  | { kind: 'restart'; target: Target; focus: number }
  | { kind: 'scale'; target: Target & { resource: 'deployments' | 'replicasets' }; value: string; focus: number }
  /** A question asked by a screen or an undo action (journalActions.ts): `run` on confirm. */
  | { kind: 'confirm'; target: Target; title: string; lines: string[]; button: string; run(): void; focus: number };

export interface Prompt {
  kind: 'command' | 'filter';
  text: string;
  candidates: string[];
  /** The filter in force when `/` was pressed, restored by esc. */
  previous?: RowFilter;
}

export function tableFrame(screen: string, resource: ResourceName, crumbs: string[], extra: Partial<TableFrame> = {}): TableFrame {
  return { kind: 'table', screen, resource, crumbs, filter: NO_FILTER, sort: KUBECTL_ORDER, selectedIndex: 0, top: 0, ...extra };
}

/** Buttons of every dialog: focus 0 is Cancel. */
export const CANCEL = 0;
export const OK = 1;
