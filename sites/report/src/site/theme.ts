/**
 * The reader's theme: "system" follows the operating system's light or dark setting; "light" and "dark" pin
 * one. A pinned choice is stored in localStorage and written to <html data-theme>, which the stylesheet's
 * `color-scheme` rules read (every colour is a light-dark() pair, see styles/global.css).
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The localStorage key of the reader's choice (absent: "system"). */
export const THEME_KEY = "spotiflies-theme";

/** A stored value as a theme; anything unknown (or nothing) is "system". */
export function parseTheme(value: string | null | undefined): Theme {
  return value === "light" || value === "dark" ? value : "system";
}

/** Shows `theme` on the page: data-theme for a pinned theme, none for "system". */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", theme);
}

/**
 * The script inlined at the top of <head>: it runs before the body is parsed, so the first paint already has
 * the stored theme (no flash of the other one). Storage can throw (blocked cookies): then the page follows the
 * system. Kept to a few statements because it blocks parsing.
 */
export const THEME_BOOT_SCRIPT =
  `try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});` +
  `if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`;
