import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEME_KEYS, ThemeError, listThemes, loadTheme, parseTheme, themesDirectory } from '../../src/theme/index.js';

const NO_ENV = {};

describe('built-in themes', () => {
  it('dark, light, mono and colorblind load, and set every key', () => {
    expect(listThemes()).toEqual(['colorblind', 'dark', 'light', 'mono']);
    for (const name of ['dark', 'light', 'colorblind']) {
      const t = loadTheme(name, { env: NO_ENV });
      expect(t.noColor).toBe(false);
      const unset = THEME_KEYS.filter((k) => t.colors[k] === undefined && k !== 'bg');
      expect(unset, name).toEqual([]);
    }
    const mono = loadTheme('mono', { env: NO_ENV });
    expect(mono.noColor).toBe(true);
  });

  it('dark.yaml documents every key in its header comment', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(themesDirectory(), 'dark.yaml'), 'utf8');
    for (const k of THEME_KEYS) expect(text, k).toMatch(new RegExp(`^#\\s+${k.replace('.', '\\.')}\\s+\\S`, 'm'));
  });

  it('colorblind uses the Okabe-Ito palette for statuses', () => {
    const t = loadTheme('colorblind', { env: NO_ENV });
    expect([t.colors['status.ok'], t.colors['status.error'], t.colors['status.pending']]).toEqual(['#009E73', '#D55E00', '#F0E442']);
  });

  it('NO_COLOR turns every colour off', () => {
    const t = loadTheme('dark', { env: { NO_COLOR: '1' } });
    expect(t.noColor).toBe(true);
    expect(THEME_KEYS.every((k) => t.colors[k] === undefined)).toBe(true);
    expect(loadTheme('dark', { env: { NO_COLOR: '' } }).noColor).toBe(false);
  });
});

describe('theme errors name the file and the key', () => {
  it('unknown key', () => {
    expect(() => parseTheme('status:\n  okay: green\n', 'themes/custom.yaml'))
      .toThrow(/^themes\/custom\.yaml: unknown key "status\.okay"/);
  });

  it('bad colour', () => {
    expect(() => parseTheme('fg: grean\n', 'my.yaml')).toThrow('my.yaml: key "fg": bad colour "grean"');
    expect(() => parseTheme('selection:\n  bg: "#12345"\n', 'my.yaml')).toThrow('my.yaml: key "selection.bg": bad colour "#12345"');
    expect(() => parseTheme('stale: 12\n', 'my.yaml')).toThrow('my.yaml: key "stale": bad colour 12');
    expect(() => parseTheme('stale: ansi256(300)\n', 'my.yaml')).toThrow(ThemeError);
  });

  it('accepts names, hex, rgb(), ansi256() and default', () => {
    const t = parseTheme('fg: cyanBright\nbg: default\nheader: "#abc"\ntitle: rgb(1,2,3)\nborder: ansi256(33)\n', 'ok.yaml');
    expect(t.colors.fg).toBe('cyanBright');
    expect(t.colors.bg).toBeUndefined();
    expect(t.colors.header).toBe('#aabbcc');
    expect(t.colors.title).toBe('rgb(1,2,3)');
    expect(t.colors.border).toBe('ansi256(33)');
  });

  it('broken YAML and unknown theme names', () => {
    expect(() => parseTheme('fg: [\n', 'bad.yaml')).toThrow(/^bad\.yaml: not valid YAML/);
    expect(() => loadTheme('nope', { env: NO_ENV })).toThrow(/nope\.yaml: no such theme "nope" \(themes: colorblind, dark, light, mono\)/);
  });

  it('loads a theme file by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kdash-theme-'));
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'fg: red\nflash:\n  error: "#ff0000"\n');
    const t = loadTheme(file, { env: NO_ENV });
    expect(t.name).toBe('mine');
    expect(t.colors['flash.error']).toBe('#ff0000');
    writeFileSync(file, 'flash:\n  eror: red\n');
    expect(() => loadTheme(file, { env: NO_ENV })).toThrow(`${file}: unknown key "flash.eror"`);
  });
});
