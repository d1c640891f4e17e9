import type { ClassifierEvaluation } from "@spotiflies/models/results";
import { classifier, evaluation, HEADLINE, PROTOCOLS, type Protocol } from "./models.ts";

/** Facts of the gradient-boosted trees (gradient-boosting.json), beside the random forest they are compared with. */
export function boostingFacts() {
  const boosting = classifier("gradient-boosting");
  const on = (protocol: Protocol, task: ClassifierEvaluation["task"]) => ({
    boosting: evaluation("gradient-boosting", protocol, task),
    forest: evaluation("random-forest", protocol, task),
  });
  const chosen = (e: ClassifierEvaluation) => ({
    iterations: Number(e.chosen?.iterations),
    learningRate: Number(e.chosen?.learningRate),
    maxLeafNodes: Number(e.chosen?.maxLeafNodes),
    maxIterations: Number(e.chosen?.maxIterations),
    l2: Number(e.chosen?.l2Regularization),
    /** Gradient-based one-side sampling (null where every tree saw every row). */
    goss:
      typeof e.chosen?.gossTopRate === "number"
        ? {
            topRate: e.chosen.gossTopRate,
            otherRate: Number(e.chosen.gossOtherRate),
            fromIteration: Number(e.chosen.gossFromIteration),
          }
        : null,
  });
  const superGenre = PROTOCOLS.map((protocol) => ({ protocol, ...on(protocol, "super-genre") }));
  const genre = PROTOCOLS.map((protocol) => ({ protocol, ...on(protocol, "genre") }));
  const headline = on(HEADLINE, "super-genre");
  return {
    result: boosting,
    superGenre,
    genre,
    headline,
    headlineGenre: on(HEADLINE, "genre"),
    random: on("seed-random", "super-genre"),
    superSettings: chosen(headline.boosting),
    genreSettings: chosen(on(HEADLINE, "genre").boosting),
    /** Protocols on which the boosted trees beat the forest on the super-genres. */
    beatsForest: superGenre
      .filter((r) => r.boosting.test.accuracy > r.forest.test.accuracy)
      .map((r) => r.protocol),
    iterations: (task: ClassifierEvaluation["task"]) =>
      (task === "super-genre" ? superGenre : genre).map((r) => chosen(r.boosting).iterations),
  };
}
