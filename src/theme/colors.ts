// Which colour spellings a theme may use: exactly those Ink (chalk) can draw.
const NAMED = new Set([
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
  'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
]);

export const COLOR_HELP = 'use a colour name (red, cyanBright...), #rgb, #rrggbb, rgb(r,g,b), ansi256(n) or default';

/** `default` (the terminal's own colour) is valid and means "no colour". */
export function isValidColor(v: string): boolean {
  if (v === 'default' || NAMED.has(v)) return true;
  if (/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v)) return true;
  const rgb = /^rgb\(\s?(\d{1,3}),\s?(\d{1,3}),\s?(\d{1,3})\s?\)$/.exec(v);
  if (rgb) return rgb.slice(1).every((n) => Number(n) <= 255);
  const a = /^ansi256\(\s?(\d{1,3})\s?\)$/.exec(v);
  return !!a && Number(a[1]) <= 255;
}

/** Ink draws 3-digit hex poorly; expand it. */
export function normalizeColor(v: string): string | undefined {
  if (v === 'default') return undefined;
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return v;
}
