import { result } from "../../data/results.ts";
import { count, int } from "../../site/format.ts";
import { intColumn, textColumn } from "../columns.ts";
import { horizontalBars } from "../kinds/bars.ts";
import type { FigureSpec } from "../types.ts";

/** Figures of the chapter "The data and its cleaning". */

function rulesFigure(): FigureSpec {
  const cleaning = result("cleaning");
  const rows = cleaning.rules.map((rule) => ({
    rule: rule.id,
    description: rule.description,
    predicate: rule.predicate,
    matchedInRaw: rule.matchedInRaw,
    removed: rule.removed,
    rowsBefore: rule.rowsBefore,
    rowsAfter: rule.rowsAfter,
  }));
  const summary = cleaning.rules.map((rule) => `${rule.id} removed ${count(rule.removed, "row")}`).join(", ");
  return {
    id: "cleaning-rules",
    title: "Rows removed by each cleaning rule",
    alt: `Bar chart of the rows each cleaning rule removed, applied in order: ${summary}. ${int(cleaning.rowsKept)} of ${int(cleaning.rowsIn)} rows remain.`,
    render: () =>
      horizontalBars({
        bars: cleaning.rules.map((rule) => ({ label: rule.id, value: rule.removed })),
        valueLabel: "rows removed",
        valueFormat: int,
        keepOrder: true,
      }),
    data: {
      columns: [
        textColumn("rule", "rule"),
        textColumn("predicate", "removes rows where"),
        intColumn("matchedInRaw", "matches in raw data"),
        intColumn("removed", "removed (in order)"),
        intColumn("rowsBefore", "rows before"),
        intColumn("rowsAfter", "rows after"),
      ],
      rows,
    },
  };
}

function discrepancyFigure(): FigureSpec[] {
  const cleaning = result("cleaning");
  return cleaning.rules.flatMap((rule) => {
    const seed = rule.seedDiscrepancy;
    if (!seed) return [];
    const bars = [
      {
        label: "matches in the raw data",
        value: rule.matchedInRaw,
        source: "this report",
        note: rule.predicate,
      },
      { label: "after the earlier rules", value: rule.removed, source: "this report", note: rule.predicate },
      { label: "the seed's text says", value: seed.statedRemoved, source: "seed notebook", note: "prose" },
      {
        label: "the seed's code removed",
        value: seed.seedCodeRemoved,
        source: "seed notebook",
        note: seed.seedCodePredicate,
      },
    ];
    return [
      {
        id: `seed-discrepancy-${rule.id}`,
        title: `Rule ${rule.id}: the seed's text against its code`,
        alt: `Bar chart comparing counts for the rule "${rule.predicate}": ${bars.map((bar) => `${bar.label} ${int(bar.value)}`).join("; ")}.`,
        render: () =>
          horizontalBars({
            bars: bars.map((bar) => ({ label: bar.label, value: bar.value })),
            valueLabel: "rows",
            valueFormat: int,
            keepOrder: true,
          }),
        data: {
          columns: [
            textColumn("label", "count"),
            intColumn("value", "rows"),
            textColumn("source", "source"),
            textColumn("note", "filter"),
          ],
          rows: bars,
        },
      },
    ];
  });
}

function genreRemovalFigure(): FigureSpec {
  const counts = result("quality").cleaned.genreCounts;
  const affected = counts.filter((g) => g.removed > 0).sort((a, b) => b.removed - a.removed);
  const columns = [
    textColumn("genre", "genre"),
    intColumn("rows", "rows kept"),
    intColumn("removed", "rows removed"),
  ];
  const top = affected[0];
  return {
    id: "rows-removed-by-genre",
    title: "Rows removed per genre",
    alt: `Bar chart of the rows cleaning removed from each genre, for the ${affected.length} genres that lost any.${top ? ` ${top.genre} lost the most: ${int(top.removed)}.` : ""}`,
    render: () =>
      horizontalBars({
        bars: affected.map((g) => ({ label: g.genre, value: g.removed })),
        valueLabel: "rows removed",
        categoryLabel: "genre",
        valueFormat: int,
      }),
    data: { columns, rows: counts.map((g) => ({ ...g })) },
    table: { columns, rows: affected.map((g) => ({ ...g })) },
    tableNote: `The table lists the ${affected.length} genres that lost rows; the downloads list all ${counts.length}.`,
  };
}

function multiGenreFigure(): FigureSpec {
  const raw = result("quality").raw.trackIdsInSeveralGenres;
  const rows = raw.byGenreCount.map((b) => ({ genres: b.genres, trackIds: b.trackIds }));
  return {
    id: "track-ids-by-genre-count",
    title: "Track IDs by the number of genres they are listed under",
    alt: `Bar chart: of ${int(raw.distinctTrackIds)} distinct track IDs in the raw data, ${int(raw.trackIds)} are listed under more than one genre; ${rows.map((r) => `${int(r.trackIds)} under ${count(r.genres, "genre")}`).join(", ")}.`,
    render: () =>
      horizontalBars({
        bars: rows.map((r) => ({ label: count(r.genres, "genre"), value: r.trackIds })),
        valueLabel: "distinct track IDs",
        categoryLabel: "listed under",
        valueFormat: int,
        keepOrder: true,
      }),
    data: {
      columns: [intColumn("genres", "genres listed under"), intColumn("trackIds", "distinct track IDs")],
      rows,
    },
  };
}

export function figures(): FigureSpec[] {
  return [rulesFigure(), ...discrepancyFigure(), genreRemovalFigure(), multiGenreFigure()];
}
