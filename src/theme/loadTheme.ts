// Reads and validates theme files (themes/<name>.yaml). A theme is a YAML map of semantic keys to
// colours; nested maps spell dotted keys (`status: {ok: green}` is `status.ok`). Keys left out
// take the terminal's default colour.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { COLOR_HELP, isValidColor, normalizeColor } from './colors.js';
import { THEME_KEYS, isThemeKey, type Colors, type Theme } from './themeKeys.js';

export class ThemeError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ThemeError';
  }
}

export const DEFAULT_THEME = 'dark';

/** Every colour unset: what NO_COLOR asks for. */
export function colorlessTheme(name = 'no-color'): Theme {
  const colors = Object.fromEntries(THEME_KEYS.map((k) => [k, undefined])) as Colors;
  return { name, colors, noColor: true };
}

function flatten(value: unknown, prefix: string, file: string, out: Map<string, unknown>): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.set(prefix, value);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, file, out);
    else out.set(key, v);
  }
}

/** Parses one theme file's text; `file` names it in errors. */
export function parseTheme(text: string, file: string, name = basename(file).replace(/\.ya?ml$/, '')): Theme {
  let doc: unknown;
  try {
    doc = load(text, { filename: file });
  } catch (e) {
    throw new ThemeError(file, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === undefined || doc === null) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ThemeError(file, 'a theme must be a map of keys to colours');
  const flat = new Map<string, unknown>();
  flatten(doc, '', file, flat);
  const colors = Object.fromEntries(THEME_KEYS.map((k) => [k, undefined])) as Colors;
  for (const [key, value] of flat) {
    if (!isThemeKey(key)) throw new ThemeError(file, `unknown key "${key}" (known keys: ${THEME_KEYS.join(', ')})`);
    if (typeof value !== 'string' || !isValidColor(value)) {
      throw new ThemeError(file, `key "${key}": bad colour ${JSON.stringify(value)} (${COLOR_HELP})`);
    }
    colors[key] = normalizeColor(value);
  }
  const noColor = THEME_KEYS.every((k) => colors[k] === undefined);
  return { name, colors, noColor };
}

/** The folder holding the built-in themes, found from this module (sources) or the bundle (dist/). */
export function themesDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'themes');
    if (existsSync(join(candidate, `${DEFAULT_THEME}.yaml`))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve('themes');
}

export function listThemes(dir = themesDirectory()): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  } catch {
    return [];
  }
}

export interface LoadThemeOptions {
  /** Where built-in themes live (tests point elsewhere). */
  dir?: string;
  /** The environment to read NO_COLOR from. */
  env?: Record<string, string | undefined>;
}

/**
 * Loads a theme by name (`dark`, `light`, `mono`, `colorblind`) or by file path. With NO_COLOR set
 * (to anything but the empty string, as no-color.org defines it) the theme is still validated but
 * no colour is used at all.
 */
export function loadTheme(nameOrPath: string = DEFAULT_THEME, opts: LoadThemeOptions = {}): Theme {
  const isPath = nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
  const file = isPath ? nameOrPath : join(opts.dir ?? themesDirectory(), `${nameOrPath}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const known = isPath ? '' : ` (themes: ${listThemes(opts.dir).join(', ')})`;
    throw new ThemeError(file, `no such theme "${nameOrPath}"${known}`);
  }
  const theme = parseTheme(text, file, isPath ? undefined : nameOrPath);
  const env = opts.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return colorlessTheme(theme.name);
  return theme;
}
