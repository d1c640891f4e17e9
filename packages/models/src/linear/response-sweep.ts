import { type Matrix, takeColumns, takeRows } from "../matrix.ts";
import { type BiasVariance, biasVarianceDecomp } from "../metrics/bias-variance.ts";
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from "../metrics/regression.ts";
import { Random } from "../random.ts";
import { type ForwardSelectionOptions, forwardSelect } from "./forward-selection.ts";
import { fitLinearRegression, type LinearModel, predictLinearRegression } from "./least-squares.ts";
import { polynomialFeatureNames, polynomialFeatures } from "./polynomial.ts";
import { fitFromStatistics, sufficientStatistics } from "./sufficient-statistics.ts";

/** "linear": `LinearRegression()` on the selected predictors; "quadratic": `make_pipeline(PolynomialFeatures(2), LinearRegression())`. */
export type RegressionModelKind = "linear" | "quadratic";

/**
 * Row positions of a group for one response (a `RowSplit` from `trainValidationTestSplit` fits). Forward
 * selection's unshuffled KFold cuts `train` in the order given, as sklearn cuts the shuffled train frame.
 */
export interface SweepSplit {
  train: ArrayLike<number>;
  validation: ArrayLike<number>;
  test: ArrayLike<number>;
}

export interface BiasVarianceSettings {
  /** Bootstrap rounds (mlxtend's `num_rounds`; the seed used the default 200). */
  numRounds: number;
  /** Seed of the bootstrap generator, restarted for every call as mlxtend's `random_seed=123` is. */
  seed: number;
}

export interface SweepOptions {
  /** Names of the group matrix's columns, in order (the seed's 11 numeric columns). */
  columns: readonly string[];
  /**
   * Splits a group's rows for one response; called once per response with the group's row count and the
   * response's column index. The seed used the same `train_test_split(..., random_state=42)` pair for every
   * response (see `seededSplit`).
   */
  split: (nRows: number, response: number) => SweepSplit;
  /** Models to fit on each selection; default both, in the seed's order. */
  models?: readonly RegressionModelKind[];
  /** Bias–variance settings, or null to skip it; default { numRounds: 200, seed: 123 } as the seed. */
  biasVariance?: BiasVarianceSettings | null;
  /** Forward-selection options; default sklearn's "auto" (half the predictors) with unshuffled 5-fold CV. */
  selection?: ForwardSelectionOptions;
  /** Responses to sweep (column indices); default every column. */
  responses?: readonly number[];
}

export interface RegressionScores {
  mse: number;
  rmse: number;
  /** Mean absolute error; the seed's "MAD" (`np.mean(np.abs(y - y_pred))`) is the same number. */
  mae: number;
  r2: number;
}

export interface ModelFit {
  model: RegressionModelKind;
  /** The regression's inputs: the selected predictors (ascending), or their PolynomialFeatures(2) names. */
  terms: string[];
  intercept: number;
  coefficients: number[];
  /** Numerical rank of the centred design (the quadratic's bias column always drops one). */
  rank: number;
  train: RegressionScores;
  validation: RegressionScores;
  /** mlxtend-style decomposition on the test split (fits on bootstrap samples of train); null when skipped. */
  biasVariance: BiasVariance | null;
}

export interface ResponseResult {
  response: string;
  /** Candidate predictors: every other column, in column order (the seed's `train.drop(columns=response)`). */
  predictors: string[];
  /** Selected predictors in the order forward selection added them. */
  selected: string[];
  /** Mean 5-fold CV R² after each addition, parallel to `selected`. */
  cvScores: number[];
  /** Selected predictors in column order: what `selector.transform` keeps and the models are fitted on. */
  selectedColumns: string[];
  sizes: { train: number; validation: number; test: number };
  fits: Partial<Record<RegressionModelKind, ModelFit>>;
}

export interface BestResponse {
  response: string;
  trainR2: number;
  validationR2: number;
}

export interface GroupSweep {
  group: string;
  nRows: number;
  responses: ResponseResult[];
  /** Per model, the response with the highest validation R² (first one on ties); absent for no responses. */
  best: Partial<Record<RegressionModelKind, BestResponse>>;
}

export interface HighestR2 extends BestResponse {
  group: string;
}

export interface SweepSummary {
  groups: GroupSweep[];
  models: RegressionModelKind[];
  /** The seed's `numeric_dict`: per model, how many groups each response was the best response of. */
  tally: Partial<Record<RegressionModelKind, Record<string, number>>>;
  /** Per model, the group × response with the highest validation R² (the argmax the seed tracked). */
  highest: Partial<Record<RegressionModelKind, HighestR2>>;
  /**
   * What the seed's final print would have said: the LAST group and LAST response of its loops (its
   * f-string used the loop variables) with the highest score. Kept to document quirk "highest-r2-loop-variables".
   */
  seedPrinted: Partial<
    Record<RegressionModelKind, { group: string; response: string; validationR2: number }>
  >;
  biasVariance: BiasVarianceSettings | null;
}

/** A group of rows (a genre or super-genre) and its numeric columns. */
export interface GroupData {
  name: string;
  data: Matrix;
}

/**
 * The seed's bugs in section 1.4, which this module does not reproduce; kept so the report can cite them.
 */
export const SEED_QUIRKS = [
  {
    id: "highest-r2-loop-variables",
    description:
      "The final 'highest Validation R²' print used the loop variables {genre} and {response}, i.e. the last " +
      "group and last response (world-music/world × tempo), not the argmax it had tracked; the tracked " +
      "highest_r2_response was itself set from the loop variable `response` rather than max_response.",
  },
  {
    id: "quadratic-bias-variance-linear-model",
    description:
      "In the quadratic sweep, bias_variance_decomp was called with linear_reg, not poly_reg: the printed " +
      "loss/bias/variance are the linear model's. Here each model's decomposition uses that model.",
  },
  {
    id: "tally-printed-linear",
    description:
      "After the quadratic and the super-genre sweeps the seed printed numeric_dict (the linear per-genre " +
      "tally) instead of numeric_dict2 / numeric_dict3, which it computed but never showed.",
  },
  {
    id: "bias-variance-labels",
    description:
      "The seed printed 'Loss, variance, and bias: {loss}, {bias}, {var}' — the second value is the bias " +
      "and the third the variance.",
  },
  {
    id: "best-response-threshold",
    description:
      "max_validation_r2 started at 0 with a strict '>', so a group whose every validation R² was ≤ 0 would " +
      "have left max_response '' and crashed numeric_dict['']; here the best response is the plain argmax.",
  },
  {
    id: "mad-equals-mae",
    description:
      "The seed's 'MAD' (np.mean(np.abs(y - y_pred))) equals mean_absolute_error; it is reported once.",
  },
  {
    id: "selection-repeated",
    description:
      "The quadratic sweep re-ran the same linear forward selection on the same split; here one selection " +
      "per group × response serves both models (identical by construction).",
  },
] as const;

/**
 * One group's sweep, the seed's inner loop of section 1.4: for each numeric column as the response, split
 * the rows (`options.split`), forward-select predictors on train with `SequentialFeatureSelector(
 * LinearRegression(), "auto", forward, r2, cv=5)`, fit each model on train's selected columns
 * (`LinearRegression` or `make_pipeline(PolynomialFeatures(2), LinearRegression())`), and score train and
 * validation with sklearn's `mean_squared_error`, RMSE, `mean_absolute_error` and `r2_score`; then the
 * bias–variance decomposition (mlxtend's `bias_variance_decomp(model, X_train, y_train, X_test, y_test,
 * loss="mse", random_seed=123)`, via the metrics' `biasVarianceDecomp`, each bootstrap fit from weighted
 * sufficient statistics).
 */
export function sweepGroup(group: GroupData, options: SweepOptions): GroupSweep {
  const { columns, split, models = ["linear", "quadratic"], selection } = options;
  const bv = options.biasVariance === undefined ? { numRounds: 200, seed: 123 } : options.biasVariance;
  const { data } = group;
  if (data.cols !== columns.length) {
    throw new RangeError(`group ${group.name} has ${data.cols} columns but ${columns.length} names`);
  }
  const responseIndices = options.responses ?? columns.map((_, j) => j);
  const responses: ResponseResult[] = [];
  for (const j of responseIndices) {
    const predictorIdx = columns.map((_, c) => c).filter((c) => c !== j);
    const predictorNames = predictorIdx.map((c) => columns[c] as string);
    const rows = split(data.rows, j);
    const part = (r: ArrayLike<number>) => ({
      X: takeColumns(takeRows(data, r), predictorIdx),
      y: Float64Array.from(r, (i) => data.data[(i as number) * data.cols + j] as number),
    });
    const train = part(rows.train);
    const validation = part(rows.validation);
    const test = part(rows.test);

    const selected = forwardSelect(train.X, train.y, selection);
    const selectedNames = selected.support.map((k) => predictorNames[k] as string);
    const fits: Partial<Record<RegressionModelKind, ModelFit>> = {};
    for (const model of models) {
      const design = (X: Matrix) => {
        const chosen = takeColumns(X, selected.support);
        return model === "linear" ? chosen : polynomialFeatures(chosen, { degree: 2 });
      };
      const terms = model === "linear" ? selectedNames : polynomialFeatureNames(selectedNames, { degree: 2 });
      const trainDesign = design(train.X);
      const testDesign = design(test.X);
      const fitted = fitLinearRegression(trainDesign, train.y);
      fits[model] = {
        model,
        terms,
        intercept: fitted.intercept,
        coefficients: Array.from(fitted.coefficients),
        rank: fitted.rank,
        train: scores(train.y, predictLinearRegression(fitted, trainDesign)),
        validation: scores(validation.y, predictLinearRegression(fitted, design(validation.X))),
        biasVariance:
          bv === null ? null : bootstrapBiasVariance(trainDesign, train.y, testDesign, test.y, bv),
      };
    }
    responses.push({
      response: columns[j] as string,
      predictors: predictorNames,
      selected: selected.order.map((k) => predictorNames[k] as string),
      cvScores: selected.scores,
      selectedColumns: selectedNames,
      sizes: { train: rows.train.length, validation: rows.validation.length, test: rows.test.length },
      fits,
    });
  }
  const best: Partial<Record<RegressionModelKind, BestResponse>> = {};
  for (const model of models) {
    for (const r of responses) {
      const fit = r.fits[model] as ModelFit;
      const current = best[model];
      if (current === undefined || fit.validation.r2 > current.validationR2) {
        best[model] = { response: r.response, trainR2: fit.train.r2, validationR2: fit.validation.r2 };
      }
    }
  }
  return { group: group.name, nRows: data.rows, responses, best };
}

/**
 * The seed's outer loop: {@link sweepGroup} for each group in order, then {@link summarizeSweep}.
 */
export function sweepGroups(groups: Iterable<GroupData>, options: SweepOptions): SweepSummary {
  const results: GroupSweep[] = [];
  for (const group of groups) results.push(sweepGroup(group, options));
  return summarizeSweep(results, options);
}

/**
 * Tallies group sweeps (possibly computed separately, e.g. in workers) as the seed did: per model the count
 * of groups whose best response is each column (`numeric_dict`), the overall highest validation R² with its
 * group and response (the true argmax, first on ties), and what the seed's buggy print would have shown.
 */
export function summarizeSweep(
  groups: GroupSweep[],
  options: Pick<SweepOptions, "columns" | "models" | "biasVariance">,
): SweepSummary {
  const models = [...(options.models ?? ["linear", "quadratic"])];
  const bv = options.biasVariance === undefined ? { numRounds: 200, seed: 123 } : options.biasVariance;
  const tally: SweepSummary["tally"] = {};
  const highest: SweepSummary["highest"] = {};
  const seedPrinted: SweepSummary["seedPrinted"] = {};
  const lastGroup = groups[groups.length - 1];
  const lastResponse = lastGroup?.responses[lastGroup.responses.length - 1]?.response;
  for (const model of models) {
    const counts: Record<string, number> = {};
    for (const c of options.columns) counts[c] = 0;
    let top: HighestR2 | undefined;
    for (const g of groups) {
      const b = g.best[model];
      if (b === undefined) continue;
      counts[b.response] = (counts[b.response] ?? 0) + 1;
      if (top === undefined || b.validationR2 > top.validationR2) top = { group: g.group, ...b };
    }
    tally[model] = counts;
    if (top !== undefined) highest[model] = top;
    if (top !== undefined && lastGroup !== undefined && lastResponse !== undefined) {
      // The seed's highest_r2 started at 0, so it printed 0 when no group beat it.
      seedPrinted[model] = {
        group: lastGroup.group,
        response: lastResponse,
        validationR2: Math.max(0, top.validationR2),
      };
    }
  }
  return { groups, models, tally, highest, seedPrinted, biasVariance: bv };
}

function scores(y: Float64Array, pred: Float64Array): RegressionScores {
  return {
    mse: meanSquaredError(y, pred),
    rmse: rootMeanSquaredError(y, pred),
    mae: meanAbsoluteError(y, pred),
    r2: r2Score(y, pred),
  };
}

/**
 * mlxtend's `bias_variance_decomp(LinearRegression-on-design, ...)`: each round's model is fitted from the
 * train design's sufficient statistics weighted by the bootstrap multiplicities (equal to refitting on the
 * resampled rows), then predicts the test design.
 */
export function bootstrapBiasVariance(
  trainDesign: Matrix,
  yTrain: Float64Array,
  testDesign: Matrix,
  yTest: Float64Array,
  { numRounds, seed }: BiasVarianceSettings,
): BiasVariance {
  const nTrain = trainDesign.rows;
  // Columns constant on the training rows (PolynomialFeatures' bias column) are constant on every bootstrap
  // sample too, so the minimum-norm fit gives them 0: dropping them changes no prediction and saves work.
  const varying: number[] = [];
  for (let j = 0; j < trainDesign.cols; j++) {
    const first = trainDesign.data[j];
    for (let i = 1; i < nTrain; i++) {
      if (trainDesign.data[i * trainDesign.cols + j] !== first) {
        varying.push(j);
        break;
      }
    }
  }
  const X = varying.length === trainDesign.cols ? trainDesign : takeColumns(trainDesign, varying);
  const Xtest = varying.length === testDesign.cols ? testDesign : takeColumns(testDesign, varying);
  const base = sufficientStatistics(X, yTrain);
  const counts = new Float64Array(nTrain);
  return biasVarianceDecomp({
    nTrain,
    yTest,
    loss: "mse",
    numRounds,
    rng: new Random(seed),
    fitPredict: (indices) => {
      counts.fill(0);
      for (const i of indices) counts[i] = (counts[i] as number) + 1;
      const stats = sufficientStatistics(X, yTrain, {
        weights: counts,
        shift: base.shift,
        shiftY: base.shiftY,
      });
      const model: LinearModel = fitFromStatistics(stats);
      return predictLinearRegression(model, Xtest);
    },
  });
}
