/**
 * The genre predictor in the browser: fetches the two exported boosted models, predicts as the sliders move, and
 * lets the reader start from a real track (found with the DuckDB client, loaded only for that).
 */
import type { ExportedBoosted } from "@spotiflies/models/browser";
import { count } from "../../site/format.ts";
import { preloadNow } from "../duckdb/preload.ts";
import {
  MIN_SEARCH_LENGTH,
  parseSearch,
  searchProblem,
  searchQuery,
  type TrackHit,
} from "../track-finder/queries.ts";
import { setStatus } from "../ui/activate.ts";
import { renderRanking } from "./output.ts";
import { predictor } from "./predict.ts";
import { formatInput, positionOf, type SliderSpec, valueAt } from "./sliders.ts";

/** Tracks offered when picking one by name. */
const PICK_HITS = 6;
const DEBOUNCE_MS = 200;

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`The predictor's markup lacks ${selector}.`);
  return element;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Fetches one exported model from the site; its shape was checked against the schema at build time. */
async function loadModel(url: string, task: ExportedBoosted["task"]): Promise<ExportedBoosted> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the ${task} model could not be loaded (HTTP ${response.status}).`);
  const model = (await response.json()) as ExportedBoosted;
  if (model.kind !== "gradient-boosting" || model.task !== task)
    throw new Error(`${url} is not the ${task} model.`);
  return model;
}

/** A picked track's values for the models' columns (a track's rows differ only in popularity: the highest). */
function trackValues(hit: TrackHit, columns: string[]): Record<string, number> {
  const known: Record<string, number> = { ...hit.features, popularity: hit.popularity.max };
  return Object.fromEntries(
    columns.map((column) => {
      const value = known[column];
      if (value === undefined) throw new Error(`The track has no value for ${column}.`);
      return [column, value];
    }),
  );
}

export async function mount(root: HTMLElement): Promise<void> {
  const specs = JSON.parse(root.dataset.sliders ?? "[]") as SliderSpec[];
  const output = part<HTMLElement>(root, "[data-output]");
  const pick = part<HTMLInputElement>(root, "[data-pick]");
  const pickHits = part<HTMLUListElement>(root, "[data-pick-hits]");
  const picked = part<HTMLElement>(root, "[data-picked]");
  const sliders = new Map(
    specs.map((spec) => [spec.column, part<HTMLInputElement>(root, `input[name='${spec.column}']`)]),
  );
  const readouts = new Map(
    specs.map((spec) => [spec.column, part<HTMLOutputElement>(root, `[data-readout='${spec.column}']`)]),
  );
  const lists = {
    genres: part<HTMLOListElement>(output, "[data-list='genres'] ol"),
    summed: part<HTMLOListElement>(output, "[data-list='summed'] ol"),
    superGenres: part<HTMLOListElement>(output, "[data-list='superGenres'] ol"),
  };

  setStatus(root, "Loading the trained models…", "busy");
  const [genre, superGenre] = await Promise.all([
    loadModel(root.dataset.genreModel ?? "", "genre"),
    loadModel(root.dataset.superGenreModel ?? "", "super-genre"),
  ]);

  const predictAll = predictor(genre, superGenre);
  /** The values the models see: the sliders' unless a picked track set exact ones. */
  const values: Record<string, number> = {};
  const show = (spec: SliderSpec) => {
    const text = formatInput(spec.column, values[spec.column] as number);
    const readout = readouts.get(spec.column);
    if (readout) readout.textContent = text;
    sliders.get(spec.column)?.setAttribute("aria-valuetext", text);
  };
  const fromSliders = () => {
    for (const spec of specs) {
      values[spec.column] = valueAt(spec, Number(sliders.get(spec.column)?.value));
      show(spec);
    }
  };
  /** The picked track's own genres and super-genres, ticked in the lists; empty once a slider moves. */
  let actual = { genres: new Set<string>(), superGenres: new Set<string>() };
  const predict = (what: string) => {
    const predictions = predictAll(values);
    renderRanking(lists.genres, predictions.genres, actual.genres);
    renderRanking(lists.summed, predictions.summed, actual.superGenres);
    renderRanking(lists.superGenres, predictions.superGenres, actual.superGenres);
    output.dataset.inputs = JSON.stringify(values);
    setStatus(root, `Predicted for ${what}.`);
  };

  fromSliders();
  predict("the values above");

  root.addEventListener("input", (event) => {
    const slider = event.target as HTMLInputElement;
    const spec = specs.find((s) => s.column === slider.name);
    if (!spec || slider.type !== "range") return;
    values[spec.column] = valueAt(spec, Number(slider.value));
    show(spec);
    picked.textContent = "";
    actual = { genres: new Set(), superGenres: new Set() };
    predict("the values above");
  });

  part<HTMLButtonElement>(root, "[data-reset]").addEventListener("click", () => {
    for (const spec of specs) {
      const slider = sliders.get(spec.column);
      if (slider) slider.value = slider.defaultValue;
    }
    picked.textContent = "";
    actual = { genres: new Set(), superGenres: new Set() };
    fromSliders();
    predict("the median track");
  });

  const choose = (hit: TrackHit) => {
    Object.assign(values, trackValues(hit, genre.features));
    for (const spec of specs) {
      const slider = sliders.get(spec.column);
      // The slider shows the nearest position on its grid; the models get the track's exact value.
      if (slider) slider.value = String(positionOf(spec, values[spec.column] as number));
      show(spec);
    }
    picked.textContent = `“${hit.trackName}” by ${hit.artists.split(";").join(", ")} is listed under ${hit.genres.join(", ")} (✓ in the lists).`;
    pickHits.replaceChildren();
    actual = { genres: new Set(hit.genres), superGenres: new Set(hit.superGenres) };
    predict(`“${hit.trackName}”`);
  };

  let searches = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const findTracks = async (text: string) => {
    const mine = ++searches;
    if (text.trim().length < MIN_SEARCH_LENGTH) {
      pickHits.replaceChildren();
      return;
    }
    const problem = searchProblem(text);
    if (problem) {
      pickHits.replaceChildren();
      setStatus(root, problem, "error");
      return;
    }
    setStatus(root, "Searching the tracks…", "busy");
    try {
      const { openTracksDatabase } = await import("../duckdb/client.ts");
      const db = await openTracksDatabase();
      const query = searchQuery(text, PICK_HITS);
      const page = parseSearch(await db.query(query.sql, query.params));
      if (mine !== searches) return;
      pickHits.replaceChildren(
        ...page.hits.map((hit) => {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.dataset.trackId = hit.trackId;
          button.textContent = `${hit.trackName} — ${hit.artists.split(";").join(", ")}`;
          button.addEventListener("click", () => choose(hit));
          item.append(button);
          return item;
        }),
      );
      setStatus(
        root,
        page.total === 0
          ? `No track, artist or album name contains “${text.trim()}”.`
          : page.total > PICK_HITS
            ? `The ${PICK_HITS} most popular of ${count(page.total, "matching track")}: pick one.`
            : `${count(page.total, "matching track")}: pick one.`,
      );
    } catch (error) {
      if (mine === searches)
        setStatus(root, `Picking a track needs the in-browser database: ${message(error)}`, "error");
    }
  };
  // Start DuckDB as soon as the reader goes for the track search, not when the sliders are used.
  pick.addEventListener("focus", preloadNow);
  if (document.activeElement === pick) preloadNow();
  pick.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void findTracks(pick.value), DEBOUNCE_MS);
  });
  root.addEventListener("submit", () => {
    clearTimeout(timer);
    void findTracks(pick.value);
  });
  if (pick.value.trim() !== "") await findTracks(pick.value);
}
