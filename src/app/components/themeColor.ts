// Theme lookups for components: a colour, or undefined for the terminal's default.
import type { Theme, ThemeKey } from '../../theme/index.js';
import type { RowState } from '../../render/index.js';

export function color(theme: Theme, key: ThemeKey): string | undefined {
  return theme.noColor ? undefined : theme.colors[key];
}

export function stateColor(theme: Theme, state: RowState): string | undefined {
  return color(theme, `status.${state}`);
}

/** Selection uses the theme's colours, or inverse video when it has none. */
export function selectionStyle(theme: Theme): { color?: string; backgroundColor?: string; inverse?: boolean } {
  const fg = color(theme, 'selection.fg'), bg = color(theme, 'selection.bg');
  return bg ? { color: fg, backgroundColor: bg } : { inverse: true };
}
