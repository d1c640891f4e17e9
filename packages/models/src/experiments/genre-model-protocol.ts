import { mixUniform } from "../genre-model/audio-expert.ts";
import { type CombinerInput, combine, fitCombiner } from "../genre-model/combiner.ts";
import { artistSubsets, evaluateModels, type Predictions, topAccuracies } from "../genre-model/evaluation.ts";
import { EVIDENCE_GROUPS, evidenceGroups } from "../genre-model/evidence-groups.ts";
import { sumIntoSuperGenres } from "../genre-model/super-genre.ts";
import type { RowKeys } from "../genre-model/target-encoder.ts";
import { coverage, type TextExpert, textExpert } from "../genre-model/text-experts.ts";
import { take } from "../matrix.ts";
import type { GenreModelResult } from "../results/genre-model-schemas.ts";
import type { Split } from "../splits/splits.ts";
import type { ExperimentContext } from "./context.ts";
import { protocolInfo } from "./context.ts";
import type { HeldOutPredictions } from "./held-out.ts";

type ProtocolResult = GenreModelResult["protocols"][number];

/** The combiner's fitting options (see `fitCombiner`). */
export const COMBINER = { l2: 1e-4, l2Weights: 1e-3, maxIter: 500, tol: 1e-4 } as const;

export interface GenreModelData {
  artistKeys: RowKeys;
  albumKeys: RowKeys;
  /** Each genre's super-genre code. */
  superOf: Int32Array;
}

/**
 * One protocol: the audio forest's predictions (the random-forest experiment's 114-genre forest, fitted on the
 * protocol's training rows); the artist and album experts; the combiner fitted on the
 * validation rows; then both models scored once on the test rows, on both tasks, overall and by whether the
 * track's artist was counted.
 */
export function runProtocol(
  context: ExperimentContext,
  data: GenreModelData,
  split: Split,
  audio: HeldOutPredictions,
): ProtocolResult {
  const { genre, superGenre } = context.tasks;
  const K = genre.classes.length;
  const log = (line: string) => context.log(`models ▸ genre model (${split.protocol}): ${line}`);
  if (audio.task !== "genre" || audio.protocol !== split.protocol || audio.classes !== K)
    throw new Error(
      `the audio forest's predictions are for ${audio.task} on ${audio.protocol}, not genre on ${split.protocol}`,
    );
  const yValidation = take(genre.labels, split.validation);
  log(`audio forest validation top-1 ${topAccuracies(yValidation, audio.validation, K).top1.toFixed(4)}`);

  let started = performance.now();
  // The encoders' out-of-fold folds keep the protocol's groups whole, as the split does.
  const splitGroups = split.groups;
  const groupOf = splitGroups ? (row: number) => splitGroups[row] as string : (row: number) => String(row);
  const text: Record<"artist" | "album", TextExpert> = {
    artist: textExpert("artist", data.artistKeys, genre.labels, K, split, groupOf),
    album: textExpert("album", data.albumKeys, genre.labels, K, split, groupOf),
  };
  context.time(`artist and album experts ${split.protocol}`, (performance.now() - started) / 1000);
  log(
    `artist α ${text.artist.alpha} (validation coverage ${coverage(text.artist.validation.raw).toFixed(3)}), ` +
      `album α ${text.album.alpha} (${coverage(text.album.validation.raw).toFixed(3)})`,
  );

  started = performance.now();
  const groups = {
    validation: evidenceGroups(text.artist.validation.raw, text.album.validation.raw),
    test: evidenceGroups(text.artist.test.raw, text.album.test.raw),
  };
  const combinerInput = (part: "validation" | "test"): CombinerInput => ({
    experts: [mixUniform(audio[part], K), text.artist[part].proba, text.album[part].proba],
    groups: groups[part],
    nGroups: EVIDENCE_GROUPS.length,
    nClasses: K,
  });
  // The smoothing strengths and the combiner are chosen on the validation rows (encoded out of fold).
  context.decisionRows(split, "genre model: smoothing and combiner", split.validation);
  const fit = fitCombiner(combinerInput("validation"), yValidation, COMBINER);
  context.time(`combiner ${split.protocol}`, (performance.now() - started) / 1000);
  log(
    `combiner fitted in ${fit.iterations} iterations (${fit.stop}), validation log-loss ${fit.logLoss.toFixed(4)}`,
  );

  const pooled = {
    validation: combine(fit, combinerInput("validation")),
    test: combine(fit, combinerInput("test")),
  };
  const toSuper = (p: { validation: Float64Array; test: Float64Array }) => ({
    validation: sumIntoSuperGenres(p.validation, data.superOf, superGenre.classes.length),
    test: sumIntoSuperGenres(p.test, data.superOf, superGenre.classes.length),
  });
  const predictions: Predictions = {
    audio: { genre: { validation: audio.validation, test: audio.test }, "super-genre": toSuper(audio) },
    "audio-artist-album": { genre: pooled, "super-genre": toSuper(pooled) },
  };
  const tasks = [superGenre, genre];

  // Weights are laid out group by group, in the experts' order: audio, artist, album.
  const weight = (h: number, j: number) => fit.weights[h * fit.nExperts + j] as number;
  return {
    protocol: protocolInfo(split),
    alphaSearch: (["artist", "album"] as const).map((expert) => ({
      expert,
      chosen: text[expert].alpha,
      results: text[expert].alphaSearch,
    })),
    coverage: {
      validation: {
        artist: coverage(text.artist.validation.raw),
        album: coverage(text.album.validation.raw),
      },
      test: { artist: coverage(text.artist.test.raw), album: coverage(text.album.test.raw) },
    },
    combiner: {
      weights: EVIDENCE_GROUPS.map((group, h) => ({
        group,
        validationRows: groups.validation.filter((g) => g === h).length,
        audio: weight(h, 0),
        artist: weight(h, 1),
        album: weight(h, 2),
      })),
      iterations: fit.iterations,
      converged: fit.converged,
      validationLogLoss: fit.logLoss,
    },
    evaluations: evaluateModels(tasks, split, predictions),
    subsets: artistSubsets(tasks, split, predictions, text.artist.test.raw.evidence),
  };
}
