// The rows of the rollout history screen, from a Deployment and its namespace's ReplicaSets: one
// per revision, as kubectl rollout history finds them (§2.1, §2.3), with what each ReplicaSet runs.
import {
  CHANGE_CAUSE_ANNOTATION, findNewReplicaSet, isControlledBy, POD_TEMPLATE_HASH_LABEL, revisionOf, withoutHash,
} from '../../../backends/contract/deploymentUtil.js';
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from '../../../backends/contract/types.js';
import { humanDuration } from '../../render/index.js';
import { renderRevisionTemplate } from '../../render/history.js';
import { unifiedDiff } from '../../render/lineDiff.js';
import { toYaml } from '../../render/yaml.js';
import { kindGroupName } from '../../ops/names.js';

export const HISTORY_COLUMNS = ['REVISION', 'CHANGE-CAUSE', 'IMAGES', 'REPLICASET', 'PODS', 'AGE'];

export interface HistoryRow {
  revision: number;
  current: boolean;
  rs: ReplicaSet;
  cells: string[];
}

/** Revisions oldest first; the current one (the ReplicaSet with the Deployment's template) marked. */
export function historyRows(d: Deployment, replicaSets: readonly ReplicaSet[], now: number): HistoryRow[] {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, d));
  const newRS = findNewReplicaSet(d, owned);
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of owned) {
    const r = revisionOf(rs);
    if (!Number.isNaN(r)) byRevision.set(r, rs);
  }
  return [...byRevision.entries()].sort(([a], [b]) => a - b).map(([revision, rs]) => {
    const current = rs === newRS;
    const created = Date.parse(rs.metadata?.creationTimestamp ?? '');
    return {
      revision, current, rs,
      cells: [
        current ? `${revision} (current)` : String(revision),
        rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>',
        (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',') || '<none>',
        rs.metadata?.name ?? '',
        `${rs.status?.readyReplicas ?? 0}/${rs.status?.replicas ?? 0}`,
        Number.isNaN(created) ? '<unknown>' : humanDuration(now - created),
      ],
    };
  });
}

/** Tabs expanded to 8-column stops, as a terminal shows kubectl's literal tabs. */
export function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** `kubectl rollout history deployment/<name> --revision=N`, line by line. */
export function revisionTemplateLines(d: Deployment, row: HistoryRow): string[] {
  const text = renderRevisionTemplate(
    kindGroupName('deployments', d.metadata?.name ?? ''), row.revision, row.rs.spec?.template,
    row.rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || undefined,
  );
  return text.replace(/\n+$/, '').split('\n').map(expandTabs);
}

function templateYaml(t: PodTemplateSpec | undefined): string[] {
  return toYaml(withoutHash(t) as KubeObject, { hideManagedFields: true }).replace(/\n+$/, '').split('\n');
}

/** The revision's pod template against the Deployment's current one, as YAML, in a unified diff. */
export function revisionDiffLines(d: Deployment, row: HistoryRow): string[] {
  const name = d.metadata?.name ?? '';
  const diff = unifiedDiff(templateYaml(row.rs.spec?.template), templateYaml(d.spec?.template), {
    from: `revision ${row.revision} (${row.rs.metadata?.name ?? ''}) pod template`,
    to: `deployment/${name} current pod template`,
  });
  if (diff.length === 2) diff.push(`revision ${row.revision}'s template is the current template (${POD_TEMPLATE_HASH_LABEL} aside): no differences`);
  return diff;
}
