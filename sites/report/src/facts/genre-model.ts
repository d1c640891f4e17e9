import type { ClassificationMetrics } from "@spotiflies/models/results";
import { modelResult } from "../data/models.ts";
import { HEADLINE, type Protocol, protocolName, type Task } from "./models.ts";

/**
 * Facts of the `genre-model` experiment for the comparison chapter: an audio-only forest, and the same forest pooled
 * with what the track's artist and album say — not the seed's feature set, and always labelled as such.
 */

export type GenreModelResult = ReturnType<typeof modelResult<"genre-model">>;
export type GenreModelId = GenreModelResult["featureSets"][number]["model"];
export type Goal = GenreModelResult["goals"][number];

/** How the report names the two models; the second name always says that it reads more than the audio. */
export const GENRE_MODEL_NAMES: Record<GenreModelId, string> = {
  audio: "audio only",
  "audio-artist-album": "audio + artist/album (not the seed's features)",
};

export function genreModel(): GenreModelResult {
  return modelResult("genre-model");
}

function protocolResult(protocol: Protocol) {
  const found = genreModel().protocols.find((p) => p.protocol.protocol === protocol);
  if (!found) throw new Error(`genre-model.json has no ${protocol} results.`);
  return found;
}

export function genreModelTest(protocol: Protocol, task: Task, model: GenreModelId): ClassificationMetrics {
  const found = protocolResult(protocol).evaluations.find((e) => e.task === task && e.model === model);
  if (!found)
    throw new Error(`genre-model.json has no ${protocol} ${task} evaluation of the ${model} model.`);
  return found.test;
}

export function topKOf(metrics: ClassificationMetrics, k: number): number {
  const found = metrics.topK.find((t) => t.k === k);
  if (!found) throw new Error(`No top-${k} accuracy recorded.`);
  return found.accuracy;
}

/** One goal's outcome for one model on one protocol. */
export function goalResult(goal: Goal, protocol: Protocol, model: GenreModelId) {
  const found = goal.results.find((r) => r.protocol === protocol && r.model === model);
  if (!found)
    throw new Error(`genre-model.json: goal ${goal.task} ${goal.metric} has no ${protocol} ${model} result.`);
  return found;
}

/** The test rows whose artists the pooled model has never counted: where it has only the audio (and album) to go on. */
export function newArtistSubset(protocol: Protocol) {
  const found = protocolResult(protocol).subsets.find((s) => s.id === "artist-new");
  if (!found) throw new Error(`genre-model.json has no "artist-new" subset on ${protocol}.`);
  const result = (task: Task, model: GenreModelId) => {
    const r = found.results.find((x) => x.task === task && x.model === model);
    if (!r) throw new Error(`genre-model.json: the artist-new subset lacks ${task} ${model}.`);
    return r;
  };
  return { ...found, result };
}

export function genreModelFacts() {
  const r = genreModel();
  const audio = r.featureSets.find((f) => f.model === "audio");
  const pooled = r.featureSets.find((f) => f.model === "audio-artist-album");
  if (!audio || !pooled) throw new Error("genre-model.json lacks one of its two feature sets.");
  const goals = r.goals.map((goal) => ({
    goal,
    seedAudio: goalResult(goal, "seed-random", "audio"),
    seedPooled: goalResult(goal, "seed-random", "audio-artist-album"),
    groupedAudio: goalResult(goal, HEADLINE, "audio"),
    groupedPooled: goalResult(goal, HEADLINE, "audio-artist-album"),
  }));
  return {
    result: r,
    audio,
    pooled,
    forest: r.hyperparameters.forest,
    /** "20 on the random split, 30 on the track-grouped split and 20 on the recording-grouped split". */
    forestDepths: (() => {
      const parts = r.hyperparameters.forest.maxDepth.map(
        (d) => `${d.maxDepth ?? "unlimited"} on the ${protocolName(d.protocol)}`,
      );
      return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : (parts[0] ?? "");
    })(),
    goals,
    audioGoalsMet: goals.filter((g) => g.seedAudio.met).length,
    pooledGoalsMet: goals.filter((g) => g.seedPooled.met).length,
    groupedCoverage: protocolResult(HEADLINE).coverage.test,
    newArtists: newArtistSubset(HEADLINE),
    superAudioGrouped: genreModelTest(HEADLINE, "super-genre", "audio"),
    superPooledGrouped: genreModelTest(HEADLINE, "super-genre", "audio-artist-album"),
    genreAudioGrouped: genreModelTest(HEADLINE, "genre", "audio"),
    genrePooledGrouped: genreModelTest(HEADLINE, "genre", "audio-artist-album"),
  };
}
