export { THEME_KEYS, isThemeKey, type Colors, type Theme, type ThemeKey } from './themeKeys.js';
export { isValidColor } from './colors.js';
export { DEFAULT_THEME, ThemeError, colorlessTheme, listThemes, loadTheme, parseTheme, themesDirectory, type LoadThemeOptions } from './loadTheme.js';
