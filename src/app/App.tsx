// The dashboard: header, the current screen (a windowed table, a text view, help or a dialog) and
// the prompt line, in a frame one line shorter than the terminal so Ink can redraw it line by line.
import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { VERSION_UNREACHABLE, type Backend, type ClusterIdentity, type ListOptions } from '../../backends/contract/backend.js';
import { RESOURCES } from '../../backends/contract/resources.js';
import type { Deployment, KubeObject, Secret } from '../../backends/contract/types.js';
import { describe, formatError } from '../ops/index.js';
import { Journal } from '../ops/journal.js';
import { deleteAndRecord, restartAndRecord, scaleAndRecord } from '../ops/journaledOps.js';
import { toYaml } from '../render/yaml.js';
import { objectKey } from '../store/objectKey.js';
import type { ResourceCacheOptions } from '../store/resourceCache.js';
import { describeFilter, NO_FILTER, parseRowFilter } from '../store/rowFilter.js';
import { nextSort, type SortColumn } from '../store/rowOrder.js';
import { realScheduler, type Scheduler } from '../store/scheduler.js';
import { clampIndex, reconcileSelection, windowTop } from '../store/selection.js';
import { DEFAULT_THEME, listThemes, loadTheme, type Theme } from '../theme/index.js';
import { completeCommand, parseCommand } from './commands.js';
import { Dialog as DialogBox } from './components/Dialog.js';
import { IdentityLine, TitleLine } from './components/Header.js';
import { ResourceTable } from './components/ResourceTable.js';
import { FlashLine, StaleBanner, type Flash } from './components/StatusLines.js';
import { maxTop, TextView } from './components/TextView.js';
import { color } from './components/themeColor.js';
import { useLatestState } from './hooks/useLatestState.js';
import { useResourceCache } from './hooks/useResourceCache.js';
import { useSearchWarmup } from './hooks/useSearchWarmup.js';
import { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
import { useTicker } from './hooks/useTicker.js';
import { createDashboardActions, DashboardActionsContext } from './journalActions.js';
import { historyKey } from './journalKeys.js';
import { dialogKeys, helpLines, hintLine, tableKeys, textViewKeys, type KeyHelp } from './keymap.js';
import { runEditor } from './edit/editorProcess.js';
import type { EditFileFn } from './edit/editObject.js';
import { applyAction, editAction, type PowerDeps } from './powerActions.js';
import { offersLogs, offersXray } from './powerKeys.js';
import { useRequestCounts, withRequestsColumn } from './trafficColumn.js';
import './screens/index.js';
import { screenByName, type CustomScreenDef, type Mutation, type ResourceScreenDef, type ScreenDef } from './screens/screenRegistry.js';
import { decodedSecret, revealSecretValues, withoutPlaintextAnnotation } from './secretView.js';
import {
  CANCEL, OK, POLICIES, tableFrame, type Dialog, type Frame, type Overlay, type Prompt, type TableFrame, type Target, type TextOverlay,
} from './state.js';
import { arrangeRows, fit, visibleTable } from './tableModel.js';
import type { ScenarioSession } from '../scenario/scenarioSession.js';
import { ScenarioPanel, scenarioPanelHeight } from './scenario/ScenarioPanel.js';
import { SCENARIO_KEYS, scenarioCommand, scenarioKey } from './scenario/scenarioKeys.js';
import { useScenario } from './scenario/useScenario.js';
import { saveCommand, type SaveSnapshot } from './saveCommand.js';

export interface AppProps {
  backend: Backend;
  /** Namespace to open; default: the context's. */
  namespace?: string;
  allNamespaces?: boolean;
  readonly?: boolean;
  /** A theme name, a theme file, or a loaded theme. */
  theme?: string | Theme;
  /** The cluster's clock (the simulated one on the simulator), for ages. */
  now?: () => number;
  /** Timers of the dashboard itself. */
  scheduler?: Scheduler;
  /** Minimum time between two frames caused by watch events. */
  frameIntervalMs?: number;
  /** Retry back-off of failed lists and watches. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often an open describe page is fetched again. */
  describeRefreshMs?: number;
  /** A standing line of information shown in the flash line when no flash is. */
  notice?: string;
  /** Fixed size (tests); default: the terminal's, following resizes. */
  size?: TerminalSize;
  onQuit?: () => void;
  /** Demo mode (the simulator only): the scenario being played and the traffic bars. */
  scenario?: ScenarioSession;
  /** `:save FILE` (the simulator only): writes the cluster's state as a snapshot file. */
  saveSnapshot?: SaveSnapshot;
  /** The undo journal (default: a new one); every change the dashboard makes is recorded in it. */
  journal?: Journal;
  /** Shows `e`'s file in the user's editor and returns what was saved (default: $EDITOR, no terminal handover). */
  editFile?: EditFileFn;
}

const FLASH_MS = 8000;

function isNested(stack: Frame[]): boolean {
  return stack.length > 1;
}

function targetOf(resource: TableFrame['resource'], obj: KubeObject): Target {
  return { resource, namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' };
}

function targetLabel(t: Target): string {
  const kind = RESOURCES[t.resource].singular;
  return t.namespace ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.name}`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}s` : `${Math.floor(s / 60)}m`;
}

export function App(props: AppProps) {
  const { backend, readonly = false } = props;
  const scheduler = props.scheduler ?? realScheduler;
  // Read through a ref: a caller's inline function must not count as a change.
  const nowRef = useRef(props.now ?? Date.now);
  nowRef.current = props.now ?? Date.now;
  const now = useCallback(() => nowRef.current(), []);
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const [theme, setTheme] = useState<Theme>(() => typeof props.theme === 'object' ? props.theme : loadTheme(props.theme ?? DEFAULT_THEME));
  const [identity, setIdentity] = useState<ClusterIdentity>();
  const [namespace, setNamespace] = useState<string | undefined>(props.allNamespaces ? undefined : props.namespace);
  const [nsReady, setNsReady] = useState(props.allNamespaces || props.namespace !== undefined);
  const [stack, setStack, stackRef] = useLatestState<Frame[]>([tableFrame('pods', 'pods', ['pods'])]);
  const [overlay, setOverlay, overlayRef] = useLatestState<Overlay | undefined>(undefined);
  const [dialog, setDialog, dialogRef] = useLatestState<Dialog | undefined>(undefined);
  const [prompt, setPrompt, promptRef] = useLatestState<Prompt | undefined>(undefined);
  const [flash, setFlashState] = useState<Flash>();
  const [wide, setWide] = useState(false);
  const [quitting, setQuitting] = useState(false);
  const flashTimer = useRef<{ cancel(): void }>(undefined);
  const tick = useTicker(scheduler, 1000);
  const demo = useScenario(props.scenario, scheduler);

  const flashMsg = useCallback((text: string, level: Flash['level'] = 'info') => {
    flashTimer.current?.cancel();
    setFlashState({ text, level });
    flashTimer.current = scheduler.after(FLASH_MS, () => setFlashState(undefined));
  }, [scheduler]);
  useEffect(() => () => flashTimer.current?.cancel(), []);
  const [journal] = useState(() => props.journal ?? new Journal(now));

  useEffect(() => {
    let live = true;
    backend.identity().then((id) => {
      if (!live) return;
      setIdentity(id);
      if (!nsReady) { setNamespace(id.namespace || 'default'); setNsReady(true); }
    }, (e: unknown) => {
      if (!live) return;
      flashMsg(`cannot reach the cluster: ${formatError(e)}`, 'error');
      if (!nsReady) { setNamespace('default'); setNsReady(true); }
    });
    return () => { live = false; };
    // Identity is asked once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend]);

  useEffect(() => {
    if (!quitting) return;
    props.onQuit?.();
    exit();
  }, [quitting, exit, props]);

  // ------------------------------------------------------------------ layout
  const frameHeight = Math.max(6, size.rows - 1);
  const width = Math.max(20, size.columns);
  const frame = stack[stack.length - 1];
  const def = screenByName(frame.screen);
  const resourceDef = def?.kind === 'resource' ? def : undefined;
  const tableFrameNow = frame.kind === 'table' ? frame : undefined;

  // ------------------------------------------------------------------ data
  const query: ListOptions = useMemo(() => {
    if (!tableFrameNow) return {};
    if (tableFrameNow.query) return tableFrameNow.query;
    return RESOURCES[tableFrameNow.resource].namespaced && namespace ? { namespace } : {};
  }, [tableFrameNow, namespace]);
  const cacheOpts: ResourceCacheOptions = useMemo(() => ({
    scheduler, frameIntervalMs: props.frameIntervalMs, initialBackoffMs: props.initialBackoffMs, maxBackoffMs: props.maxBackoffMs,
  }), [scheduler, props.frameIntervalMs, props.initialBackoffMs, props.maxBackoffMs]);
  const snap = useResourceCache(backend, nsReady ? tableFrameNow?.resource : undefined, query, cacheOpts);
  useSearchWarmup(scheduler, tableFrameNow?.resource, snap.items, now);
  // A server that could not be asked for its version when the dashboard opened: ask again once data arrives.
  const askIdentityAgain = identity?.version === VERSION_UNREACHABLE && snap.status === 'ready';
  useEffect(() => {
    if (!askIdentityAgain) return;
    let live = true;
    backend.identity().then((id) => { if (live) setIdentity(id); }, () => {});
    return () => { live = false; };
  }, [askIdentityAgain, backend]);
  const actions = useMemo(() => createDashboardActions({
    backend, journal, readonly, flash: flashMsg, scheduler, cacheOptions: cacheOpts,
    confirm: (c) => setDialog({ kind: 'confirm', ...c, focus: CANCEL }),
  }), [backend, journal, readonly, flashMsg, scheduler, cacheOpts, setDialog]);

  const nowMs = now();
  const arranged = useMemo(() => tableFrameNow
    ? arrangeRows(snap.items, { resource: tableFrameNow.resource, filter: tableFrameNow.filter, sort: tableFrameNow.sort, ownerUid: tableFrameNow.ownerUid, now: nowMs })
    : [],
  // `now` only dates cached cells used for search and status sort; a new frame of data re-arranges.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  [snap, tableFrameNow?.resource, tableFrameNow?.filter, tableFrameNow?.sort, tableFrameNow?.ownerUid]);
  const keys = useMemo(() => arranged.map(objectKey), [arranged]);

  const stale = snap.status === 'stale';
  const panelHeight = scenarioPanelHeight(demo.active, frameHeight);
  const fixedLines = 4 + (stale ? 1 : 0) + panelHeight;
  const bodyHeight = Math.max(1, frameHeight - fixedLines);
  const rowsHeight = Math.max(1, bodyHeight - 1);

  const selected = tableFrameNow ? reconcileSelection(keys, tableFrameNow.selectedKey, tableFrameNow.selectedIndex) : 0;
  const top = tableFrameNow ? windowTop(selected, tableFrameNow.top, rowsHeight, arranged.length) : 0;
  const requestCounts = useRequestCounts(backend, tableFrameNow?.service, arranged, arranged.slice(top, top + rowsHeight), scheduler);
  const selectedObj: KubeObject | undefined = arranged[selected];
  const showNamespace = !!tableFrameNow && RESOURCES[tableFrameNow.resource].namespaced && !query.namespace;

  // ------------------------------------------------------------------ state helpers
  const updateTop = (f: (t: TableFrame) => TableFrame) => setStack((s) => {
    const last = s[s.length - 1];
    return last.kind === 'table' ? [...s.slice(0, -1), f(last)] : s;
  });

  /** Moves the selection from where the frame's state has it now (keys may come faster than frames). */
  const select = (index: (current: number) => number) => updateTop((t) => {
    const cur = reconcileSelection(keys, t.selectedKey, t.selectedIndex);
    const i = clampIndex(index(cur), arranged.length);
    return { ...t, selectedIndex: i, selectedKey: keys[i], top: windowTop(i, windowTop(cur, t.top, rowsHeight, arranged.length), rowsHeight, arranged.length) };
  });

  const openScreen = (d: ScreenDef, opts: { push?: boolean; query?: ListOptions; ownerUid?: string; crumbs?: string[]; args?: string[]; target?: KubeObject; service?: TableFrame['service'] } = {}) => {
    const crumbs = opts.crumbs ?? [d.name];
    const f: Frame = d.kind === 'resource'
      ? tableFrame(d.name, d.resource, crumbs, { query: opts.query, ownerUid: opts.ownerUid, service: opts.service })
      : { kind: 'custom', screen: d.name, crumbs, args: opts.args ?? [], target: opts.target };
    setOverlay(undefined);
    setStack((s) => opts.push ? [...s, f] : [f]);
  };

  const back = () => {
    if (stackRef.current.length > 1) setStack((s) => s.slice(0, -1));
  };

  const refuseReadonly = (what: Mutation): boolean => {
    if (!readonly) return false;
    flashMsg(`read-only mode: ${what} is disabled`, 'error');
    return true;
  };

  const offers = (m: Mutation) => !!resourceDef?.mutations.includes(m);

  const powerDeps = (): PowerDeps => ({
    backend, readonly, journal, namespace: namespace ?? identity?.namespace ?? 'default', width,
    editFile: props.editFile ?? (async (f) => runEditor(f)), flash: flashMsg,
    showText: (title, lines) => setOverlay({ kind: 'text', mode: 'output', title, target: { resource: 'pods', name: '' }, lines, top: 0, left: 0, decoded: false, loading: false }),
  });

  const openPowerScreen = (name: 'logs' | 'xray', obj: KubeObject, args: string[]) => {
    const d = screenByName(name);
    if (d) openScreen(d, { push: true, target: obj, args, crumbs: [...frame.crumbs, obj.metadata?.name ?? '', name] });
  };

  // ------------------------------------------------------------------ text views
  const loadText = useCallback(async (mode: TextOverlay['mode'], target: Target, decoded: boolean): Promise<string[]> => {
    const secret = target.resource === 'secrets';
    if (mode === 'describe') {
      let text = await describe(backend, target.resource, target.namespace, target.name, now());
      if (secret && decoded) text = revealSecretValues(text, await backend.get('secrets', target.namespace, target.name));
      return text.replace(/\n+$/, '').split('\n');
    }
    const obj = await backend.get(target.resource, target.namespace, target.name) as KubeObject;
    const shown = secret ? (decoded ? decodedSecret(obj as Secret) : withoutPlaintextAnnotation(obj)) : obj;
    return toYaml(shown, { hideManagedFields: true, maskSecrets: secret && !decoded }).replace(/\n+$/, '').split('\n');
  }, [backend, now]);

  const openText = (mode: TextOverlay['mode'], target: Target, decoded = false, keepTop = 0) => {
    setOverlay({ kind: 'text', mode, target, lines: ['loading…'], top: keepTop, left: 0, decoded, loading: true });
    loadText(mode, target, decoded).then(
      (lines) => setOverlay((o) => o?.kind === 'text' && o.mode === mode && o.target === target && o.decoded === decoded
        ? { ...o, lines, loading: false, top: Math.min(o.top, maxTop(lines.length, bodyHeight)) } : o),
      (e: unknown) => {
        setOverlay((o) => (o?.kind === 'text' && o.target === target ? undefined : o));
        flashMsg(formatError(e), 'error');
      },
    );
  };

  // An open describe page follows the object: fetched again every few seconds.
  const describeTick = useTicker(scheduler, props.describeRefreshMs ?? 2000);
  useEffect(() => {
    const o = overlayRef.current;
    if (o?.kind !== 'text' || o.mode !== 'describe' || o.loading) return;
    let live = true;
    loadText(o.mode, o.target, o.decoded).then((lines) => {
      if (live) setOverlay((cur) => cur?.kind === 'text' && cur.target === o.target && cur.mode === o.mode ? { ...cur, lines } : cur);
    }, () => { /* keep the last page; the banner or flash reports outages */ });
    return () => { live = false; };
  }, [describeTick, loadText]);

  // ------------------------------------------------------------------ actions
  const run = (p: Promise<string>) => {
    p.then((msg) => flashMsg(msg), (e: unknown) => flashMsg(formatError(e), 'error'));
  };

  const confirmDialog = (d: Dialog) => {
    setDialog(undefined);
    const t = d.target;
    switch (d.kind) {
      case 'delete': return run(deleteAndRecord(backend, journal, t.resource, t.namespace, t.name, { propagationPolicy: d.policy }));
      case 'kill': return run(deleteAndRecord(backend, journal, 'pods', t.namespace, t.name, { gracePeriodSeconds: 0 }));
      case 'restart': return run(restartAndRecord(backend, journal, t.namespace ?? '', t.name, now()));
      case 'confirm': return d.run();
      case 'scale': {
        const n = Number(d.value);
        if (d.value === '' || !Number.isInteger(n) || n < 0) return flashMsg(`scale: "${d.value}" is not a number of replicas`, 'error');
        return run(scaleAndRecord(backend, journal, d.target.resource, t.namespace ?? '', t.name, n));
      }
    }
  };

  const executeCommand = (text: string) => {
    const cmd = parseCommand(text);
    switch (cmd.kind) {
      case 'none': return;
      case 'quit': return setQuitting(true);
      case 'error': return flashMsg(cmd.message, 'error');
      case 'theme':
        try {
          setTheme(loadTheme(cmd.name));
          flashMsg(`theme ${cmd.name}`);
        } catch (e) {
          flashMsg((e as Error).message, 'error');
        }
        return;
      case 'scenario': return scenarioCommand(cmd.arg, props.scenario, flashMsg, readonly);
      case 'save': return saveCommand(cmd.file, cmd.force, props.saveSnapshot, flashMsg);
      case 'apply': return applyAction(powerDeps(), cmd.args);
      case 'screen':
        if (cmd.def.kind === 'resource' && cmd.namespace !== undefined) setNamespace(cmd.namespace ?? undefined);
        return openScreen(cmd.def, { args: cmd.args, target: selectedObj });
    }
  };

  /** The selected object as the keys before this one left it, even if no frame has been drawn since. */
  const liveSelection = (): KubeObject | undefined => {
    const live = stackRef.current[stackRef.current.length - 1];
    if (!tableFrameNow || live.kind !== 'table' || live.screen !== tableFrameNow.screen || live.crumbs.join('/') !== tableFrameNow.crumbs.join('/')) return selectedObj;
    return arranged[reconcileSelection(keys, live.selectedKey, live.selectedIndex)];
  };

  const drill = () => {
    const selectedObj = liveSelection();
    if (!tableFrameNow || !selectedObj || !resourceDef) return;
    const d = resourceDef.drill?.(selectedObj);
    if (!d) return openText('describe', targetOf(tableFrameNow.resource, selectedObj));
    if ('error' in d) return flashMsg(d.error, 'error');
    const next = screenByName(d.screen);
    if (!next) return;
    if (d.switchNamespace) setNamespace(d.switchNamespace);
    openScreen(next, { push: true, query: d.query, ownerUid: d.ownerUid, service: d.service, crumbs: [...frame.crumbs, selectedObj.metadata?.name ?? '', next.name] });
  };

  // ------------------------------------------------------------------ keys
  const onTableKey = (input: string, key: Key) => {
    if (!tableFrameNow) return;
    const page = Math.max(1, rowsHeight - 1);
    const liveObj = liveSelection();
    const target = liveObj ? targetOf(tableFrameNow.resource, liveObj) : undefined;
    if (key.ctrl) {
      if (input === 'f') return select((c) => c + page);
      if (input === 'b') return select((c) => c - page);
      if (input === 'w') return setWide((w) => !w);
      if (input === 'z') return actions.undoLast();
      if (input === 'd' && offers('delete') && target) {
        if (refuseReadonly('delete')) return;
        return setDialog({ kind: 'delete', target, policy: 'Background', focus: CANCEL });
      }
      if (input === 'k' && offers('kill') && target) {
        if (refuseReadonly('kill')) return;
        return setDialog({ kind: 'kill', target, focus: CANCEL });
      }
      return;
    }
    if (input === ':') return setPrompt({ kind: 'command', text: '', candidates: [] });
    if (input === '/') return setPrompt({ kind: 'filter', text: describeFilter(tableFrameNow.filter), candidates: [], previous: tableFrameNow.filter });
    if (key.escape) {
      if (tableFrameNow.filter.kind !== 'none') return updateTop((t) => ({ ...t, filter: NO_FILTER }));
      return back();
    }
    if (key.return) return drill();
    if (input === 'j' || key.downArrow) return select((c) => c + 1);
    if (input === 'k' || key.upArrow) return select((c) => c - 1);
    if (key.pageDown) return select((c) => c + page);
    if (key.pageUp) return select((c) => c - page);
    if (input === 'g' || key.home) return select(() => 0);
    if (input === 'G' || key.end) return select(() => arranged.length - 1);
    if (input === '?') return setOverlay({ kind: 'help', top: 0 });
    if (input === '0') {
      setNamespace(undefined);
      return flashMsg('all namespaces');
    }
    const sortKeys: Record<string, SortColumn> = { N: 'name', A: 'age', S: 'status' };
    if (sortKeys[input]) return updateTop((t) => ({ ...t, sort: nextSort(t.sort, sortKeys[input]) }));
    if (input === 'q') return isNested(stackRef.current) ? back() : setQuitting(true);
    if (!target || !liveObj) return;
    if (input === 'd') return openText('describe', target);
    if (input === 'y') return openText('yaml', target);
    if (input === 'e') return editAction(powerDeps(), target);
    if (input === 'l' && offersLogs(tableFrameNow.resource)) return openPowerScreen('logs', liveObj, []);
    if (input === 'x' && offersXray(tableFrameNow.resource)) {
      return openPowerScreen('xray', liveObj, [tableFrameNow.resource === 'services' ? 'svc' : 'deploy', target.name, '-n', target.namespace ?? 'default']);
    }
    if (input === 's' && offers('scale')) {
      if (refuseReadonly('scale')) return;
      const current = (liveObj as { spec?: { replicas?: number } }).spec?.replicas ?? 1;
      return setDialog({ kind: 'scale', target: { ...target, resource: tableFrameNow.resource as 'deployments' | 'replicasets' }, value: String(current), focus: OK });
    }
    if (input === 'r' && offers('restart')) {
      if (refuseReadonly('restart')) return;
      return setDialog({ kind: 'restart', target, focus: CANCEL });
    }
    if (input === 'u' && offers('undo')) return actions.rollback(liveObj as Deployment);
    if (input === 'h') {
      const h = historyKey(tableFrameNow.resource, liveObj);
      if (h === undefined) return;
      if ('error' in h) return flashMsg(h.error, 'error');
      return openScreen(h.def, { push: true, target: liveObj, crumbs: [...frame.crumbs, target.name, h.def.name] });
    }
  };

  const onTextKey = (o: TextOverlay, input: string, key: Key) => {
    const limit = maxTop(o.lines.length, bodyHeight);
    const scrollTo = (t: number) => setOverlay({ ...o, top: Math.max(0, Math.min(limit, t)) });
    if (key.escape || input === 'q') return setOverlay(undefined);
    if (input === 'j' || key.downArrow) return scrollTo(o.top + 1);
    if (input === 'k' || key.upArrow) return scrollTo(o.top - 1);
    if (key.pageDown || input === ' ' || (key.ctrl && input === 'f')) return scrollTo(o.top + bodyHeight - 1);
    if (key.pageUp || (key.ctrl && input === 'b')) return scrollTo(o.top - (bodyHeight - 1));
    if (input === 'g' || key.home) return scrollTo(0);
    if (input === 'G' || key.end) return scrollTo(limit);
    const widest = o.lines.reduce((w, l) => Math.max(w, l.length), 0);
    if (input === 'l' || key.rightArrow) return setOverlay({ ...o, left: Math.min(Math.max(0, widest - width + 1), o.left + Math.floor(width / 2)) });
    if (input === 'h' || key.leftArrow) return setOverlay({ ...o, left: Math.max(0, o.left - Math.floor(width / 2)) });
    if (input === 'x' && o.target.resource === 'secrets') return openText(o.mode, o.target, !o.decoded, o.top);
    if (input === 'e' && o.mode !== 'output') return editAction(powerDeps(), o.target);
    if (input === '?') return setOverlay({ kind: 'help', top: 0, over: o });
  };

  const onDialogKey = (d: Dialog, input: string, key: Key) => {
    if (key.escape) return setDialog(undefined);
    if (key.leftArrow || key.rightArrow || key.tab) return setDialog({ ...d, focus: d.focus === OK ? CANCEL : OK });
    if (key.return) return d.focus === OK ? confirmDialog(d) : setDialog(undefined);
    if (d.kind === 'delete' && input === 'p') {
      return setDialog({ ...d, policy: POLICIES[(POLICIES.indexOf(d.policy) + 1) % POLICIES.length] });
    }
    if (d.kind === 'scale') {
      if (key.backspace || key.delete) return setDialog({ ...d, value: d.value.slice(0, -1) });
      if (/^\d+$/.test(input)) return setDialog({ ...d, value: (d.value + input).replace(/^0+(?=\d)/, '').slice(0, 6) });
    }
  };

  const onPromptKey = (p: Prompt, input: string, key: Key) => {
    if (key.escape) {
      if (p.kind === 'filter' && p.previous) { const prev = p.previous; updateTop((t) => ({ ...t, filter: prev })); }
      return setPrompt(undefined);
    }
    if (key.return) {
      setPrompt(undefined);
      if (p.kind === 'command') return executeCommand(p.text);
      try {
        const f = parseRowFilter(p.text);
        updateTop((t) => ({ ...t, filter: f }));
      } catch (e) {
        if (p.previous) { const prev = p.previous; updateTop((t) => ({ ...t, filter: prev })); }
        flashMsg(formatError(e), 'error');
      }
      return;
    }
    if (key.tab && p.kind === 'command') {
      const c = completeCommand(p.text, listThemes());
      return setPrompt({ ...p, text: c.text, candidates: c.candidates.length > 1 ? c.candidates : [] });
    }
    if (key.backspace || key.delete) return editPrompt(p, p.text.slice(0, -1));
    if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow) {
      editPrompt(p, p.text + input);
    }
  };

  /** The filter applies as it is typed, whenever it parses, in the same frame as the text. */
  const editPrompt = (p: Prompt, text: string) => {
    setPrompt({ ...p, text, candidates: [] });
    if (p.kind !== 'filter') return;
    try {
      const f = parseRowFilter(text);
      updateTop((t) => ({ ...t, filter: f, selectedIndex: 0, selectedKey: undefined }));
    } catch { /* an incomplete selector: keep the last one that parsed */ }
  };

  // The handler of the latest render, called through a stable function: Ink re-subscribes a
  // changed handler only after the frame is drawn, and a key arriving in between must not meet an
  // older frame's state.
  const onKey = useRef<(input: string, key: Key) => void>(() => {});
  const stableOnKey = useCallback((input: string, key: Key) => {
    // Keys typed faster than the terminal is read (or pasted) arrive as one chunk: one key each.
    if (input.length > 1 && !key.ctrl && !key.meta) {
      for (const ch of input) onKey.current(...keyOf(ch, key));
      return;
    }
    onKey.current(input, key);
  }, []);
  useInput(stableOnKey);
  onKey.current = (input, key) => {
    if (quitting) return;
    if (key.ctrl && input === 'c') return setQuitting(true);
    if (dialogRef.current) return onDialogKey(dialogRef.current, input, key);
    if (promptRef.current) return onPromptKey(promptRef.current, input, key);
    const o = overlayRef.current;
    if (o?.kind === 'help') {
      if (key.escape || input === 'q' || input === '?') return setOverlay(o.over);
      if (input === 'j' || key.downArrow) return setOverlay({ ...o, top: o.top + 1 });
      if (input === 'k' || key.upArrow) return setOverlay({ ...o, top: Math.max(0, o.top - 1) });
      return;
    }
    if (o?.kind === 'text') return onTextKey(o, input, key);
    if (scenarioKey(input, props.scenario, flashMsg, readonly)) return;
    if (frame.kind === 'custom') {
      // A custom screen handles its own keys; the dashboard keeps `:` and `?`.
      if (input === ':') return setPrompt({ kind: 'command', text: '', candidates: [] });
      if (input === '?') return setOverlay({ kind: 'help', top: 0 });
      // The journal screen undoes its selected entry with ctrl-z itself.
      if (key.ctrl && input === 'z' && frame.screen !== 'journal') return actions.undoLast();
      return actions.screenKeys.dispatch(frame.screen, input, key);
    }
    onTableKey(input, key);
  };

  // ------------------------------------------------------------------ drawing
  if (quitting) return null;

  const helpKeys = (): KeyHelp[] => {
    if (dialog) return dialogKeys(dialog.kind === 'delete');
    const text = overlay?.kind === 'text' ? overlay : overlay?.kind === 'help' ? overlay.over : undefined;
    if (text) return textViewKeys(text.target.resource === 'secrets', !readonly && text.mode !== 'output');
    if (frame.kind === 'custom') {
      const c = def as CustomScreenDef | undefined;
      return [
        ...(c?.help ?? []).filter(([, , m]) => !(readonly && m)).map(([k, w]) => ({ key: k, what: w, hint: w.split(' ')[0] })),
        { key: ':', what: 'command', hint: 'command' }, { key: '?', what: 'this help', hint: 'help' }, { key: 'esc q', what: 'back', hint: 'back' },
      ];
    }
    return [...(demo.view ? SCENARIO_KEYS : []), ...(resourceDef ? tableKeys(resourceDef, readonly, isNested(stack)) : [])];
  };

  const scopeText = tableFrameNow && RESOURCES[tableFrameNow.resource].namespaced ? (query.namespace ?? 'all') : undefined;
  const crumbs = overlay?.kind === 'text'
    ? overlay.mode === 'output' ? [...frame.crumbs, overlay.title ?? 'output'] : [...frame.crumbs, overlay.target.name, overlay.mode === 'yaml' ? 'yaml' : 'describe']
    : overlay?.kind === 'help' ? [...frame.crumbs, 'help'] : frame.crumbs;
  const sortText = tableFrameNow?.sort.column ? `${tableFrameNow.sort.column}${tableFrameNow.sort.descending ? '↓' : '↑'}` : undefined;

  let body;
  if (dialog) {
    body = <DialogBox {...dialogView(dialog)} height={bodyHeight} width={width} theme={theme} />;
  } else if (overlay?.kind === 'help') {
    const lines = helpLines(helpKeys()).map(([k, w]) => `  ${k.padEnd(12)}${w}`);
    const all = ['Keys of this screen:', '', ...lines];
    body = <TextView lines={all} top={Math.min(overlay.top, maxTop(all.length, bodyHeight))} height={bodyHeight} width={width} theme={theme} />;
  } else if (overlay?.kind === 'text') {
    body = <TextView lines={overlay.lines} top={overlay.top} left={overlay.left} height={bodyHeight} width={width} theme={theme} />;
  }
  // A custom screen stays mounted, hidden, under a dialog or an overlay, so it keeps its state.
  const customFrame = frame.kind === 'custom' ? frame : undefined;
  const custom = customFrame && (def as CustomScreenDef | undefined)?.render({
    backend, namespace, target: customFrame.target, args: customFrame.args, width, height: bodyHeight, theme, readonly, now,
    flash: flashMsg, back, scheduler, describe: (t) => openText('describe', t),
  });
  if (body) { /* a dialog or an overlay */ } else if (frame.kind === 'custom') {
    body = custom ?? <Text> </Text>;
  } else if (tableFrameNow) {
    const rows = visibleTable(arranged, top, rowsHeight, { resource: tableFrameNow.resource, wide, showNamespace, now: nowMs });
    const table = tableFrameNow.service && requestCounts.enabled ? withRequestsColumn(rows, requestCounts.counts) : rows;
    const empty = !nsReady || snap.status === 'loading' ? 'loading…'
      : snap.status === 'stale' && snap.lastSync === undefined ? ''
      : tableFrameNow.filter.kind !== 'none' ? 'No resources match the filter.'
      : scopeText && scopeText !== 'all' ? `No resources found in ${scopeText} namespace.` : 'No resources found';
    body = <ResourceTable table={table} selected={selected - top} height={rowsHeight} width={width} theme={theme} stale={stale} emptyText={empty} />;
  }

  // The facts first (stale, since when, next retry), the error last: a narrow terminal cuts the end.
  const banner = stale && snap.retryAt === undefined
    ? `✗ ${snap.lastSync === undefined ? '' : 'data STALE: '}${snap.error ?? 'unknown error'} (not retried: open the screen again to retry)`
    : stale
    ? snap.lastSync === undefined
      ? `✗ cannot reach the cluster (retry in ${ago((snap.retryAt ?? nowMs) - scheduler.now())}): ${snap.error ?? 'unknown error'}`
      : `✗ cluster unreachable, data STALE (updated ${ago(scheduler.now() - snap.lastSync)} ago, retry in ${ago((snap.retryAt ?? 0) - scheduler.now())}): ${snap.error ?? 'unknown error'}`
    : undefined;
  void tick;

  return (
    <Box flexDirection="column" width={width} height={frameHeight} backgroundColor={color(theme, 'bg')}>
      <IdentityLine identity={identity} namespace={namespace} readonly={readonly} width={width} theme={theme} />
      <TitleLine
        crumbs={crumbs} scope={overlay ? undefined : scopeText} count={overlay || !tableFrameNow ? undefined : arranged.length}
        filter={tableFrameNow && !overlay ? describeFilter(tableFrameNow.filter) : undefined} sort={overlay ? undefined : sortText}
        width={width} theme={theme}
      />
      <FlashLine flash={flash ?? (props.notice ? { text: props.notice, level: 'info' } : undefined)} width={width} theme={theme} />
      {banner ? <StaleBanner text={banner} width={width} theme={theme} /> : null}
      <Box flexDirection="column" height={bodyHeight}><DashboardActionsContext.Provider value={actions}>
        {custom ? <Box display={body === custom ? 'flex' : 'none'} flexDirection="column">{custom}</Box> : null}
        {body === custom ? null : body}
      </DashboardActionsContext.Provider></Box>
      {panelHeight ? <ScenarioPanel view={demo.view} traffic={demo.traffic} width={width} height={panelHeight} theme={theme} /> : null}
      <BottomLine prompt={prompt} keys={helpKeys()} width={width} theme={theme} />
    </Box>
  );
}

/** The key event Ink would have given for one character typed on its own. */
function keyOf(ch: string, template: Key): [string, Key] {
  const none: Key = { ...template, return: false, tab: false, backspace: false, delete: false, escape: false, shift: false, ctrl: false, meta: false };
  if (ch === '\r' || ch === '\n') return ['', { ...none, return: true }];
  if (ch === '\t') return ['', { ...none, tab: true }];
  if (ch === '\x7f' || ch === '\b') return ['', { ...none, backspace: true }];
  return [ch, { ...none, shift: /[A-Z]/.test(ch) }];
}

function dialogView(d: Dialog): { title: string; lines: string[]; buttons: string[]; focus: number } {
  const t = d.target;
  switch (d.kind) {
    case 'delete':
      return { title: `Delete ${targetLabel(t)}?`, lines: [`Propagation policy: ${d.policy}   (p: ${POLICIES.join(' / ')})`], buttons: ['Cancel', 'Delete'], focus: d.focus };
    case 'kill':
      return { title: `Kill ${targetLabel(t)}?`, lines: ['The pod is removed at once (grace period 0).'], buttons: ['Cancel', 'Kill'], focus: d.focus };
    case 'restart':
      return { title: `Restart ${targetLabel(t)}?`, lines: ['Every pod is replaced by a rolling update.'], buttons: ['Cancel', 'Restart'], focus: d.focus };
    case 'scale':
      return { title: `Scale ${targetLabel(t)}`, lines: [`Replicas: ${d.value}█`], buttons: ['Cancel', 'Scale'], focus: d.focus };
    case 'confirm':
      return { title: d.title, lines: d.lines, buttons: ['Cancel', d.button], focus: d.focus };
  }
}

function BottomLine({ prompt, keys, width, theme }: { prompt?: Prompt; keys: KeyHelp[]; width: number; theme: Theme }) {
  if (prompt) {
    const lead = prompt.kind === 'command' ? ':' : '/';
    const hint = prompt.candidates.length ? `   ${prompt.candidates.join(' ')}` : '';
    return <Text wrap="truncate-end" color={color(theme, 'prompt')}>{fit(`${lead}${prompt.text}█${hint}`, width)}</Text>;
  }
  return <Text wrap="truncate-end" color={color(theme, 'key')}>{fit(hintLine(keys), width)}</Text>;
}
