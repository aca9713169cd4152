// Themes: light, dark and projector (high contrast, large type, for a room).
// The system's light/dark preference by default; an explicit choice is
// remembered in localStorage and applied as <html data-theme="…"> (index.html
// applies a remembered choice before the first paint; keep its list of
// accepted values in step with THEMES).
export const THEMES = ['light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];
/** What the picker offers: a theme, or following the system's light/dark. */
export type ThemeChoice = Theme | 'system';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', ...THEMES];

export const THEME_KEY = 'kvmplay:theme';

export function isTheme(v: unknown): v is Theme {
  return (THEMES as readonly unknown[]).includes(v);
}

export function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return isTheme(t) ? t : null;
  } catch {
    return null;
  }
}

export function systemTheme(): 'light' | 'dark' {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, remember: boolean): void {
  document.documentElement.dataset.theme = theme;
  if (!remember) return;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage may be unavailable (private mode, sandboxed iframe): the choice lasts for this page only
  }
}

/** Follow the system again: forget the remembered choice and apply the system's theme. */
export function followSystem(): void {
  try {
    localStorage.removeItem(THEME_KEY);
  } catch {
    // nothing was remembered where storage is unavailable
  }
  applyTheme(systemTheme(), false);
}
