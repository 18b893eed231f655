// `:xray deploy|svc [NAME]` and `x` on a Deployment or Service row: the tree of what the object
// runs (Deployment → ReplicaSets → Pods, Service → its endpoints' Pods), coloured by row state and
// kept current by watches; `enter` describes the object of the selected line.
import { Box, Text } from 'ink';
import { useScreenKeys } from './listNavigation.js';
import { useMemo } from 'react';
import { resolveResource } from '../../../backends/contract/resources.js';
import type { KubeObject } from '../../../backends/contract/types.js';
import { realScheduler } from '../../store/scheduler.js';
import { windowTop } from '../../store/selection.js';
import { color, selectionStyle, stateColor } from '../components/themeColor.js';
import { useLatestState } from '../hooks/useLatestState.js';
import { useResourceCache } from '../hooks/useResourceCache.js';
import { fit } from '../tableModel.js';
import { byController, deploymentTree, serviceTree, slicesByService, type XrayLine } from '../xray/xrayTree.js';
import { registerScreen, type CustomScreenProps } from './screenRegistry.js';

type XrayKind = 'deployments' | 'services';

export const XRAY_USAGE = 'usage: :xray deploy|svc [NAME] [-n NAMESPACE]';

/** What the screen shows: the words after `:xray`, or else the row selected when it opened. */
export function xraySubject(args: readonly string[], target: KubeObject | undefined): { kind: XrayKind; name?: string; namespace?: string } | { error: string } {
  if (args.length === 0) {
    if (target?.kind === 'Deployment') return { kind: 'deployments', name: target.metadata?.name, namespace: target.metadata?.namespace };
    if (target?.kind === 'Service') return { kind: 'services', name: target.metadata?.name, namespace: target.metadata?.namespace };
    return { error: XRAY_USAGE };
  }
  const words: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-n' || a === '--namespace') && args[i + 1]) namespace = args[++i];
    else if (a.startsWith('-n=') || a.startsWith('--namespace=')) namespace = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('-')) return { error: XRAY_USAGE };
    else words.push(a);
  }
  const info = words.length ? resolveResource(words[0]) : undefined;
  if (!info || (info.name !== 'deployments' && info.name !== 'services') || words.length > 2) return { error: XRAY_USAGE };
  return { kind: info.name, name: words[1], namespace };
}

const NO_QUERY = {};

function XrayScreen(p: CustomScreenProps) {
  const subject = useMemo(() => xraySubject(p.args, p.target), [p.args, p.target]);
  const kind = 'error' in subject ? undefined : subject.kind;
  const namespace = 'error' in subject ? undefined : subject.namespace ?? p.namespace;
  const query = useMemo(() => (namespace ? { namespace } : NO_QUERY), [namespace]);
  const opts = useMemo(() => ({ scheduler: p.scheduler ?? realScheduler }), [p.scheduler]);
  const deployments = useResourceCache(p.backend, kind === 'deployments' ? 'deployments' : undefined, query, opts);
  const replicaSets = useResourceCache(p.backend, kind === 'deployments' ? 'replicasets' : undefined, query, opts);
  const services = useResourceCache(p.backend, kind === 'services' ? 'services' : undefined, query, opts);
  const slices = useResourceCache(p.backend, kind === 'services' ? 'endpointslices' : undefined, query, opts);
  const pods = useResourceCache(p.backend, kind ? 'pods' : undefined, query, opts);
  // Read through refs: keys can come faster than frames.
  const [cursor, setCursor, cursorRef] = useLatestState(0);
  const [top, setTop, topRef] = useLatestState(0);

  const now = p.now();
  const name = 'error' in subject ? undefined : subject.name;
  const lines: XrayLine[] = useMemo(() => {
    if (!kind) return [];
    const matches = (o: KubeObject) => !name || o.metadata?.name === name;
    const order = (a: KubeObject, b: KubeObject) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`);
    let trees: XrayLine[][];
    if (kind === 'deployments') {
      const rsOf = byController(replicaSets.items), podsOf = byController(pods.items);
      trees = deployments.items.filter(matches).sort(order).map((d) => deploymentTree(d, rsOf, podsOf, now));
    } else {
      const slicesOf = slicesByService(slices.items);
      const podByKey = new Map(pods.items.map((p) => [`${p.metadata?.namespace}/${p.metadata?.name}`, p]));
      trees = services.items.filter(matches).sort(order).map((svc) => serviceTree(svc, slicesOf(svc), (ns, n) => podByKey.get(`${ns}/${n}`), now));
    }
    const out: XrayLine[] = [];
    for (const tree of trees) {
      const ns = tree[0].object?.namespace;
      if (!namespace) tree[0] = { ...tree[0], text: `${ns}/${tree[0].text}` };
      out.push(...tree);
    }
    return out;
    // `now` changes every frame; the tree follows the data.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, name, namespace, deployments, replicaSets, services, slices, pods]);

  // A tree drawn before all its parts are listed would show missing children.
  const used = kind === 'deployments' ? [deployments, replicaSets, pods] : kind === 'services' ? [services, slices, pods] : [];
  const loading = used.some((s) => s.status === 'loading');
  const bodyHeight = Math.max(1, p.height - 1);
  const selected = Math.min(cursor, Math.max(0, lines.length - 1));
  const shownTop = windowTop(selected, top, bodyHeight, lines.length);

  useScreenKeys('xray', (input, key) => {
    if (key.escape || input === 'q') return p.back();
    const sel = Math.min(cursorRef.current, Math.max(0, lines.length - 1));
    const move = (to: number) => {
      const i = Math.max(0, Math.min(lines.length - 1, to));
      setCursor(i);
      setTop(windowTop(i, windowTop(sel, topRef.current, bodyHeight, lines.length), bodyHeight, lines.length));
    };
    if (input === 'j' || key.downArrow) return move(sel + 1);
    if (input === 'k' || key.upArrow) return move(sel - 1);
    if (key.pageDown) return move(sel + bodyHeight - 1);
    if (key.pageUp) return move(sel - (bodyHeight - 1));
    if (input === 'g' || key.home) return move(0);
    if (input === 'G' || key.end) return move(lines.length - 1);
    if (key.return) {
      const o = lines[sel]?.object;
      if (o && p.describe) p.describe(o);
    }
  });

  const title = 'error' in subject
    ? subject.error
    : `xray ${kind === 'deployments' ? 'deployment' : 'service'} ${name ?? '(all)'} in ${namespace ?? 'all namespaces'}`;
  const out = [<Text key="title" bold color={color(p.theme, 'title')}>{fit(title, p.width)}</Text>];
  for (let i = 0; i < bodyHeight; i++) {
    const line = loading ? undefined : lines[shownTop + i];
    if (!line) {
      const empty = i === 0 && !('error' in subject)
        ? loading ? 'loading…' : `no ${kind === 'deployments' ? 'deployment' : 'service'}${name ? ` named "${name}"` : 's'} in ${namespace ?? 'any namespace'}`
        : ' ';
      out.push(<Text key={i}>{fit(empty, p.width)}</Text>);
      continue;
    }
    const style = shownTop + i === selected ? selectionStyle(p.theme) : { color: stateColor(p.theme, line.state) ?? color(p.theme, 'fg') };
    out.push(<Text key={i} {...style}>{fit(line.text, p.width)}</Text>);
  }
  return <Box flexDirection="column">{out}</Box>;
}

registerScreen({
  kind: 'custom',
  name: 'xray',
  aliases: [],
  render: (p) => <XrayScreen key={`${p.target?.metadata?.uid ?? ''}/${p.args.join(' ')}`} {...p} />,
  help: [
    ['j k ↑ ↓', 'move the selection'],
    ['g G', 'first / last line'],
    ['enter', 'describe the selected object'],
  ],
});
