// The rollout history screen (`:history NAME`, `h` on a Deployment or on one of its ReplicaSets):
// one row per revision, live as rollouts happen; enter shows a revision's template as
// `kubectl rollout history --revision=N` prints it, D a diff against the current template, and
// u rolls back to the revision (after asking).
import { Box, Text, type Key } from 'ink';
import { useMemo, type ReactElement } from 'react';
import { revisionOf } from '../../../backends/contract/deploymentUtil.js';
import type { Deployment, ReplicaSet } from '../../../backends/contract/types.js';
import { deploymentRolloutStatus } from '../../ops/rolloutStatus.js';
import { selectorQuery } from '../../ops/replicaSets.js';
import { targetLabel } from '../../ops/journal.js';
import type { Theme } from '../../theme/index.js';
import { color, selectionStyle } from '../components/themeColor.js';
import { useLatestState } from '../hooks/useLatestState.js';
import { useResourceCache } from '../hooks/useResourceCache.js';
import { useDashboardActions } from '../journalActions.js';
import { windowTop } from '../../store/selection.js';
import { fit } from '../tableModel.js';
import { HISTORY_COLUMNS, historyRows, revisionDiffLines, revisionTemplateLines, type HistoryRow } from './historyRows.js';
import { columnLayout } from './columns.js';
import { listMove, useScreenKeys } from './listNavigation.js';
import { registerScreen, type CustomScreenProps } from './screenRegistry.js';

interface Subject {
  namespace: string;
  name: string;
  /** The revision to select first (entering from a ReplicaSet). */
  revision?: number;
}

/** The Deployment the screen shows: `:history [NS/]NAME [REVISION]`, else the selected Deployment or ReplicaSet. */
export function historySubject(p: Pick<CustomScreenProps, 'args' | 'target' | 'namespace'>): Subject | undefined {
  const t = p.target;
  const ns = p.namespace ?? t?.metadata?.namespace ?? 'default';
  if (p.args[0]) {
    const [a, b] = p.args[0].includes('/') ? p.args[0].split('/', 2) : [ns, p.args[0]];
    const rev = Number(p.args[1]);
    return { namespace: a, name: b, revision: Number.isInteger(rev) && rev > 0 ? rev : undefined };
  }
  if (!t?.metadata?.name) return undefined;
  const owner = t.metadata.ownerReferences?.find((r) => r.controller);
  if (owner?.kind === 'Deployment') return { namespace: t.metadata.namespace ?? ns, name: owner.name, revision: revisionOf(t as ReplicaSet) || undefined };
  if (owner || !(t as Deployment).spec?.template) return undefined;
  return { namespace: t.metadata.namespace ?? ns, name: t.metadata.name };
}

type View = { mode: 'table' } | { mode: 'template' | 'diff'; revision: number; top: number };

interface ScreenState {
  /** The selected revision; undefined follows the current one. */
  picked?: number;
  view: View;
  /** First row in view. */
  top: number;
}

function lines(children: ReactElement[], height: number): ReactElement {
  while (children.length < height) children.push(<Text key={`pad${children.length}`}> </Text>);
  return <Box flexDirection="column">{children.slice(0, height)}</Box>;
}

function diffColor(theme: Theme, line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return color(theme, 'title');
  if (line.startsWith('+')) return color(theme, 'status.ok');
  if (line.startsWith('-')) return color(theme, 'status.error');
  if (line.startsWith('@@')) return color(theme, 'status.pending');
  return color(theme, 'fg');
}

function HistoryScreen(p: CustomScreenProps) {
  const actions = useDashboardActions();
  const subject = useMemo(() => historySubject(p), [p.args.join(' '), p.target, p.namespace]); // eslint-disable-line react-hooks/exhaustive-deps
  const dQuery = useMemo(() => ({ namespace: subject?.namespace, fieldSelector: `metadata.name=${subject?.name ?? ''}` }), [subject]);
  const dSnap = useResourceCache(p.backend, subject ? 'deployments' : undefined, dQuery, actions.cacheOptions);
  const d = dSnap.items[0] as Deployment | undefined;
  const selector = d?.spec?.selector ? selectorQuery(d.spec.selector) : undefined;
  const rsQuery = useMemo(() => ({ namespace: subject?.namespace, labelSelector: selector }), [subject, selector]);
  const rsSnap = useResourceCache(p.backend, d ? 'replicasets' : undefined, rsQuery, actions.cacheOptions);
  const now = p.now();
  const rows = useMemo(() => (d ? historyRows(d, rsSnap.items, now) : []), [d, rsSnap, now]);
  // Read through the ref by the key handler: keys typed together arrive before the next render.
  const [state, setState, stateRef] = useLatestState<ScreenState>({ picked: subject?.revision, view: { mode: 'table' }, top: 0 });
  const bodyRows = Math.max(1, p.height - 2);
  const textRows = Math.max(1, p.height - 1);
  const derive = (s: ScreenState) => {
    const currentIndex = rows.findIndex((r) => r.current);
    const pickedIndex = rows.findIndex((r) => r.revision === s.picked);
    const selected = pickedIndex >= 0 ? pickedIndex : Math.max(0, currentIndex >= 0 ? currentIndex : rows.length - 1);
    const v = s.view;
    const viewRow = v.mode === 'table' ? undefined : rows.find((r) => r.revision === v.revision);
    const text = d && viewRow ? (v.mode === 'template' ? revisionTemplateLines(d, viewRow) : revisionDiffLines(d, viewRow)) : [];
    return { selected, row: rows[selected] as HistoryRow | undefined, viewRow, text };
  };
  const { view, top } = state;
  const { selected, viewRow, text } = derive(state);

  const onKey = (input: string, key: Key) => {
    const s = stateRef.current;
    const { view, top } = s;
    const { selected, row, text } = derive(s);
    const setView = (v: View) => setState({ ...s, view: v });
    if (view.mode !== 'table') {
      const max = Math.max(0, text.length - textRows);
      const scroll = (t: number) => setView({ ...view, top: Math.max(0, Math.min(max, t)) });
      if (key.escape || input === 'q') return setView({ mode: 'table' });
      if (input === 'j' || key.downArrow) return scroll(view.top + 1);
      if (input === 'k' || key.upArrow) return scroll(view.top - 1);
      if (key.pageDown || input === ' ') return scroll(view.top + textRows - 1);
      if (key.pageUp) return scroll(view.top - (textRows - 1));
      if (input === 'g') return scroll(0);
      if (input === 'G') return scroll(max);
      if (input === 'D') return setView({ mode: view.mode === 'diff' ? 'template' : 'diff', revision: view.revision, top: 0 });
      if (key.return) return setView({ mode: 'template', revision: view.revision, top: 0 });
      return;
    }
    if (key.escape || input === 'q') return p.back();
    const to = listMove(input, key, selected, rows.length);
    if (to !== undefined) {
      return setState({ ...s, picked: rows[to].revision, top: windowTop(to, top, bodyRows, rows.length) });
    }
    if (!row || !d) return;
    if (key.return) return setView({ mode: 'template', revision: row.revision, top: 0 });
    if (input === 'D') return setView({ mode: 'diff', revision: row.revision, top: 0 });
    if (input === 'u') return actions.rollback(d, row.revision);
  };
  useScreenKeys('history', onKey);

  const theme = p.theme;
  const width = p.width;
  if (!subject) return lines([<Text key="u" color={color(theme, 'flash.error')}>{fit('usage: :history NAME (a Deployment), or press h on a Deployment or ReplicaSet', width)}</Text>], p.height);
  const label = targetLabel({ resource: 'deployments', namespace: subject.namespace, name: subject.name });
  if (!d) {
    const msg = dSnap.status === 'loading' ? 'loading…'
      : dSnap.error ? dSnap.error : `deployments.apps "${subject.name}" not found in namespace ${subject.namespace}`;
    return lines([<Text key="e" color={color(theme, dSnap.status === 'loading' ? 'fg' : 'flash.error')}>{fit(msg, width)}</Text>], p.height);
  }

  if (view.mode !== 'table') {
    const what = view.mode === 'template' ? 'pod template (rollout history --revision)' : 'diff against the current template';
    const head = viewRow
      ? `${label} revision ${view.revision}: ${what}   (D: ${view.mode === 'template' ? 'diff' : 'template'}, esc: back)`
      : `revision ${view.revision} is no longer in the history of ${label}   (esc: back)`;
    const out = [<Text key="h" bold color={color(theme, 'title')}>{fit(head, width)}</Text>];
    text.slice(view.top, view.top + textRows).forEach((l, i) => out.push(
      <Text key={i} color={view.mode === 'diff' ? diffColor(theme, l) : color(theme, 'fg')}>{fit(l, width)}</Text>,
    ));
    return lines(out, p.height);
  }

  const status = deploymentRolloutStatus(d);
  const revision = d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '?';
  const stale = dSnap.status === 'stale' || rsSnap.status === 'stale';
  const summary = `${stale ? `STALE (${dSnap.error ?? rsSnap.error ?? 'cluster unreachable'}): ` : ''}${label}  revision ${revision}  ${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready  ${status.message}`;
  // CHANGE-CAUSE (often a whole command line) is cut first, then IMAGES.
  const layout = columnLayout(HISTORY_COLUMNS, rows.map((r) => r.cells), width, [1, 2]);
  const start = windowTop(selected, top, bodyRows, rows.length);
  const out = [
    <Text key="s" color={color(theme, stale ? 'stale' : status.failed ? 'status.error' : status.done ? 'status.ok' : 'status.pending')}>{fit(summary, width)}</Text>,
    <Text key="h" bold color={color(theme, 'tableHeader')}>{layout(HISTORY_COLUMNS)}</Text>,
  ];
  if (rows.length === 0) out.push(<Text key="none">{fit(rsSnap.status === 'loading' ? 'loading…' : 'No rollout history found.', width)}</Text>);
  rows.slice(start, start + bodyRows).forEach((r, i) => {
    const style = start + i === selected ? selectionStyle(theme) : { color: color(theme, r.current ? 'status.ok' : 'fg') };
    out.push(<Text key={r.revision} bold={r.current} {...style}>{layout(r.cells)}</Text>);
  });
  return lines(out, p.height);
}

registerScreen({
  kind: 'custom', name: 'history', aliases: ['hist', 'rollouts'],
  render: (p) => <HistoryScreen {...p} />,
  help: [
    ['j k ↑ ↓', 'move between revisions'],
    ['enter', "template of the revision, as kubectl rollout history --revision=N prints it"],
    ['D', "diff of the revision's template against the current one (+ current, - the revision)"],
    ['u', 'rollback to this revision: kubectl rollout undo --to-revision=N (asks first)', 'undo'],
    ['ctrl-z', 'undo the last change kdash made (asks first; :journal lists them)', 'undo'],
  ],
});
