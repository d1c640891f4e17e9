/**
 * The SQL console's first script: a few hundred bytes that enable the controls, start DuckDB when a
 * console nears the viewport, and load the console's logic (app.ts) on first use.
 */
import { preloadWhenNear } from "../duckdb/preload.ts";
import { linkedQuery } from "./linked-query.ts";

type SqlConsole = import("./app.ts").SqlConsole;

/** Ctrl+Enter, or ⌘+Enter on a Mac. */
export function isRunShortcut(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">,
) {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

function part<T extends HTMLElement>(root: HTMLElement, name: string): T | null {
  return root.querySelector<T>(`[data-part="${name}"]`);
}

/**
 * Puts a query from the page's URL (a figure's "open in console" link) in the editor, and first among the
 * examples so that it can be brought back after trying others. It is not run: see linked-query.ts.
 */
function loadLinkedQuery(
  sql: string,
  editor: HTMLTextAreaElement,
  examples: HTMLSelectElement,
  status: HTMLElement,
) {
  const option = document.createElement("option");
  option.value = "linked";
  option.dataset.sql = sql;
  option.textContent = "The query from the link that opened this page";
  examples.prepend(option);
  examples.value = option.value;
  editor.value = sql;
  status.textContent = "The query from the link is in the editor: run it with the button or Ctrl+Enter.";
}

function boot(root: HTMLElement, linked: string | undefined): void {
  const editor = part<HTMLTextAreaElement>(root, "editor");
  const runButton = part<HTMLButtonElement>(root, "run");
  const examples = part<HTMLSelectElement>(root, "examples");
  const status = part<HTMLElement>(root, "status");
  const fallback = part<HTMLElement>(root, "fallback");
  if (!editor || !runButton || !examples || !status || !fallback) return;

  let app: Promise<SqlConsole> | undefined;
  const run = () => {
    app ??= import("./app.ts").then((module) => module.mountSqlConsole(root));
    app.then(
      (console) => console.run(),
      (error: unknown) => {
        // The console's own code failed to load (offline, blocked): say so, and allow a retry.
        app = undefined;
        fallback.hidden = false;
        root.dataset.state = "unavailable";
        status.textContent = `The console could not load: ${(error as Error).message}`;
      },
    );
  };

  runButton.addEventListener("click", run);
  editor.addEventListener("keydown", (event) => {
    if (!isRunShortcut(event)) return;
    event.preventDefault();
    run();
  });
  examples.addEventListener("change", () => {
    const sql = examples.selectedOptions[0]?.dataset.sql;
    if (sql === undefined) return;
    editor.value = sql;
    status.textContent = "Example loaded into the editor: run it with the button or Ctrl+Enter.";
  });

  if (linked !== undefined) loadLinkedQuery(linked, editor, examples, status);
  fallback.hidden = true;
  runButton.disabled = false;
  examples.disabled = false;
  preloadWhenNear(root);
}

// A linked query goes to the page's first console (the explore page has one).
const linked = linkedQuery(window.location.search);
for (const [index, root] of document.querySelectorAll<HTMLElement>("[data-sql-console]").entries())
  boot(root, index === 0 ? linked : undefined);
