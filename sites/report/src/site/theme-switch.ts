import { applyTheme, parseTheme, THEME_KEY, type Theme } from "./theme.ts";

/** localStorage, or null where the browser refuses it (then the choice lasts for this page only). */
function storage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

function stored(win: Window): Theme {
  try {
    return parseTheme(storage(win)?.getItem(THEME_KEY));
  } catch {
    return "system";
  }
}

function store(win: Window, theme: Theme): void {
  try {
    if (theme === "system") storage(win)?.removeItem(THEME_KEY);
    else storage(win)?.setItem(THEME_KEY, theme);
  } catch {
    // Storage full or refused: the theme still applies to this page.
  }
}

/**
 * Wires the header's theme control: it shows the stored choice, applies and stores a new one, and follows a
 * choice made in another tab. The control is hidden in the HTML and revealed here, so a reader without
 * JavaScript never sees a switch that does nothing.
 */
export function initThemeSwitch(doc: Document): void {
  const win = doc.defaultView;
  const container = doc.querySelector<HTMLElement>("[data-theme-switch]");
  const select = container?.querySelector("select");
  if (!win || !container || !select) return;
  const show = (theme: Theme) => {
    select.value = theme;
    applyTheme(doc.documentElement, theme);
  };
  show(stored(win));
  select.addEventListener("change", () => {
    const theme = parseTheme(select.value);
    store(win, theme);
    show(theme);
  });
  win.addEventListener("storage", (event) => {
    if (event.key === THEME_KEY || event.key === null) show(stored(win));
  });
  container.hidden = false;
}
