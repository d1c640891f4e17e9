import { dec } from "../../site/format.ts";
import { featureName, featureValue } from "./format.ts";
import { NEIGHBOUR_FEATURES, type Neighbour, TRACK_FEATURES, type TrackHit } from "./queries.ts";

/**
 * The track finder's markup, built node by node. Track names, artists, albums and genres come from the data
 * and are only ever set as text (`textContent`), never parsed as HTML.
 */

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "Artists · Album": semicolons in the artists column separate names. */
function byline(artists: string, album?: string): string {
  const names = artists.split(";").join(", ");
  return album === undefined ? names : `${names} · ${album}`;
}

/** A button that opens a track: its name, artists and album, and its genres. */
export function trackButton(
  hit: Pick<TrackHit, "trackId" | "trackName" | "artists" | "genres"> & { album?: string },
) {
  const button = el("button", "track-finder-track");
  button.type = "button";
  button.dataset.trackId = hit.trackId;
  button.append(
    el("span", "track-finder-name", hit.trackName),
    el("span", "track-finder-by", byline(hit.artists, hit.album)),
  );
  button.append(el("span", "track-finder-genres", hit.genres.join(", ")));
  return button;
}

/** The hits of one page as an ordered list of buttons. */
export function hitList(hits: TrackHit[], firstNumber: number): HTMLOListElement {
  const list = el("ol", "track-finder-hits");
  list.start = firstNumber;
  for (const hit of hits) {
    const item = el("li");
    item.append(trackButton({ ...hit, album: hit.album }));
    list.append(item);
  }
  return list;
}

/** One track in full: names, genres, features; the neighbours list is filled in later. */
export function trackDetail(
  hit: TrackHit,
  headingLevel: number,
): { detail: HTMLElement; neighbours: HTMLElement } {
  const detail = el("article", "track-finder-detail");
  detail.dataset.trackId = hit.trackId;
  const heading = el(`h${Math.min(6, headingLevel)}` as "h4", "track-finder-title", hit.trackName);
  heading.tabIndex = -1;
  detail.append(heading, el("p", "track-finder-by", byline(hit.artists, hit.album)));

  const genres = el("p", "track-finder-listed");
  genres.append(
    document.createTextNode(
      hit.genres.length === 1 ? "Listed under 1 genre: " : `Listed under ${hit.genres.length} genres: `,
    ),
  );
  const genreList = el("span", "track-finder-genre-list", hit.genres.join(", "));
  genreList.dataset.genres = hit.genres.join(",");
  genres.append(
    genreList,
    document.createTextNode(` (super-genre${hit.superGenres.length === 1 ? "" : "s"}: `),
  );
  genres.append(el("span", undefined, hit.superGenres.join(", ")), document.createTextNode(")."));
  detail.append(genres);

  const features = el("dl", "track-finder-features");
  const popularity =
    hit.popularity.min === hit.popularity.max
      ? String(hit.popularity.max)
      : `${hit.popularity.min}–${hit.popularity.max} (differs between its listings)`;
  const add = (name: string, value: string) => {
    const row = el("div");
    row.append(el("dt", undefined, name), el("dd", undefined, value));
    features.append(row);
  };
  add("popularity", popularity);
  for (const column of TRACK_FEATURES) add(featureName(column), featureValue(column, hit.features[column]));
  detail.append(features);

  const section = el("section", "track-finder-neighbours");
  const sub = el(`h${Math.min(6, headingLevel + 1)}` as "h5", undefined, "Nearest neighbours");
  const explanation = el(
    "p",
    "explore-widget-note",
    `The ten tracks closest to this one in ${NEIGHBOUR_FEATURES.map((f) => featureName(f)).join(", ")}, each measured in standard deviations over all tracks (Euclidean distance). Other listings of the same recording are left out.`,
  );
  const neighbours = el("div");
  neighbours.dataset.neighbours = "";
  section.append(sub, explanation, neighbours);
  detail.append(section);
  return { detail, neighbours };
}

export function neighbourList(neighbours: Neighbour[]): HTMLOListElement {
  const list = el("ol", "track-finder-hits");
  for (const neighbour of neighbours) {
    const item = el("li");
    const button = trackButton(neighbour);
    button.append(el("span", "track-finder-distance", `distance ${dec(neighbour.distance, 2)}`));
    item.append(button);
    list.append(item);
  }
  return list;
}
