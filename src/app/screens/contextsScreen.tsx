// `:ctx` — the kubeconfig's contexts as `kubectl config get-contexts` lists them; `enter` reopens
// the dashboard on the chosen one. On the simulator there is one context, kdash-sim.
import { Box, Text } from 'ink';
import { useScreenKeys } from './listNavigation.js';
import { useEffect, useState } from 'react';
import { useLatestState } from '../hooks/useLatestState.js';
import { formatError } from '../../ops/errors.js';
import { ResourceTable } from '../components/ResourceTable.js';
import { useContextSwitching, type KubeContextRow } from '../contextSwitching.js';
import type { TableRow } from '../tableModel.js';
import { registerScreen, type CustomScreenProps } from './screenRegistry.js';

const HEADER = ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'];
export const SIM_NOTE = 'contexts apply to live clusters: kdash --context NAME [--kubeconfig FILE]';

function tableRow(c: KubeContextRow): TableRow {
  return { key: c.name, cells: [c.current ? '*' : '', c.name, c.cluster, c.authInfo, c.namespace], state: 'ok', object: { metadata: { name: c.name } } };
}

function ContextsScreen(p: CustomScreenProps) {
  const switching = useContextSwitching();
  // Read through refs in the key handler: a key may arrive before the handler of the latest frame is subscribed.
  const [rows, setRows, rowsRef] = useLatestState<KubeContextRow[] | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [selected, setSelected, selectedRef] = useLatestState(0);
  const [, setBusy, busyRef] = useLatestState(false);

  useEffect(() => {
    let live = true;
    const load = switching
      ? switching.contexts()
      : p.backend.identity().then((id) => [{ name: id.context, cluster: id.cluster, authInfo: '', namespace: id.namespace, current: true }]);
    load.then((r) => {
      if (!live) return;
      setRows(r);
      setSelected(Math.max(0, r.findIndex((c) => c.current)));
    }, (e: unknown) => { if (live) setError(formatError(e)); });
    return () => { live = false; };
  }, [switching, p.backend, setRows, setSelected]);

  useScreenKeys('contexts', (input, key) => {
    if (key.escape || input === 'q') return p.back();
    const rows = rowsRef.current;
    if (!rows || rows.length === 0 || busyRef.current) return;
    if (input === 'j' || key.downArrow) return setSelected((s) => Math.min(rows.length - 1, s + 1));
    if (input === 'k' || key.upArrow) return setSelected((s) => Math.max(0, s - 1));
    if (input === 'g' || key.home) return setSelected(0);
    if (input === 'G' || key.end) return setSelected(rows.length - 1);
    if (!key.return) return;
    const row = rows[selectedRef.current];
    if (row.current) return p.flash(`already on context ${row.name}`);
    if (!switching) return p.flash(SIM_NOTE, 'error');
    setBusy(true);
    p.flash(`switching to context ${row.name}…`);
    switching.switchTo(row.name).catch((e: unknown) => {
      setBusy(false);
      p.flash(`cannot switch to context ${row.name}: ${formatError(e)}`, 'error');
    });
  });

  const note = switching ? undefined : SIM_NOTE;
  const tableHeight = Math.max(1, p.height - 1 - (note ? 2 : 0));
  const table = { header: HEADER, rows: (rows ?? []).map(tableRow) };
  return (
    <Box flexDirection="column" height={p.height}>
      <ResourceTable
        table={table} selected={selected} height={tableHeight} width={p.width} theme={p.theme} stale={false}
        emptyText={error ?? (rows ? 'No contexts in the kubeconfig.' : 'loading…')}
      />
      {note ? <Text> </Text> : null}
      {note ? <Text wrap="truncate-end">{note}</Text> : null}
    </Box>
  );
}

registerScreen({
  kind: 'custom',
  name: 'contexts',
  aliases: ['ctx', 'context'],
  render: (p) => <ContextsScreen {...p} />,
  help: [['enter', 'switch to the context (the dashboard reopens on it)'], ['j k', 'move']],
});
