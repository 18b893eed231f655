// Which ReplicaSet is the Deployment's new one (FindNewReplicaSet / FindOldReplicaSets):
// template equality ignoring pod-template-hash. Stored objects never change in place, so the
// canonical form of a template is remembered per object and each sync compares strings.
import { canonicalJson, withoutHash } from '../../../contract/deploymentUtil.js';
import type { Deployment, PodTemplateSpec, ReplicaSet } from '../../../contract/types.js';
import { byCreationTimestamp } from './replicaSets.js';

const canonicalTemplates = new WeakMap<PodTemplateSpec, string>();

function templateKey(t: PodTemplateSpec | undefined): string {
  if (!t) return canonicalJson(withoutHash(t));
  let key = canonicalTemplates.get(t);
  if (key === undefined) {
    key = canonicalJson(withoutHash(t));
    canonicalTemplates.set(t, key);
  }
  return key;
}

/**
 * EqualIgnoreHash, remembered per template object.
 * Deviation: Go compares with apiequality.Semantic, for which an empty map or list equals an
 * absent one; kdash compares canonical JSON, so only an empty label map is treated that way.
 */
export function sameTemplate(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/** The oldest ReplicaSet whose template matches the Deployment's, and all the others. */
export function splitNewAndOld(d: Deployment, rsList: ReplicaSet[]): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const wanted = d.spec?.template;
  let newRS: ReplicaSet | undefined;
  for (const rs of rsList) {
    if (!sameTemplate(rs.spec?.template, wanted)) continue;
    if (!newRS || byCreationTimestamp(rs, newRS) < 0) newRS = rs;
  }
  return { newRS, oldRSs: rsList.filter((rs) => rs !== newRS) };
}
