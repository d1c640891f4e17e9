/** Escapes text for inclusion in HTML built as a string (figure panels and legends). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A grid of small charts, each under its own title. */
export function smallMultiples(panels: { title: string; html: string }[]): string {
  const items = panels.map(
    (panel) =>
      `<div class="small-multiple"><p class="panel-title">${escapeHtml(panel.title)}</p>${panel.html}</div>`,
  );
  return `<div class="small-multiples">${items.join("")}</div>`;
}
