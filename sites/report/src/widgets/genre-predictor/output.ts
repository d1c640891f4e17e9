import { type Ranked, shownProbability } from "./ranking.ts";

/**
 * Fills a ranking list in the browser, item for item as GenrePredictor.astro renders it on the server: the
 * class name and percentage as text, a bar, and the exact probability on `data-probability` (the shortest
 * decimal that reads back to the same double, so a test can compare it exactly). Classes in `actual` (a
 * picked track's own genres or super-genres) are ticked.
 */
export function renderRanking(
  list: HTMLOListElement,
  ranked: Ranked[],
  actual: ReadonlySet<string> = new Set(),
): void {
  list.replaceChildren(
    ...ranked.map(({ name, probability }) => {
      const item = document.createElement("li");
      item.dataset.class = name;
      item.dataset.probability = String(probability);
      const label = document.createElement("span");
      label.className = "genre-predictor-class";
      label.textContent = name;
      if (actual.has(name)) {
        item.dataset.actual = "";
        const tick = document.createElement("span");
        tick.className = "genre-predictor-actual";
        tick.textContent = " ✓";
        const spoken = document.createElement("span");
        spoken.className = "visually-hidden";
        spoken.textContent = " (the track is listed under it)";
        tick.append(spoken);
        label.append(tick);
      }
      const bar = document.createElement("span");
      bar.className = "genre-predictor-bar";
      bar.setAttribute("aria-hidden", "true");
      const fill = document.createElement("span");
      fill.style.inlineSize = `${(probability * 100).toFixed(2)}%`;
      bar.append(fill);
      const value = document.createElement("span");
      value.className = "genre-predictor-value";
      value.textContent = shownProbability(probability);
      item.append(label, bar, value);
      return item;
    }),
  );
}
