// Which ReplicaSet is the Deployment's new one (FindNewReplicaSet / FindOldReplicaSets):
// template equality ignoring pod-template-hash. A template is part of the spec, so its
// canonical form is remembered per object uid and generation, and each sync compares strings.
import { canonicalJson, withoutHash } from '../../../contract/deploymentUtil.js';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../contract/types.js';
import { byCreationTimestamp } from './replicaSets.js';

export interface WithTemplate { metadata?: { uid?: string; generation?: number }; spec?: { template?: PodTemplateSpec } }

/** One per controller: uids are only unique within one simulated cluster. */
export class TemplateKeys {
  private readonly byUid = new Map<string, { generation: number; key: string }>();

  key(obj: WithTemplate): string {
    const uid = obj.metadata?.uid;
    const generation = obj.metadata?.generation ?? 0;
    const cached = uid ? this.byUid.get(uid) : undefined;
    if (cached && cached.generation === generation) return cached.key;
    const key = canonicalJson(withoutHash(obj.spec?.template));
    if (uid) this.byUid.set(uid, { generation, key });
    return key;
  }

  /**
   * EqualIgnoreHash.
   * Deviation: Go compares with apiequality.Semantic, for which an empty map or list equals an
   * absent one; kdash compares canonical JSON, so only an empty label map is treated that way.
   */
  same(a: WithTemplate, b: WithTemplate): boolean { return this.key(a) === this.key(b); }

  /** Drops what is remembered about a deleted object. */
  forget(uid: string | undefined): void { if (uid) this.byUid.delete(uid); }
}

/** The oldest ReplicaSet whose template matches the Deployment's, and all the others. */
export function splitNewAndOld(keys: TemplateKeys, d: Deployment, rsList: ReplicaSet[]): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  let newRS: ReplicaSet | undefined;
  for (const rs of rsList) {
    if (!keys.same(rs, d)) continue;
    if (!newRS || byCreationTimestamp(rs, newRS) < 0) newRS = rs;
  }
  return { newRS, oldRSs: rsList.filter((rs) => rs !== newRS) };
}
