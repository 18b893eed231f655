// The screens `:` can open, by name and alias. Resource screens are tables of one resource;
// custom screens (contexts, rollout history) draw themselves and are registered by their modules.
import type { ReactElement } from 'react';
import type { Backend, ListOptions } from '../../../backends/contract/backend.js';
import type { ResourceName } from '../../../backends/contract/resources.js';
import type { KubeObject } from '../../../backends/contract/types.js';
import type { Theme } from '../../theme/index.js';
import type { Scheduler } from '../../store/scheduler.js';

/** A mutation a screen offers; each is refused in read-only mode. */
export type Mutation = 'delete' | 'kill' | 'scale' | 'restart' | 'undo' | 'edit' | 'apply';

/** Where `enter` on a row leads: another table, narrowed to what belongs to the row. */
export interface DrillDown {
  screen: string;
  query: ListOptions;
  /** Keep only objects whose controller owner has this uid (a Deployment's ReplicaSets...). */
  ownerUid?: string;
  /** Set the dashboard's namespace too (entering a namespace). */
  switchNamespace?: string;
  /** The Service whose pods the table shows (its REQUESTS column). */
  service?: { namespace?: string; name: string };
}

export interface ResourceScreenDef {
  kind: 'resource';
  /** The name shown in breadcrumbs and used by `:` (`pods`). */
  name: string;
  resource: ResourceName;
  aliases: string[];
  mutations: Mutation[];
  drill?: (obj: KubeObject) => DrillDown | { error: string } | undefined;
}

export interface CustomScreenProps {
  backend: Backend;
  /** The namespace in scope, undefined for all namespaces. */
  namespace: string | undefined;
  /** The object selected when the screen was opened, if any (e.g. the deployment for history). */
  target?: KubeObject;
  /** Words typed after the command (`:history web` gives ['web']). */
  args: string[];
  width: number;
  height: number;
  theme: Theme;
  readonly: boolean;
  now: () => number;
  flash(text: string, level?: 'info' | 'error'): void;
  back(): void;
  /** The dashboard's timers, for screens that poll (logs). */
  scheduler?: Scheduler;
  /** Opens the describe page of an object over the screen (xray's `enter`). */
  describe?(target: { resource: ResourceName; namespace?: string; name: string }): void;
}

export interface CustomScreenDef {
  kind: 'custom';
  name: string;
  aliases: string[];
  /** The screen handles its own keys through useScreenKeys (esc and q go back) and draws exactly `height` lines. */
  render(props: CustomScreenProps): ReactElement;
  /** Lines for the `?` help: [key, what it does, the mutation it makes (hidden in read-only mode)]. */
  help?: Array<[key: string, what: string, mutation?: Mutation]>;
}

export type ScreenDef = ResourceScreenDef | CustomScreenDef;

const screens = new Map<string, ScreenDef>();
const aliases = new Map<string, string>();

export function registerScreen(def: ScreenDef): void {
  screens.set(def.name, def);
  for (const a of [def.name, ...def.aliases]) {
    aliases.set(a.toLowerCase(), def.name);
  }
}

export function screenByName(name: string): ScreenDef | undefined {
  return screens.get(name);
}

export function resolveScreen(word: string): ScreenDef | undefined {
  const name = aliases.get(word.toLowerCase());
  return name ? screens.get(name) : undefined;
}

export function allAliases(): string[] {
  return [...aliases.keys()].sort();
}
