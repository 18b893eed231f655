// What the ReplicaSet controller reads of each pod on every sync, kept in one small record per
// pod version and indexed by controlling owner. A sync visits every pod of its ReplicaSet, and
// reading these compact records instead of whole pod objects keeps a sync cheap at 10,000 pods.
import { isPodActive, isPodReady, readySince } from '../../contract/podUtil.js';
import { matchesRequirements, type Requirement } from '../../contract/selectors.js';
import type { Pod } from '../../contract/types.js';
import { controllerOf, objectKey } from './informer.js';

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

/** Facts of the pods that have a controlling owner, by the owner's uid. */
export class PodFactsByOwner {
  private readonly byOwner = new Map<string, Map<string, PodFacts>>();
  private readonly ownerOf = new Map<string, string>();

  /** Records the pod's newest version (its owner may have changed). */
  put(pod: Pod): void {
    const key = objectKey(pod);
    this.remove(pod);
    const owner = controllerOf(pod)?.uid;
    if (!owner) return;
    let m = this.byOwner.get(owner);
    if (!m) this.byOwner.set(owner, (m = new Map()));
    m.set(key, podFacts(pod));
    this.ownerOf.set(key, owner);
  }

  remove(pod: Pod): void {
    const key = objectKey(pod);
    const owner = this.ownerOf.get(key);
    if (owner === undefined) return;
    this.ownerOf.delete(key);
    const m = this.byOwner.get(owner);
    m?.delete(key);
    if (m && m.size === 0) this.byOwner.delete(owner);
  }

  /** The owner's pods; not a copy, so read it before the next pod event. */
  ownedBy(uid: string): Iterable<PodFacts> {
    return this.byOwner.get(uid)?.values() ?? [];
  }
}
