import { featureNames } from "../features/design.ts";
import { SEED_RAW_FEATURES } from "../features/seed-feature-sets.ts";
import { AUDIO_UNIFORM_MIX } from "../genre-model/audio-expert.ts";
import { albumKeys, artistKeys } from "../genre-model/category-keys.ts";
import { EVIDENCE_GROUPS } from "../genre-model/evidence-groups.ts";
import { superGenreOfGenre } from "../genre-model/super-genre.ts";
import { TEXT_ENCODING } from "../genre-model/text-experts.ts";
import { checkTrackText, loadTrackText, type TrackText, textOfTable } from "../genre-model/track-text.ts";
import type { GenreModelResult } from "../results/genre-model-schemas.ts";
import type { ClassificationMetrics } from "../results/schemas.ts";
import type { ExperimentContext } from "./context.ts";
import { COMBINER, runProtocol } from "./genre-model-protocol.ts";
import { type HeldOutPredictions, heldOutOf } from "./held-out.ts";
import { FOREST_RANDOM_STATE, GENRE_FOREST_TREES } from "./random-forest.ts";

/** The targets on the seed's 60/20/20 protocol. */
export const GENRE_MODEL_GOALS = [
  {
    task: "super-genre",
    metric: "top-1",
    threshold: 0.6,
    source: "10-super-genre test accuracy at least 0.60 (the seed's best, its random forest, reached 0.558)",
  },
  {
    task: "genre",
    metric: "top-1",
    threshold: 0.42,
    source: "114-genre top-1 at least 0.42 (a published LightGBM on this dataset reports 0.421)",
  },
  { task: "genre", metric: "top-5", threshold: 0.75, source: "114-genre top-5 at least 0.75" },
] as const;

const SEARCH =
  "Searched on each protocol's validation rows only; the test rows were scored once, at the end. " +
  `Smoothing strength α of the artist and of the album expert: each of ${TEXT_ENCODING.alphaGrid.join(", ")} ` +
  "pseudo-rows, keeping the lowest validation log-loss of the expert alone (out-of-fold encoded). Combiner: " +
  `${EVIDENCE_GROUPS.length * 3} expert weights (3 per evidence group) and one bias per genre, fitted by ` +
  "maximum likelihood with L-BFGS. While the design was settled (not rerun by the build), 4- and 5-fold " +
  "cross-validation on the validation rows of both protocols, with a 50-tree forest, compared: the artists " +
  'string as one category against split on ";" (split won by about 11 points of 114-genre top-1 on the seed ' +
  "protocol); an extra artist+album category (it helped only on the seed protocol, and only through a negative " +
  "weight, the leak described under the combiner; dropped); one weight triple against one per evidence group " +
  "(per group: +0.3 points on the track-grouped protocol); and super-genres as the pooled genre probabilities " +
  "summed against a separate 10-class combiner (within 0.2 points; summed kept). The forest's size (50 trees " +
  "of depth 20) was set by the build-time budget, not searched.";

/** The audio forest is the random-forest experiment's 114-genre forest: the genre model pools its predictions. */
const AUDIO_SOURCE = "random-forest";

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Top-5 accuracy of a test evaluation (every evaluation of this experiment lists it). */
function topFive(metrics: ClassificationMetrics): number {
  const top = metrics.topK.find((t) => t.k === 5);
  if (!top) throw new Error("the evaluation has no top-5 accuracy");
  return top.accuracy;
}

/**
 * The genre model: the seed's 15 audio and track features through a random forest (the seed feature set), and
 * the same forest pooled with the track's artist and album name, target-encoded from training rows (plainly
 * labelled: not the seed's feature set). Both protocols, both tasks, top-1 and top-5.
 *
 * `text` is the table's artists and album names. By default they are the table's own `artists` and
 * `albumName` fields where it carries them, else they are read from the analysis's cleaned Parquet file
 * (checked row by row against `context.table`).
 */
export async function runGenreModel(
  context: ExperimentContext,
  inputs: readonly HeldOutPredictions[],
  text?: TrackText,
): Promise<GenreModelResult> {
  const source = checkTrackText(
    context.table,
    text ?? textOfTable(context.table) ?? (await loadTrackText(context.table)),
  );
  const { genre, superGenre } = context.tasks;
  const data = {
    artistKeys: artistKeys(source.artists),
    albumKeys: albumKeys(source.albumName),
    superOf: superGenreOfGenre(genre.labels, superGenre.labels, genre.classes.length),
  };
  const protocols: GenreModelResult["protocols"] = [];
  const forests: HeldOutPredictions[] = [];
  for (const split of context.splits) {
    const audio = heldOutOf(inputs, AUDIO_SOURCE, "genre", split.protocol);
    forests.push(audio);
    const result = runProtocol(context, data, split, audio);
    protocols.push(result);
    const line = result.evaluations
      .map((e) => `${e.task} ${e.model} top-1 ${pct(e.test.accuracy)} / top-5 ${pct(topFive(e.test))}`)
      .join("; ");
    context.log(`models ▸ genre model (${split.protocol}): test ${line}`);
  }

  const goals = GENRE_MODEL_GOALS.map((goal) => ({
    ...goal,
    results: protocols.flatMap((p) =>
      p.evaluations
        .filter((e) => e.task === goal.task)
        .map((e) => {
          const value = goal.metric === "top-1" ? e.test.accuracy : topFive(e.test);
          return { protocol: p.protocol.protocol, model: e.model, value, met: value >= goal.threshold };
        }),
    ),
  }));

  return {
    model: "genre-model",
    description:
      "Two models of the genre. Audio: a random forest on the seed's 15 audio and track features, trained on " +
      "each protocol's training rows for the 114 genres; its probabilities summed by super-genre give the " +
      "super-genre prediction. Audio + artist/album: the same forest pooled with two target encoders, the " +
      "genre distribution of the track's artists and of its album name among the counted rows, by a " +
      "log-linear combiner fitted on the validation rows. The second model reads the artist and album " +
      "columns, which the seed's models did not: it is not the seed's feature set. Its validation figures are " +
      "on the rows its combiner was fitted on; its test figures, like the forest's, are on rows no step saw.",
    featureSets: [
      {
        model: "audio",
        label: "15 audio/track features (the seed's feature set)",
        description: "The seed's 15 non-string columns, as its trees and forest used them.",
        features: featureNames(SEED_RAW_FEATURES),
      },
      {
        model: "audio-artist-album",
        label:
          "15 audio/track features + the track's artist and album name, target-encoded from training rows",
        description:
          "The 15 features through the audio forest, plus the smoothed genre distribution of the track's " +
          'artists (the artists string split on ";", their counts pooled) and of its album name, counted over ' +
          "the training rows (and, for test rows, the validation rows too). Track ids and names are not used.",
        features: [
          ...featureNames(SEED_RAW_FEATURES),
          "artists (target-encoded)",
          "album_name (target-encoded)",
        ],
      },
    ],
    hyperparameters: {
      forest: {
        source: AUDIO_SOURCE,
        nEstimators: GENRE_FOREST_TREES,
        maxDepth: forests.map((f) => ({
          protocol: f.protocol,
          maxDepth: typeof f.settings.max_depth === "number" ? f.settings.max_depth : null,
        })),
        maxFeatures: "sqrt",
        bootstrap: true,
        randomState: FOREST_RANDOM_STATE,
        classes: genre.classes.length,
      },
      audioUniformMix: AUDIO_UNIFORM_MIX,
      encoders: {
        artistKeys:
          "the artists string split on \";\", trimmed, duplicates dropped; a row's artists' counts summed",
        albumKeys: "album_name as it is",
        smoothing:
          "p(g) = (n_g + α·π_g) / (n + α): n_g the counted rows of genre g under the row's categories, π the " +
          "counted rows' genre prior. Validation rows are encoded out of fold (training rows plus the other " +
          "validation folds; on a grouped protocol folds keep its groups whole: a track_id, or a recording), test rows with all " +
          "training and validation rows.",
        alphaGrid: [...TEXT_ENCODING.alphaGrid],
        folds: TEXT_ENCODING.folds,
        foldSeed: TEXT_ENCODING.foldSeed,
      },
      combiner: {
        form:
          "score_g = a_h·log P_audio(g) + b_h·log P_artist(g) + c_h·log P_album(g) + d_g, softmax over the 114 " +
          "genres, with one weight triple (a, b, c) ≥ 0 per evidence group h and one bias d_g per genre; " +
          "fitted on the validation rows by L-BFGS on the mean log-loss. Weights are non-negative because, " +
          "left free, the seed protocol's fit gives the album a negative weight: there a validation track's " +
          "album was often counted under another genre for a copy of the same track, a leak of that split.",
        evidenceGroups: [...EVIDENCE_GROUPS],
        l2Bias: COMBINER.l2,
        l2Weights: COMBINER.l2Weights,
        maxIter: COMBINER.maxIter,
        tol: COMBINER.tol,
        superGenre: "the pooled 114-genre probabilities summed by super-genre",
      },
    },
    search: SEARCH,
    protocols,
    goals,
    reference: {
      seedRandomForestSuperGenre: 0.5578054994289731,
      publishedLightGbmGenreTop1: 0.421,
      note:
        "The seed's best super-genre model was its random forest (test accuracy 0.558 on its random split); a " +
        "published LightGBM on this dataset reports 0.421 top-1 on the 114 genres.",
    },
  };
}

/** One phrase for the build summary. */
export function describeGenreModel(result: GenreModelResult): string {
  const seed = result.protocols.find((p) => p.protocol.protocol === "seed-random") ?? result.protocols[0];
  const test = (task: string, model: string) =>
    seed?.evaluations.find((e) => e.task === task && e.model === model)?.test;
  const at = (task: string, model: string) => pct(test(task, model)?.accuracy ?? Number.NaN);
  return (
    `${seed?.protocol.protocol}: super-genre ${at("super-genre", "audio")} audio → ` +
    `${at("super-genre", "audio-artist-album")} with artist/album, ${test("genre", "audio")?.classes.length} ` +
    `genres ${at("genre", "audio")} → ${at("genre", "audio-artist-album")}`
  );
}
