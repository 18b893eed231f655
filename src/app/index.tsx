// kdash's dashboard entry point: renders <App> on the terminal until the user quits.
import { render } from 'ink';
import type { Backend } from '../../backends/contract/backend.js';
import { DEFAULT_THEME, loadTheme } from '../theme/index.js';
import { App } from './App.js';

export { App, type AppProps } from './App.js';
export { registerScreen, type CustomScreenDef, type CustomScreenProps, type ScreenDef } from './screens/screenRegistry.js';

export interface DashboardOptions {
  namespace?: string;
  allNamespaces?: boolean;
  readonly?: boolean;
  /** A theme name (dark, light, mono, colorblind) or a theme file. */
  theme?: string;
  /** The cluster's clock for ages; the simulator passes its own (it may run faster than real time). */
  now?: () => number;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

/**
 * Runs the dashboard; resolves when the user quits. A bad theme throws (a ThemeError naming the
 * file and key) before the terminal is touched. The dashboard draws on the terminal's alternate
 * screen, so quitting gives back the terminal exactly as it was.
 */
export async function startDashboard(backend: Backend, opts: DashboardOptions = {}): Promise<void> {
  const theme = loadTheme(opts.theme ?? DEFAULT_THEME);
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const alt = !!stdout.isTTY;
  if (alt) stdout.write(ENTER_ALT_SCREEN);
  const instance = render(
    <App backend={backend} namespace={opts.namespace} allNamespaces={opts.allNamespaces} readonly={opts.readonly} theme={theme} now={opts.now} />,
    // The frame stays one line shorter than the terminal, so incremental rendering rewrites only changed lines.
    { stdout, stdin, exitOnCtrlC: false, incrementalRendering: true, patchConsole: true },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    instance.cleanup();
    if (alt) stdout.write(LEAVE_ALT_SCREEN);
  }
}
