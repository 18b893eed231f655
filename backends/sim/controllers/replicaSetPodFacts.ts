// What the ReplicaSet controller reads of each pod on every sync, kept in one small record per
// pod version and indexed by controlling owner. A sync visits every pod of its ReplicaSet, and
// reading these compact records instead of whole pod objects keeps a sync cheap at 10,000 pods.
import { isPodActive, isPodReady, readySince } from '../../contract/podUtil.js';
import { matchesRequirements, type Requirement } from '../../contract/selectors.js';
import type { Pod } from '../../contract/types.js';
import { objectKey } from './informer.js';
import { controllerUid } from './informerCache.js';

export interface PodFacts {
  readonly pod: Pod;
  /** controller.IsPodActive: not terminating, not Succeeded or Failed. */
  readonly active: boolean;
  readonly ready: boolean;
  /** The Ready condition's lastTransitionTime in ms; undefined when unset. */
  readonly readySince: number | undefined;
  /** The last selector (by its JSON) this pod was matched against, and the answer. */
  selector: string | undefined;
  matchesSelector: boolean;
  /** The last template labels (by their JSON) checked, and whether the pod carries them all. */
  templateLabels: string | undefined;
  hasTemplateLabels: boolean;
}

export function podFacts(pod: Pod): PodFacts {
  const ready = isPodReady(pod);
  return {
    pod, active: isPodActive(pod), ready, readySince: ready ? readySince(pod) : undefined,
    selector: undefined, matchesSelector: false, templateLabels: undefined, hasTemplateLabels: false,
  };
}

/** Whether the pod's labels satisfy the selector; `key` names the selector (its JSON). */
export function matchesSelector(f: PodFacts, key: string, selector: Requirement[]): boolean {
  if (f.selector !== key) {
    f.selector = key;
    f.matchesSelector = matchesRequirements(f.pod.metadata?.labels, selector);
  }
  return f.matchesSelector;
}

/** Whether the pod carries every template label (fullyLabeledReplicas); `key` names the labels (their JSON). */
export function hasTemplateLabels(f: PodFacts, key: string, wanted: Record<string, string> | undefined): boolean {
  if (f.templateLabels !== key) {
    f.templateLabels = key;
    const labels = f.pod.metadata?.labels;
    f.hasTemplateLabels = true;
    for (const k in wanted) if (labels?.[k] !== wanted[k]) { f.hasTemplateLabels = false; break; }
  }
  return f.hasTemplateLabels;
}

/** The selector and template labels a tally counts against, each with its key (its JSON). */
export interface TallyKeys {
  selector: string;
  requirements: Requirement[];
  template: string;
  templateLabels: Record<string, string> | undefined;
}

/** Counts over an owner's active pods, kept up to date as pods change. */
export interface OwnedTally {
  /** Active pods matching the selector (the ones the owner keeps). */
  active: number;
  /** Active pods no longer matching the selector (to be released). */
  mismatched: number;
  /** Of the matching ones: Ready, and carrying every template label. */
  ready: number;
  fullyLabeled: number;
}

interface Group { pods: Map<string, PodFacts>; keys?: TallyKeys; tally: OwnedTally }

const zeroTally = (): OwnedTally => ({ active: 0, mismatched: 0, ready: 0, fullyLabeled: 0 });

/**
 * Facts of the pods that have a controlling owner, by the owner's uid, with each owner's
 * tally updated pod by pod, so a sync reads its counts without visiting every pod.
 */
export class PodFactsByOwner {
  private readonly byOwner = new Map<string, Group>();
  private readonly ownerOf = new Map<string, string>();

  /** Records the pod's newest version (its owner may have changed). */
  put(pod: Pod): void {
    const key = objectKey(pod);
    const owner = controllerUid(pod);
    const was = this.ownerOf.get(key);
    if (owner !== undefined && was === owner) {
      // Same owner: only the facts change; the newest version still goes last, as after a removal.
      const g = this.byOwner.get(owner)!;
      const old = g.pods.get(key);
      if (old) contribute(g, old, -1);
      g.pods.delete(key);
      const f = podFacts(pod);
      g.pods.set(key, f);
      contribute(g, f, 1);
      return;
    }
    this.remove(pod);
    if (!owner) return;
    let g = this.byOwner.get(owner);
    if (!g) this.byOwner.set(owner, (g = { pods: new Map(), tally: zeroTally() }));
    const f = podFacts(pod);
    g.pods.set(key, f);
    contribute(g, f, 1);
    this.ownerOf.set(key, owner);
  }

  remove(pod: Pod): void {
    const key = objectKey(pod);
    const owner = this.ownerOf.get(key);
    if (owner === undefined) return;
    this.ownerOf.delete(key);
    const g = this.byOwner.get(owner);
    if (!g) return;
    const f = g.pods.get(key);
    if (f) contribute(g, f, -1);
    g.pods.delete(key);
    if (g.pods.size === 0) this.byOwner.delete(owner);
  }

  /** The owner's pods; not a copy, so read it before the next pod event. */
  ownedBy(uid: string): Iterable<PodFacts> {
    return this.byOwner.get(uid)?.pods.values() ?? [];
  }

  /** The owner's counts against `keys` (counted afresh when the keys changed). */
  tally(uid: string, keys: TallyKeys): OwnedTally {
    const g = this.byOwner.get(uid);
    if (!g) return zeroTally();
    if (g.keys?.selector !== keys.selector || g.keys.template !== keys.template) {
      g.keys = keys;
      g.tally = zeroTally();
      for (const f of g.pods.values()) contribute(g, f, 1);
    }
    return { ...g.tally };
  }
}

function contribute(g: Group, f: PodFacts, sign: 1 | -1): void {
  const k = g.keys;
  if (!k || !f.active) return;
  if (!matchesSelector(f, k.selector, k.requirements)) { g.tally.mismatched += sign; return; }
  g.tally.active += sign;
  if (f.ready) g.tally.ready += sign;
  if (hasTemplateLabels(f, k.template, k.templateLabels)) g.tally.fullyLabeled += sign;
}
