/**
 * The genre explorer in the browser: runs the explorer's queries on the page's DuckDB and draws the result.
 * Loaded on first use by activate.ts; Observable Plot is loaded alongside DuckDB, not before.
 */

import { axisLabel, toDisplay } from "../../site/features.ts";
import { capitalise, count, int, sig } from "../../site/format.ts";
import { openTracksDatabase, restartNote } from "../duckdb/client.ts";
import { setStatus } from "../ui/activate.ts";
import { ExplorerControls, type ExplorerState } from "./controls.ts";
import { boxChart, categoryChart, histogramChart } from "./plot.ts";
import {
  categoryQuery,
  type Histogram,
  histogramQuery,
  parseCategories,
  parseHistogram,
  parseStats,
  statsQuery,
} from "./queries.ts";
import { type ExplorerFeature, FEATURE_SCALES } from "./spec.ts";
import { statsTable } from "./stats-table.ts";

function part<T extends Element>(root: HTMLElement, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`The explorer's markup lacks ${selector}.`);
  return element;
}

/** Units worth naming after a range in the note (the 0–1 scores and counts need none). */
const UNITS: Partial<Record<ExplorerFeature, string>> = {
  duration_ms: " minutes",
  loudness: " dB",
  tempo: " BPM",
};

function histogramNote(histogram: Histogram, state: ExplorerState): string {
  const { feature } = state.selection;
  const unit = UNITS[feature] ?? "";
  const range = `${sig(toDisplay(feature, histogram.lo), 3)} to ${sig(toDisplay(feature, histogram.hi), 3)}${unit}`;
  const outside =
    histogram.below + histogram.above === 0
      ? ""
      : ` ${capitalise(count(histogram.below, "value"))} below and ${int(histogram.above)} above that range are counted in the outermost bins.`;
  return `Bars show each group's share of its tracks per bin. The bins span ${range}, the central 99% of the tracks shown.${outside} A track listed under several genres counts once per group.`;
}

const BOX_NOTE =
  "Boxes span the quartiles, the thick tick marks the median, whiskers reach the 5th and 95th percentiles and the ring marks the mean. A track listed under several genres counts once per group.";

export async function mount(root: HTMLElement): Promise<void> {
  const form = part<HTMLFormElement>(root, "form[data-form]");
  const plotArea = part<HTMLElement>(root, "[data-plot]");
  const note = part<HTMLElement>(root, "[data-plot-note]");
  const statsArea = part<HTMLElement>(root, "[data-stats]");
  const controls = new ExplorerControls(form);
  controls.sync();

  setStatus(root, "Starting the in-browser database…", "busy");
  const [db, Plot] = await Promise.all([openTracksDatabase(), import("../plot-marks.ts")]);

  let generation = 0;
  const draw = async () => {
    const state = controls.state();
    const { selection } = state;
    const current = ++generation;
    if (selection.groups.length === 0) {
      plotArea.replaceChildren();
      statsArea.replaceChildren();
      note.textContent = "";
      setStatus(root, "Choose at least one group to show.");
      return;
    }
    setStatus(root, "Computing…", "busy");
    try {
      const scale = FEATURE_SCALES[selection.feature];
      const statsSql = statsQuery(selection);
      const shapeSql = scale === "categorical" ? categoryQuery(selection) : histogramQuery(selection);
      const statsResult = await db.query(statsSql.sql, statsSql.params);
      const shapeResult = await db.query(shapeSql.sql, shapeSql.params);
      if (current !== generation) return;

      const order = new Map(selection.groups.map((group, index) => [group, index]));
      const stats = parseStats(statsResult).sort(
        (a, b) => (order.get(a.group) ?? 0) - (order.get(b.group) ?? 0),
      );
      const shown = stats.map((s) => s.group);
      const colours = new Map(
        selection.groups.map((group, index) => [group, state.colours[index] ?? "currentColor"]),
      );
      const frame = {
        feature: selection.feature,
        groups: shown.map((name) => ({ name, colour: colours.get(name) ?? "currentColor" })),
        width: Math.max(320, Math.min(900, plotArea.clientWidth || 640)),
      };

      let chart: Element;
      if (state.view === "box") {
        chart = boxChart(Plot, stats, frame);
        note.textContent = BOX_NOTE;
      } else if (scale === "categorical") {
        chart = categoryChart(Plot, parseCategories(shapeResult), stats, frame);
        note.textContent =
          "Bars show each group's share of its tracks. A track listed under several genres counts once per group.";
      } else {
        const histogram = parseHistogram(shapeResult);
        chart = histogramChart(Plot, histogram, stats, frame);
        note.textContent = histogramNote(histogram, state);
      }
      plotArea.replaceChildren(chart);
      statsArea.replaceChildren(statsTable(stats, selection.feature, colours));
      const missing = selection.groups.filter((group) => !shown.includes(group));
      const milliseconds = Math.round(statsResult.milliseconds + shapeResult.milliseconds);
      setStatus(
        root,
        `${axisLabel(selection.feature)} in ${count(shown.length, "group")}` +
          (missing.length > 0 ? ` (no tracks in ${missing.join(", ")})` : "") +
          ` · computed by DuckDB in ${int(milliseconds)} ms` +
          restartNote(statsResult, shapeResult),
      );
    } catch (error) {
      if (current === generation)
        setStatus(
          root,
          `The explorer's query failed: ${error instanceof Error ? error.message : String(error)}`,
          "error",
        );
    }
  };

  form.addEventListener("change", (event) => {
    if (controls.isFilter(event.target)) return;
    controls.sync();
    void draw();
  });
  form.addEventListener("submit", () => void draw());
  await draw();
}
