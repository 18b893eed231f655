// kdash's dashboard entry point: renders <App> on the terminal until the user quits.
import { render } from 'ink';
import type { Backend } from '../../backends/contract/backend.js';
import { DEFAULT_THEME, loadTheme } from '../theme/index.js';
import { App } from './App.js';
import { TerminalScreen } from './terminalScreen.js';
import { SwitchableDashboard, type ContextSwitcher } from './contextSwitching.js';
import { runEditor, terminalHandover, type EditorFile } from './edit/editorProcess.js';
import type { ScenarioSession } from '../scenario/scenarioSession.js';
import { signalFirstFrame } from './firstFrameSignal.js';

export { App, type AppProps } from './App.js';
export { registerScreen, type CustomScreenDef, type CustomScreenProps, type ScreenDef } from './screens/screenRegistry.js';

export interface DashboardOptions {
  namespace?: string;
  allNamespaces?: boolean;
  readonly?: boolean;
  /** A theme name (dark, light, mono, colorblind) or a theme file. */
  theme?: string;
  /** A standing line of information (e.g. where the simulator is served), shown when no flash is. */
  notice?: string;
  /** The cluster's clock for ages; the simulator passes its own (it may run faster than real time). */
  now?: () => number;
  /** Demo mode: the scenario session (the simulator only). */
  scenario?: ScenarioSession;
  /** `:save FILE` (the simulator only): writes the cluster's state as a snapshot file. */
  saveSnapshot?: (file: string) => void;
  /** Live clusters: `:ctx` lists the kubeconfig's contexts and reopens the dashboard on another. */
  contexts?: { current: string; switcher: ContextSwitcher };
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/**
 * Runs the dashboard; resolves when the user quits. A bad theme throws (a ThemeError naming the
 * file and key) before the terminal is touched. On a terminal the dashboard draws on the
 * alternate screen, so quitting gives back the terminal exactly as it was.
 */
export async function startDashboard(backend: Backend, opts: DashboardOptions = {}): Promise<void> {
  const theme = loadTheme(opts.theme ?? DEFAULT_THEME);
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  // `e` lends the terminal to the editor: the screen (once it exists) and raw mode come back after.
  const lent: { screen?: TerminalScreen } = {};
  const editFile = async (f: EditorFile) => runEditor(f, terminalHandover(() => lent.screen, stdin));
  const appOn = (backend: Backend) => <App backend={backend} namespace={opts.namespace} allNamespaces={opts.allNamespaces} readonly={opts.readonly} theme={theme} now={opts.now} notice={opts.notice} scenario={opts.scenario} saveSnapshot={opts.saveSnapshot} editFile={editFile} />;
  const app = opts.contexts ? <SwitchableDashboard backend={backend} context={opts.contexts.current} switcher={opts.contexts.switcher} render={appOn} /> : appOn(backend);
  if (!stdout.isTTY) {
    // Not a terminal (piped, recorded): Ink's own renderer.
    const instance = render(app, { stdout, stdin, exitOnCtrlC: false });
    signalFirstFrame();
    await instance.waitUntilExit();
    return;
  }
  const screen = new TerminalScreen(stdout);
  screen.start();
  lent.screen = screen;
  // Debug mode hands every frame whole to the screen, which writes only the changed lines.
  const instance = render(app, { stdout: screen as unknown as NodeJS.WriteStream, stdin, exitOnCtrlC: false, debug: true, patchConsole: false });
  signalFirstFrame();
  // Whatever ends the process, the terminal gets its screen and cursor back.
  const restore = () => screen.stop();
  const onSignal = () => instance.unmount();
  process.once('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    screen.stop();
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
