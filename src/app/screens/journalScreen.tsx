// The journal screen (`:journal`): every change kdash made in this session, newest first, with
// whether it can be undone (and why not); enter or ctrl-z undoes the selected entry after asking.
import { Box, Text, type Key } from 'ink';
import { useEffect, useState, type ReactElement } from 'react';
import { targetLabel, undoDescription, type JournalEntry } from '../../ops/journal.js';
import { color, selectionStyle } from '../components/themeColor.js';
import { useLatestState } from '../hooks/useLatestState.js';
import { useDashboardActions } from '../journalActions.js';
import { windowTop } from '../../store/selection.js';
import { fit } from '../tableModel.js';
import { columnLayout } from './columns.js';
import { listMove, useScreenKeys } from './listNavigation.js';
import { registerScreen, type CustomScreenProps } from './screenRegistry.js';

const COLUMNS = ['TIME', 'ACTION', 'OBJECT', 'CHANGE', 'UNDO'];

/** Time of day, UTC, on the dashboard's clock. */
function timeOfDay(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function undoCell(e: JournalEntry): string {
  if (e.state === 'undone') return 'undone';
  if (e.undo.kind === 'impossible') return `cannot: ${e.undo.reason}`;
  return 'undoable';
}

export function journalCells(e: JournalEntry): string[] {
  return [timeOfDay(e.at), e.action, targetLabel(e.target), e.detail ?? '', undoCell(e)];
}

function JournalScreen(p: CustomScreenProps) {
  const actions = useDashboardActions();
  const journal = actions.journal;
  const [, setVersion] = useState(0);
  useEffect(() => journal.subscribe(() => setVersion((v) => v + 1)), [journal]);
  // Read through the ref by the key handler: keys typed together arrive before the next render.
  const [state, setState, stateRef] = useLatestState<{ pickedId?: number; top: number }>({ top: 0 });
  const entries = journal.entries();
  const selectedOf = (id: number | undefined) => Math.max(0, entries.findIndex((e) => e.id === id));
  const selected = selectedOf(state.pickedId);
  const { top } = state;
  const bodyRows = Math.max(1, p.height - 3);

  const onKey = (input: string, key: Key) => {
    if (key.escape || input === 'q') return p.back();
    const s = stateRef.current;
    const selected = selectedOf(s.pickedId);
    const to = listMove(input, key, selected, entries.length);
    if (to !== undefined) return setState({ pickedId: entries[to].id, top: windowTop(to, s.top, bodyRows, entries.length) });
    const e = entries[selected];
    if (key.return || (key.ctrl && input === 'z')) return e ? actions.undoEntry(e.id) : actions.undoLast();
  };
  useScreenKeys('journal', onKey);

  const { theme, width } = p;
  const cells = entries.map(journalCells);
  const layout = columnLayout(COLUMNS, cells, width, [3, 2]);
  const start = windowTop(selected, top, bodyRows, entries.length);
  const out: ReactElement[] = [<Text key="h" bold color={color(theme, 'tableHeader')}>{layout(COLUMNS)}</Text>];
  if (entries.length === 0) out.push(<Text key="none">{fit('No changes yet: deletes, kills, scales, restarts, rollout undos, edits and applies made in kdash are listed here.', width)}</Text>);
  entries.slice(start, start + bodyRows).forEach((e, i) => {
    const state = e.state === 'undone' ? 'status.completed' : e.undo.kind === 'impossible' ? 'status.warning' : 'fg';
    const style = start + i === selected ? selectionStyle(theme) : { color: color(theme, state) };
    out.push(<Text key={e.id} {...style}>{layout(cells[start + i])}</Text>);
  });
  while (out.length < p.height - 1) out.push(<Text key={`pad${out.length}`}> </Text>);
  const e = entries[selected];
  const about = !e ? ' ' : e.state === 'undone' ? `Undone: ${e.result ?? ''}` : undoDescription(e);
  out.push(<Text key="about" color={color(theme, 'fg')}>{fit(about, width)}</Text>);
  return <Box flexDirection="column">{out.slice(0, p.height)}</Box>;
}

registerScreen({
  kind: 'custom', name: 'journal', aliases: ['undo', 'changes'],
  render: (p) => <JournalScreen {...p} />,
  help: [
    ['j k ↑ ↓', 'move between changes (newest first)'],
    ['enter', 'undo the selected change (asks first)', 'undo'],
    ['ctrl-z', 'undo the selected change (asks first)', 'undo'],
  ],
});
