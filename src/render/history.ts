// `kubectl rollout history` text (kubectl pkg/cmd/rollout/rollout_history.go and
// pkg/polymorphichelpers/history.go): the NamePrinter line, then the history.
import type { PodTemplateSpec } from '../../backends/contract/types.js';
import { describePodTemplate } from './describe/podTemplate.js';
import { PrefixWriter } from './describe/prefixWriter.js';
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter.js';

export interface HistoryEntry {
  revision: number;
  /** The ReplicaSet's `kubernetes.io/change-cause`; empty or missing prints `<none>`. */
  changeCause?: string;
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * `<kind>.<group>/<name> ` + newline + the REVISION / CHANGE-CAUSE table (sorted by revision,
 * one row per revision) + a final newline, or `No rollout history found.` when there is none.
 */
export function renderHistoryTable(kindGroupName: string, entries: HistoryEntry[]): string {
  const byRevision = new Map<number, string>();
  for (const e of entries) byRevision.set(e.revision, e.changeCause ?? '');
  let history = 'No rollout history found.';
  if (byRevision.size > 0) {
    const rows = [...byRevision.keys()].sort((a, b) => a - b).map((r) => `${r}\t${byRevision.get(r) || '<none>'}\n`);
    history = tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABWRITER);
  }
  return `${kindGroupName} \n${history}\n`;
}

/**
 * The pod template lines of describe (DescribePodTemplate) written to a plain buffer, as
 * `rollout history --revision` prints them: the tabs stay literal.
 */
export function renderPodTemplate(template: PodTemplateSpec | undefined): string {
  const w = new PrefixWriter(false);
  describePodTemplate(template, w);
  return w.toString();
}

/**
 * `rollout history --revision=N`: `<kind>.<group>/<name> with revision #N`, the ReplicaSet's
 * template (with the change-cause annotation history.go copies into it) and a final newline.
 */
export function renderRevisionTemplate(
  kindGroupName: string, revision: number, template: PodTemplateSpec | undefined, changeCause?: string,
): string {
  let t = template;
  if (t && changeCause) {
    t = structuredClone(t);
    t.metadata = { ...t.metadata, annotations: { ...t.metadata?.annotations, [CHANGE_CAUSE]: changeCause } };
  }
  return `${kindGroupName} with revision #${revision}\n${renderPodTemplate(t)}\n`;
}
