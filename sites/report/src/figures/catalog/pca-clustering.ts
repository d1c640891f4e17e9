import {
  type ClusteringMethod,
  columnLabel,
  type Loading,
  type MethodId,
  methodName,
  pcaFacts,
} from "../../facts/pca-clustering.ts";
import { count, dec, int, pct } from "../../site/format.ts";
import { decColumn, intColumn, numberFormat, shareColumn, textColumn } from "../columns.ts";
import { smallMultiples } from "../html.ts";
import { barGrid, horizontalBars } from "../kinds/bars.ts";
import { dotPlot } from "../kinds/dots.ts";
import { lineChart } from "../kinds/lines.ts";
import { labelledMatrix } from "../kinds/matrix.ts";
import { groupedScatter } from "../kinds/scatter.ts";
import type { FigureSpec } from "../types.ts";

/** Figures of the chapter "PCA and clustering", all from pca-clustering.json. */

/** ARI classes for the between-method matrix: chance level, then weak to identical. */
const ARI_THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.9];

function screeFigure(): FigureSpec {
  const f = pcaFacts();
  const { explainedVarianceRatio: ratio, cumulativeVarianceRatio: cumulative } = f.r.pca;
  const rows = ratio.map((share, i) => ({
    component: i + 1,
    variance: f.r.pca.explainedVariance[i] ?? 0,
    share,
    cumulative: cumulative[i] ?? 0,
    seedShare: f.seed.explainedVarianceRatio[i] ?? null,
    seedCumulative: f.seed.cumulativeVarianceRatio[i] ?? null,
  }));
  const component = intColumn("component", "component");
  const share = shareColumn("share", "share of the variance");
  const ours = "this rebuild";
  const seed = `the seed (first ${f.seed.explainedVarianceRatio.length})`;
  const panel = (key: "share" | "cumulative", seedKey: "seedShare" | "seedCumulative", yLabel: string) =>
    lineChart({
      points: [
        ...rows.map((r) => ({ series: ours, x: r.component, y: r[key] })),
        ...rows
          .filter((r) => r[seedKey] !== null)
          .map((r) => ({ series: seed, x: r.component, y: r[seedKey] ?? 0 })),
      ],
      series: [ours, seed],
      xLabel: "principal component",
      yLabel,
      dots: true,
      xFormat: numberFormat(component),
      yFormat: numberFormat(share),
      xDomain: [0, rows.length + 1],
      ...(key === "cumulative" ? { yDomain: [0, 1] as [number, number] } : {}),
      width: 380,
      height: 300,
    });
  return {
    id: "pca-scree",
    title: "Share of the variance explained by each principal component",
    alt: `Two line charts over the ${rows.length} principal components of the ${f.features} standardised features. Left, the scree: the first component explains ${pct(f.first)} of the variance, the second ${pct(f.second)}, and the shares then fall slowly towards zero with no clear elbow; the seed's ten printed values lie on the same curve. Right, the cumulative share: ${pct(f.firstTwo)} after two components, ${pct(f.keptShare)} after ${f.kept}, and it takes ${f.for80} components to reach 80% and ${f.for90} to reach 90%.`,
    render: () =>
      smallMultiples([
        { title: "Each component", html: panel("share", "seedShare", "share of the variance") },
        { title: "Cumulative", html: panel("cumulative", "seedCumulative", "cumulative share") },
      ]),
    data: {
      columns: [
        component,
        decColumn("variance", "variance", 4),
        share,
        shareColumn("cumulative", "cumulative share"),
        shareColumn("seedShare", "seed: share"),
        shareColumn("seedCumulative", "seed: cumulative"),
      ],
      rows,
    },
  };
}

function loadingsFigure(): FigureSpec {
  const f = pcaFacts();
  const describe = (c: number, l: Loading[]) => {
    const top = l.slice(0, 5);
    return `component ${c}: ${top.map((x) => `${x.label} ${dec(x.weight, 2)}`).join(", ")}`;
  };
  const loading = decColumn("pc1", "component 1", 3);
  const bars = (l: Loading[]) =>
    horizontalBars({
      bars: l.map((x) => ({ label: x.label, value: x.weight })),
      valueLabel: "loading (weight in the component)",
      valueFormat: (v) => dec(v, 2),
      tipFormat: numberFormat(loading),
      width: 380,
    });
  const byFeature = f.r.features.map((column) => ({
    feature: columnLabel(column),
    pc1: f.pc1.find((x) => x.feature === column)?.weight ?? 0,
    pc2: f.pc2.find((x) => x.feature === column)?.weight ?? 0,
  }));
  const all = f.r.pca.components.flatMap((weights, c) =>
    f.r.features.map((column, i) => ({ component: c + 1, feature: column, loading: weights[i] ?? 0 })),
  );
  return {
    id: "pca-loadings",
    title: "Loadings of the first two principal components",
    alt: `Two bar charts of the weight each of the ${f.features} standardised features has in the first and in the second principal component, sorted from most positive to most negative. Largest weights by size, ${describe(1, f.pc1)}; ${describe(2, f.pc2)}.`,
    render: () =>
      smallMultiples([
        { title: "Component 1", html: bars(f.pc1) },
        { title: "Component 2", html: bars(f.pc2) },
      ]),
    data: {
      columns: [
        intColumn("component", "component"),
        textColumn("feature", "feature"),
        decColumn("loading", "loading", 4),
      ],
      rows: all,
    },
    table: {
      columns: [textColumn("feature", "feature"), loading, decColumn("pc2", "component 2", 3)],
      rows: byFeature,
    },
    tableNote: `The table lists the first two components; the downloads hold the loadings of the first ${f.r.pca.components.length}.`,
  };
}

function scatterFigure(): FigureSpec {
  const f = pcaFacts();
  const s = f.scatter;
  const points = s.pc1.map((x, i) => ({ x, y: s.pc2[i] ?? 0, group: s.superGenre[i] ?? 0 }));
  const spread = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  };
  const centroidPc1 = decColumn("pc1", "mean of component 1", 3);
  const byPc1 = [...f.centroids].sort((a, b) => a.pc1 - b.pc1);
  const byPc2 = [...f.centroids].sort((a, b) => a.pc2 - b.pc2);
  return {
    id: "pca-scatter",
    title: "The first two principal components of a sample of training tracks, by super-genre",
    alt: `Scatter plot of ${int(s.rows)} training tracks (a stratified sample of ${int(s.of)}) on the first two principal components, each dot coloured by its super-genre, with a diamond at each super-genre's mean. ${f.modeShare > 0.5 ? "The points fall into two long bands, one above the other — component 2 is mostly the major-or-minor mode columns, so in effect major-key tracks above and minor-key tracks below — and within each band the colours are thoroughly mixed" : "The points form one overlapping cloud"} (standard deviation ${dec(spread(s.pc1), 2)} along component 1 and ${dec(spread(s.pc2), 2)} along component 2); the super-genre means sit within about one standard deviation of each other, from ${byPc1[0]?.superGenre} (${dec(byPc1[0]?.pc1 ?? 0, 2)}) to ${byPc1.at(-1)?.superGenre} (${dec(byPc1.at(-1)?.pc1 ?? 0, 2)}) along component 1 and from ${byPc2[0]?.superGenre} (${dec(byPc2[0]?.pc2 ?? 0, 2)}) to ${byPc2.at(-1)?.superGenre} (${dec(byPc2.at(-1)?.pc2 ?? 0, 2)}) along component 2. No super-genre forms a separate group.`,
    render: () =>
      groupedScatter({
        points,
        groups: s.classes,
        xLabel: "principal component 1",
        yLabel: "principal component 2",
        markers: f.centroids.map((c, group) => ({
          x: c.pc1,
          y: c.pc2,
          group,
          note: `mean of ${count(c.points, "point")}`,
        })),
        tipFormat: numberFormat(centroidPc1),
        width: 640,
        height: 460,
      }),
    data: {
      columns: [
        decColumn("pc1", "component 1", s.decimals),
        decColumn("pc2", "component 2", s.decimals),
        textColumn("superGenre", "super-genre"),
        intColumn("gmmCluster", `cluster of the ${methodName("gmm-pca")}`),
      ],
      rows: points.map((p, i) => ({
        pc1: p.x,
        pc2: p.y,
        superGenre: s.classes[p.group] ?? "",
        gmmCluster: s.gmmCluster[i] ?? 0,
      })),
    },
    table: {
      columns: [
        textColumn("superGenre", "super-genre"),
        intColumn("points", "points"),
        centroidPc1,
        decColumn("pc2", "mean of component 2", 3),
      ],
      rows: f.centroids.map((c) => ({ ...c })),
    },
    tableNote: `The table summarises each super-genre's points; the downloads list all ${int(s.rows)} points with their coordinates (rounded to ${s.decimals} decimals).`,
  };
}

function sizesFigure(): FigureSpec {
  const f = pcaFacts();
  const methods = f.clustering.methods;
  const descending = (sizes: readonly number[]) => [...sizes].sort((a, b) => b - a);
  const panels = [
    ...methods.map((m) => ({ name: methodName(m.id), sizes: m.sizes, m })),
    { name: "Ward (the seed's)", sizes: f.seed.wardSizes, m: undefined as ClusteringMethod | undefined },
  ];
  const rows = panels.flatMap((p) =>
    p.sizes.map((size, cluster) => ({
      method: p.name,
      cluster,
      tracks: size,
      share: size / p.sizes.reduce((a, b) => a + b, 0),
    })),
  );
  const where = (m?: ClusteringMethod) =>
    m === undefined
      ? "the seed's sample"
      : m.evaluatedOn === "clustering-sample"
        ? "the clustering sample"
        : "the training tracks";
  return {
    id: "cluster-sizes",
    title: "Cluster sizes of each method",
    alt: `Bar charts of how many tracks fall in each cluster, largest first, one chart per method. ${panels
      .map((p) => {
        const sorted = descending(p.sizes);
        const total = p.sizes.reduce((a, b) => a + b, 0);
        return `${p.name} (on ${where(p.m)}): largest ${pct((sorted[0] ?? 0) / total, 0)}, smallest ${pct((sorted.at(-1) ?? 0) / total, 1)}`;
      })
      .join("; ")}.`,
    render: () =>
      barGrid(
        panels.map((p) => ({
          title: p.name,
          bars: descending(p.sizes).map((size, i) => ({
            label: String(i + 1),
            value: (100 * size) / p.sizes.reduce((a, b) => a + b, 0),
            note: count(size, "track"),
          })),
          valueLabel: "% of tracks",
          // The share column's two decimals, on the axis's percentage scale.
          tipFormat: (v) => dec(v, 2),
          categoryLabel: "cluster, largest first",
          width: 250,
        })),
        { height: 170 },
      ),
    data: {
      columns: [
        textColumn("method", "method"),
        intColumn("cluster", "cluster label"),
        intColumn("tracks", "tracks"),
        shareColumn("share", "share"),
      ],
      rows,
    },
  };
}

function scoresFigure(): FigureSpec {
  const f = pcaFacts();
  const methods = f.clustering.methods;
  const rows = methods.map((m) => ({
    method: methodName(m.id),
    ari: m.ariSuperGenre,
    silhouette: m.silhouette,
  }));
  const ariSeries = "adjusted Rand index against the super-genres";
  const silhouetteSeries = "mean silhouette";
  const low = Math.min(-0.1, ...rows.flatMap((r) => [r.ari, r.silhouette]));
  const ari = decColumn("ari", "ARI against the super-genres", 4);
  return {
    id: "cluster-scores",
    title: "How well each clustering matches the super-genres, and how well separated its clusters are",
    alt: `Dot chart, one row per clustering method, with two scores on a shared axis from ${dec(low, 1)} to 1, where 1 is the best each can be. The adjusted Rand index against the super-genres, where 0 is chance and 1 a perfect match: ${rows.map((r) => `${r.method} ${dec(r.ari, 3)}`).join(", ")} — every dot sits on the chance line. The mean silhouette, where 0 means clusters that touch and 1 clusters far apart: ${rows.map((r) => `${r.method} ${dec(r.silhouette, 2)}`).join(", ")}.`,
    render: () =>
      dotPlot({
        rows: rows.map((r) => r.method),
        series: [ariSeries, silhouetteSeries],
        values: rows.flatMap((r) => [
          { row: r.method, series: ariSeries, value: r.ari },
          { row: r.method, series: silhouetteSeries, value: r.silhouette },
        ]),
        valueLabel: "score (1 = identical to the super-genres / perfectly separated clusters)",
        valueFormat: (v) => dec(v, Math.abs(v) < 0.05 ? 3 : 2),
        tipFormat: numberFormat(ari),
        domain: [low, 1],
        reference: { value: 0, label: "chance (ARI) · touching clusters (silhouette)" },
      }),
    data: {
      columns: [textColumn("method", "method"), ari, decColumn("silhouette", "mean silhouette", 4)],
      rows,
    },
  };
}

function pairwiseFigure(): FigureSpec {
  const f = pcaFacts();
  const ids = [...new Set(f.clustering.pairwiseAri.flatMap((p) => [p.a, p.b]))] as MethodId[];
  const names = ids.map((id) => methodName(id));
  const cells = ids.flatMap((a) =>
    ids.map((b) => ({ row: methodName(a), column: methodName(b), value: a === b ? 1 : f.pair(a, b) })),
  );
  const sorted = [...f.clustering.pairwiseAri].sort((x, y) => y.ari - x.ari);
  const text = (p: (typeof sorted)[number]) => `${methodName(p.a)} and ${methodName(p.b)} ${dec(p.ari, 2)}`;
  const ari = decColumn("ari", "ARI", 4);
  return {
    id: "cluster-agreement",
    title: "Agreement between the clustering methods (ARI on the clustering sample)",
    alt: `A ${ids.length} by ${ids.length} matrix of the adjusted Rand index between every two methods' clusters of the same ${int(f.sample.rows)} sampled tracks (1 on the diagonal). Highest: ${sorted.slice(0, 2).map(text).join("; ")}; lowest: ${text(sorted.at(-1) ?? { a: "kmeans", b: "ward", ari: 0 })}.`,
    render: () =>
      labelledMatrix({
        rows: names,
        columns: names,
        cells,
        thresholds: ARI_THRESHOLDS,
        tickFormat: (v) => dec(v, 2),
        label: "adjusted Rand index",
        format: (v) => dec(v, 2),
        tipFormat: numberFormat(ari),
      }),
    data: {
      columns: [textColumn("a", "method"), textColumn("b", "other method"), ari],
      rows: f.clustering.pairwiseAri.map((p) => ({ a: methodName(p.a), b: methodName(p.b), ari: p.ari })),
    },
  };
}

export function figures(): FigureSpec[] {
  return [screeFigure(), loadingsFigure(), scatterFigure(), sizesFigure(), scoresFigure(), pairwiseFigure()];
}
