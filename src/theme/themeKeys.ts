// The semantic colour keys a theme file sets. Each is documented in themes/dark.yaml.
export const THEME_KEYS = [
  'fg', 'bg',
  'header', 'headerValue', 'title', 'border', 'tableHeader',
  'selection.fg', 'selection.bg',
  'status.ok', 'status.pending', 'status.warning', 'status.error', 'status.terminating', 'status.completed',
  'flash.info', 'flash.error',
  'stale', 'readonly',
  'dialog.fg', 'dialog.border', 'dialog.button', 'dialog.focus',
  'prompt', 'key', 'filter',
] as const;

export type ThemeKey = (typeof THEME_KEYS)[number];

/** A colour Ink can draw, or undefined for the terminal's default. */
export type Colors = Record<ThemeKey, string | undefined>;

export interface Theme {
  name: string;
  colors: Colors;
  /** Colour is off altogether (NO_COLOR, or every key `default`): selection is shown in inverse video. */
  noColor: boolean;
}

export function isThemeKey(k: string): k is ThemeKey {
  return (THEME_KEYS as readonly string[]).includes(k);
}
