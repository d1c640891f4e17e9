import { modelResult } from "../data/models.ts";
import { result } from "../data/results.ts";
import {
  SEED_BIAS_VARIANCE_ROUNDS,
  SEED_ENERGY_PRINTED,
  SEED_ENERGY_PROSE_R2,
  SEED_SWEEP_HIGHEST_PRINTED,
  SEED_SWEEP_TALLY_PROSE,
} from "../seed/notebook.ts";
import { HEADLINE, type Protocol } from "./models.ts";

/** Derived facts for the chapter "Regression", all computed from the models' results. */

export function energyFacts() {
  const energy = modelResult("energy-regression");
  const byProtocol = (protocol: Protocol) => {
    const found = energy.evaluations.find((e) => e.protocol.protocol === protocol);
    if (!found) throw new Error(`energy-regression.json has no ${protocol} evaluation.`);
    const { linear, quadratic } = found.result.fits;
    if (!linear || !quadratic) throw new Error(`energy-regression.json: ${protocol} lacks a fit.`);
    return { ...found, linear, quadratic };
  };
  const seed = byProtocol("seed-random");
  const grouped = byProtocol(HEADLINE);
  const sameSet = (a: string[], b: readonly string[]) =>
    a.length === b.length && a.every((x) => b.includes(x));
  const linearBv = seed.linear.biasVariance;
  const quadraticBv = seed.quadratic.biasVariance;
  if (!linearBv || !quadraticBv)
    throw new Error("energy-regression.json has no bias–variance decomposition.");
  const describe = result("describe");
  const std = (column: string) => describe.columns.find((c) => c.column === column)?.std ?? Number.NaN;
  const standardised = seed.linear.terms.map((term, i) => {
    const coefficient = seed.linear.coefficients[i] ?? 0;
    return { term, coefficient, std: std(term), perStd: coefficient * std(term) };
  });
  const bySize = [...standardised].sort((a, b) => Math.abs(b.perStd) - Math.abs(a.perStd));
  const strongest = bySize[0];
  if (!strongest) throw new Error("energy-regression.json: the linear fit has no terms.");
  return {
    strongest,
    strongestOpposite: bySize.find((x) => Math.sign(x.perStd) !== Math.sign(strongest.perStd)),
    energy,
    seed,
    grouped,
    predictors: seed.result.predictors,
    /** The features in the order forward selection added them. */
    order: seed.result.selected,
    /** The same features in the table's column order, as scikit-learn's get_feature_names_out lists them. */
    columnOrder: seed.result.selectedColumns,
    seedSelected: energy.seedSelected,
    sameAsSeed: sameSet(seed.result.selected, energy.seedSelected),
    sameOrderAsSeedPrint: seed.result.selectedColumns.join() === energy.seedSelected.join(),
    protocolsAgree: seed.result.selected.join() === grouped.result.selected.join(),
    /** How far the linear model's validation R² moves between the random and the recording-grouped split. */
    protocolR2Difference: Math.abs(seed.linear.validation.r2 - grouped.linear.validation.r2),
    firstCv: seed.result.cvScores[0] ?? 0,
    lastCv: seed.result.cvScores.at(-1) ?? 0,
    firstFeature: seed.result.selected[0] ?? "",
    rounds: energy.biasVariance?.numRounds ?? 0,
    bvSeed: energy.biasVariance?.seed ?? 0,
    seedRounds: SEED_BIAS_VARIANCE_ROUNDS,
    linearBv,
    quadraticBv,
    /** Variance as a share of the expected loss: how little of the error comes from refitting noise. */
    varianceShare: linearBv.avgVar / linearBv.avgExpectedLoss,
    seedPrinted: SEED_ENERGY_PRINTED,
    seedProseR2: SEED_ENERGY_PROSE_R2,
    /** The quadratic model's extra columns: squares and pairwise products of the selected features. */
    quadraticTerms: seed.quadratic.terms.filter((t) => t !== "1").length,
    /** Effect on energy of a one-standard-deviation rise in each feature (coefficient × its std). */
    standardised,
    energyStd: std("energy"),
  };
}

export function sweepFacts() {
  const sweeps = modelResult("response-sweeps");
  const quirk = (id: string) => {
    const found = sweeps.seedQuirks.find((q) => q.id === id);
    if (!found) throw new Error(`response-sweeps.json records no seed quirk "${id}".`);
    return found;
  };
  const sweepOf = (grouping: "genre" | "super-genre") => {
    const found = sweeps.sweeps.find((s) => s.grouping === grouping);
    if (!found) throw new Error(`response-sweeps.json has no ${grouping} sweep.`);
    const tally = (model: "linear" | "quadratic") =>
      Object.entries(found.tally[model])
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([response, groups]) => ({ response, groups }));
    /** The validation R² of the pair the seed's sentence names, in this rebuild. */
    const named = (model: "linear" | "quadratic") => {
      const printed = found.seedPrinted[model];
      const group = found.groups.find((g) => g.group === printed.group);
      const response = group?.responses.find((r) => r.response === printed.response);
      return response?.[model].validationR2;
    };
    return {
      ...found,
      linearTally: tally("linear"),
      quadraticTally: tally("quadratic"),
      namedLinearR2: named("linear"),
      namedQuadraticR2: named("quadratic"),
    };
  };
  const genre = sweepOf("genre");
  const superGenre = sweepOf("super-genre");
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  };
  const medians = sweeps.columns
    .map((response) => ({
      response,
      median: median(
        genre.groups.flatMap((g) =>
          g.responses.filter((r) => r.response === response).map((r) => r.linear.validationR2),
        ),
      ),
    }))
    .sort((a, b) => b.median - a.median);
  const ordinal = (n: number) =>
    `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;
  return {
    medians,
    leastPredictable: medians.slice(-3).reverse(),
    tempoRank: ordinal(medians.findIndex((m) => m.response === "tempo") + 1),
    sweeps,
    genre,
    superGenre,
    responses: sweeps.columns,
    rounds: sweeps.biasVariance?.numRounds ?? 0,
    seedRounds: SEED_BIAS_VARIANCE_ROUNDS,
    seedTallyProse: Object.entries(SEED_SWEEP_TALLY_PROSE).map(([response, groups]) => ({
      response,
      groups,
    })),
    seedHighest: SEED_SWEEP_HIGHEST_PRINTED,
    quirks: {
      loopVariables: quirk("highest-r2-loop-variables"),
      quadraticBiasVariance: quirk("quadratic-bias-variance-linear-model"),
      tallyPrinted: quirk("tally-printed-linear"),
      labels: quirk("bias-variance-labels"),
    },
    regressions: (genre.groups.length + superGenre.groups.length) * sweeps.columns.length,
  };
}
