// `l`: the log of a pod's container, followed as it grows (`kubectl logs -f`). On a Deployment or
// ReplicaSet, the log of the pod kubectl would pick. Keys: `c` next container, `f` follow on/off,
// `p` the previous (terminated) instance, `w` wrap, `g`/`G` top/bottom, esc back.
import { Box, Text } from 'ink';
import { useScreenKeys } from './listNavigation.js';
import { useEffect, useMemo, useState } from 'react';
import { isStatusError } from '../../../backends/contract/errors.js';
import type { KubeObject, Pod } from '../../../backends/contract/types.js';
import { formatError } from '../../ops/errors.js';
import { realScheduler } from '../../store/scheduler.js';
import { color } from '../components/themeColor.js';
import { fit } from '../tableModel.js';
import { wrapRows } from '../wrapRows.js';
import { defaultContainer, logContainers, logObjectOf, logSourceFor, workloadKind, type LogSource } from './logSource.js';
import { registerScreen, type CustomScreenProps } from './screenRegistry.js';

/**
 * Lines kept and shown: the tail of the log.
 * Deviation: `kubectl logs -f` streams; the screen reads the last LOG_TAIL lines again every
 * second (the contract has no log stream), so a burst longer than that between reads is cut.
 */
export const LOG_TAIL = 1000;
const POLL_MS = 1000;

interface View {
  container?: string;
  follow: boolean;
  previous: boolean;
  wrap: boolean;
  /** First display row shown when not following. */
  top: number;
}

/** The object to show: the one selected when the screen opened, or the one `:logs NAME` names. */
function useLogObject(p: CustomScreenProps): { obj?: KubeObject; error?: string } {
  const [found, setFound] = useState<{ obj?: KubeObject; error?: string }>(() => (p.args.length ? {} : p.target ? { obj: p.target } : { error: 'logs: select a pod, a deployment or a replicaset first (or :logs NAME)' }));
  useEffect(() => {
    const named = logObjectOf(p.args);
    if (!named) return;
    if ('error' in named) { setFound({ error: named.error }); return; }
    let live = true;
    p.backend.get(named.resource, p.namespace ?? 'default', named.name)
      .then((obj) => { if (live) setFound({ obj: obj as KubeObject }); }, (e: unknown) => { if (live) setFound({ error: formatError(e) }); });
    return () => { live = false; };
    // The screen is opened for one object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return found;
}

function LogsScreen(p: CustomScreenProps) {
  const scheduler = p.scheduler ?? realScheduler;
  const { obj, error: objError } = useLogObject(p);
  const [source, setSource] = useState<LogSource>();
  const [lines, setLines] = useState<string[]>([]);
  const [fetchError, setFetchError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [view, setView] = useState<View>({ follow: true, previous: false, wrap: false, top: 0 });
  const available = p.backend.capabilities.logs !== 'none';
  // Bumped when an owner's pod is gone (replaced in a rollout): its pod is chosen again.
  const [choice, setChoice] = useState(0);

  // The pod: fixed for a pod; for an owner, chosen again while it has none.
  useEffect(() => {
    if (!obj || !available) return;
    let live = true;
    let timer = { cancel() {} };
    const pick = () => {
      logSourceFor(p.backend, obj).then((s) => {
        if (!live) return;
        setSource(s);
        // kubectl prints this on stderr: the flash line is the dashboard's.
        if (s.pod && s.note) p.flash(s.note);
        if (s.pod) setView((v) => ({ ...v, container: v.container ?? defaultContainer(s.pod!) }));
        else timer = scheduler.after(POLL_MS, pick);
      }, (e: unknown) => { if (live) setSource({ note: formatError(e) }); });
    };
    pick();
    return () => { live = false; timer.cancel(); };
  }, [obj, available, p.backend, scheduler, choice]);

  const pod: Pod | undefined = source?.pod;
  const podName = pod?.metadata?.name;
  const podNamespace = pod?.metadata?.namespace ?? p.namespace ?? 'default';

  // The log: read now, and again every second while following.
  useEffect(() => {
    if (!podName || !view.container) return;
    let live = true;
    let timer = { cancel() {} };
    const read = () => {
      p.backend.logs(podNamespace, podName, view.container, LOG_TAIL, view.previous).then((l) => {
        if (!live) return;
        setLines(l);
        setFetchError(undefined);
        setLoaded(true);
      }, (e: unknown) => {
        if (!live) return;
        setFetchError(formatError(e));
        setLoaded(true);
        if (isStatusError(e, 'NotFound') && obj && workloadKind(obj) !== 'Pod') setChoice((c) => c + 1);
      }).finally(() => {
        if (live && view.follow) timer = scheduler.after(POLL_MS, read);
      });
    };
    // Turning follow off keeps the page as it is; anything else reads now.
    if (view.follow || !loaded) read();
    return () => { live = false; timer.cancel(); };
    // `loaded` is read, not watched: it is reset with the container or instance shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [podName, podNamespace, view.container, view.previous, view.follow, p.backend, scheduler]);

  const bodyHeight = Math.max(1, p.height - 1);
  const rows = useMemo(() => wrapRows(lines, p.width, view.wrap), [lines, p.width, view.wrap]);
  const bottom = Math.max(0, rows.length - bodyHeight);
  const top = view.follow ? bottom : Math.min(view.top, bottom);

  useScreenKeys('logs', (input, key) => {
    if (key.escape || input === 'q') return p.back();
    const containers = pod ? logContainers(pod) : [];
    const scrollTo = (t: number) => setView((v) => ({ ...v, follow: false, top: Math.max(0, Math.min(bottom, t)) }));
    if (input === 'c' && containers.length > 1) {
      setLines([]);
      setLoaded(false);
      return setView((v) => ({ ...v, container: containers[(containers.indexOf(v.container ?? '') + 1) % containers.length] }));
    }
    if (input === 'f') return setView((v) => ({ ...v, follow: !v.follow, top }));
    if (input === 'p') {
      setLines([]);
      setLoaded(false);
      return setView((v) => ({ ...v, previous: !v.previous }));
    }
    if (input === 'w') return setView((v) => ({ ...v, wrap: !v.wrap }));
    if (input === 'g' || key.home) return scrollTo(0);
    if (input === 'G' || key.end) return setView((v) => ({ ...v, top: bottom }));
    if (input === 'j' || key.downArrow) return scrollTo(top + 1);
    if (input === 'k' || key.upArrow) return scrollTo(top - 1);
    if (key.pageDown || input === ' ') return scrollTo(top + bodyHeight - 1);
    if (key.pageUp) return scrollTo(top - (bodyHeight - 1));
  });

  let body: string[];
  // Messages are wrapped to be read whole; log lines follow `w`.
  const message = (text: string) => wrapRows(text.split('\n'), p.width);
  if (!available) body = message('This cluster connection offers no logs (capabilities.logs: none).');
  else if (objError) body = message(objError);
  else if (!source) body = ['loading…'];
  else if (!pod) body = message(source.note ?? 'no pod to show');
  else if (fetchError) body = message(fetchError);
  else if (!loaded) body = ['loading…'];
  else if (rows.length === 0) body = [view.previous ? '(the previous instance printed nothing)' : '(no output yet)'];
  else body = rows.slice(top, top + bodyHeight);

  const containers = pod ? logContainers(pod) : [];
  const which = containers.length > 1 ? ` (${containers.indexOf(view.container ?? '') + 1}/${containers.length}, c: next)` : '';
  const title = pod
    ? `pod/${podName} container ${view.container ?? '?'}${which}${view.previous ? ' [previous]' : ''} · follow ${view.follow ? 'on' : 'off'} · wrap ${view.wrap ? 'on' : 'off'}`
    : 'logs';
  const out = [<Text key="title" bold color={color(p.theme, 'title')}>{fit(title, p.width)}</Text>];
  for (let i = 0; i < bodyHeight; i++) {
    out.push(<Text key={i} color={color(p.theme, 'fg')}>{body[i] === undefined ? ' ' : fit(body[i], p.width)}</Text>);
  }
  return <Box flexDirection="column">{out}</Box>;
}

registerScreen({
  kind: 'custom',
  name: 'logs',
  aliases: ['log'],
  render: (p) => <LogsScreen key={`${p.target?.metadata?.uid ?? ''}/${p.args.join(' ')}`} {...p} />,
  help: [
    ['c', 'next container'],
    ['f', 'follow new lines on/off'],
    ['p', 'previous (terminated) instance on/off'],
    ['w', 'wrap long lines on/off'],
    ['g G', 'top / bottom'],
    ['j k ↑ ↓', 'scroll'],
  ],
});
