/**
 * The part of a widget that every page using it loads up front, so it stays tiny: it switches the
 * server-rendered controls on, starts DuckDB as the widget nears the viewport, and loads the widget's own
 * code on first use (focus, pointer or input). Shared by the genre explorer, track finder and predictor.
 *
 * Markup it relies on (the widgets' .astro files render it): the root element, `fieldset[data-controls]`
 * (disabled until scripts run), `[data-requirement]` (says the widget needs JavaScript and WebAssembly;
 * visible without scripts or after a failure) and `[data-status]` (a live status line).
 */
import { preloadWhenNear } from "../duckdb/preload.ts";

export interface WidgetModule {
  /** Takes over the widget's markup; reads the controls' current state, since the reader may have changed it. */
  mount(root: HTMLElement): Promise<void>;
}

const FIRST_USE = ["focusin", "pointerdown", "input", "change", "submit"] as const;

export function setStatus(root: HTMLElement, text: string, state: "busy" | "done" | "error" = "done"): void {
  const status = root.querySelector<HTMLElement>("[data-status]");
  if (!status) return;
  status.textContent = text;
  status.dataset.state = state;
  root.setAttribute("aria-busy", String(state === "busy"));
}

/**
 * Puts the widget out of action with the reason in plain words: the controls are disabled and the note
 * that it needs JavaScript and WebAssembly reappears. The rest of the page is untouched.
 */
export function showFailure(root: HTMLElement, error: unknown): void {
  for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>("fieldset[data-controls]"))
    fieldset.disabled = true;
  const requirement = root.querySelector<HTMLElement>("[data-requirement]");
  if (requirement) requirement.hidden = false;
  const reason = error instanceof Error ? error.message : String(error);
  setStatus(root, `This widget could not start: ${reason}`, "error");
}

export interface WireOptions {
  /** Start DuckDB as the widget nears the viewport (default). The predictor needs it only to pick a track. */
  preload?: boolean;
}

export function wireWidget(
  root: HTMLElement,
  load: () => Promise<WidgetModule>,
  { preload = true }: WireOptions = {},
): void {
  for (const fieldset of root.querySelectorAll<HTMLFieldSetElement>("fieldset[data-controls]"))
    fieldset.disabled = false;
  const requirement = root.querySelector<HTMLElement>("[data-requirement]");
  if (requirement) requirement.hidden = true;
  // The widgets' forms never navigate: without this, Enter in a field would reload the page.
  root.addEventListener("submit", (event) => event.preventDefault());
  if (preload) preloadWhenNear(root);

  const start = () => {
    for (const type of FIRST_USE) root.removeEventListener(type, start, true);
    setStatus(root, "Loading…", "busy");
    load()
      .then((module) => module.mount(root))
      .catch((error: unknown) => showFailure(root, error));
  };
  for (const type of FIRST_USE) root.addEventListener(type, start, true);
}
