// Light / dark theme: the system preference by default; an explicit choice is
// remembered in localStorage and applied as <html data-theme="…"> (index.html
// applies a remembered choice before the first paint).
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'kvmplay:theme';

export function storedTheme(): Theme | null {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

export function systemTheme(): Theme {
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
