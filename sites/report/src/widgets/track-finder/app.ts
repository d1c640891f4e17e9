/**
 * The track finder in the browser: searches as the reader types (debounced), pages through the hits, and
 * opens a track with its genres, features and nearest neighbours. Loaded on first use by activate.ts.
 */
import { count, int } from "../../site/format.ts";
import { openTracksDatabase, restartNote } from "../duckdb/client.ts";
import { setStatus } from "../ui/activate.ts";
import {
  type FeatureScales,
  featureScaleQuery,
  MIN_SEARCH_LENGTH,
  neighboursQuery,
  parseFeatureScales,
  parseNeighbours,
  parseSearch,
  searchProblem,
  searchQuery,
  type TrackHit,
  trackQuery,
} from "./queries.ts";
import { hitList, neighbourList, trackDetail } from "./render.ts";

export const PAGE_SIZE = 10;
/** Wait this long after the last keystroke before searching, so typing a word sends one query, not five. */
export const DEBOUNCE_MS = 200;

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`The track finder's markup lacks ${selector}.`);
  return element;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function mount(root: HTMLElement): Promise<void> {
  const form = part<HTMLFormElement>(root, "form[data-form]");
  const input = part<HTMLInputElement>(form, "input[name='q']");
  const hitsArea = part<HTMLElement>(root, "[data-hits]");
  const pager = part<HTMLElement>(root, "[data-pager]");
  const range = part<HTMLElement>(pager, "[data-range]");
  const previous = part<HTMLButtonElement>(pager, "[data-previous]");
  const next = part<HTMLButtonElement>(pager, "[data-next]");
  const detailArea = part<HTMLElement>(root, "[data-detail]");
  const headingLevel = Number(root.dataset.headingLevel ?? "3") + 1;

  setStatus(root, "Starting the in-browser database…", "busy");
  const db = await openTracksDatabase();
  let scales: Promise<FeatureScales> | undefined;
  let shown = new Map<string, TrackHit>();
  let current = { text: "", offset: 0, total: 0 };
  let searches = 0;
  let openings = 0;

  const clearHits = () => {
    hitsArea.replaceChildren();
    pager.hidden = true;
    shown = new Map();
  };

  const search = async (text: string, offset: number) => {
    const mine = ++searches;
    const needle = text.trim();
    const problem = searchProblem(needle);
    if (problem) {
      clearHits();
      setStatus(root, problem, needle.length < MIN_SEARCH_LENGTH ? "done" : "error");
      return;
    }
    setStatus(root, "Searching…", "busy");
    try {
      const query = searchQuery(needle, PAGE_SIZE, offset);
      const result = await db.query(query.sql, query.params);
      if (mine !== searches) return;
      const page = parseSearch(result);
      current = { text: needle, offset, total: page.total };
      shown = new Map(page.hits.map((hit) => [hit.trackId, hit]));
      if (page.total === 0) {
        clearHits();
        setStatus(root, `No track, artist or album name contains “${needle}”.`);
        return;
      }
      hitsArea.replaceChildren(hitList(page.hits, offset + 1));
      pager.hidden = page.total <= PAGE_SIZE;
      range.textContent = `${int(offset + 1)}–${int(offset + page.hits.length)} of ${int(page.total)}`;
      previous.disabled = offset === 0;
      next.disabled = offset + PAGE_SIZE >= page.total;
      setStatus(
        root,
        `${count(page.total, "track")} match “${needle}”, most popular first · ${int(Math.round(result.milliseconds))} ms${restartNote(result)}`,
      );
    } catch (error) {
      if (mine === searches) setStatus(root, `The search failed: ${message(error)}`, "error");
    }
  };

  const open = async (trackId: string) => {
    const mine = ++openings;
    try {
      let hit = shown.get(trackId);
      if (!hit) {
        const query = trackQuery(trackId);
        hit = parseSearch(await db.query(query.sql, query.params)).hits[0];
        if (!hit) throw new Error("That track is not in the table.");
      }
      if (mine !== openings) return;
      const { detail, neighbours } = trackDetail(hit, headingLevel);
      neighbours.textContent = "Finding the nearest neighbours…";
      detailArea.replaceChildren(detail);
      detail.querySelector<HTMLElement>(".track-finder-title")?.focus();

      scales ??= db.query(featureScaleQuery().sql).then(parseFeatureScales);
      const query = neighboursQuery(trackId, await scales);
      const found = parseNeighbours(await db.query(query.sql, query.params));
      if (mine !== openings) return;
      neighbours.replaceChildren(neighbourList(found));
    } catch (error) {
      scales = undefined;
      if (mine === openings) setStatus(root, `Opening the track failed: ${message(error)}`, "error");
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value, 0), DEBOUNCE_MS);
  });
  form.addEventListener("submit", () => {
    clearTimeout(timer);
    void search(input.value, 0);
  });
  previous.addEventListener(
    "click",
    () => void search(current.text, Math.max(0, current.offset - PAGE_SIZE)),
  );
  next.addEventListener("click", () => void search(current.text, current.offset + PAGE_SIZE));
  for (const area of [hitsArea, detailArea]) {
    area.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>("button[data-track-id]");
      if (button?.dataset.trackId) void open(button.dataset.trackId);
    });
  }

  // The reader may have typed already while this module loaded.
  if (input.value.trim() === "") setStatus(root, "Type a track, artist or album name.");
  else await search(input.value, 0);
}
