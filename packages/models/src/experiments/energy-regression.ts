import { sweepGroup } from "../linear/response-sweep.ts";
import type { EnergyRegressionResult } from "../results/regression-schemas.ts";
import type { ExperimentContext } from "./context.ts";
import { protocolInfo } from "./context.ts";
import { NUMERIC_COLUMNS, numericMatrix } from "./numeric-matrix.ts";

/** The seed's section 1.4 model: energy from forward-selected numeric features (5-fold CV R²), linear and quadratic. */
export const ENERGY_BIAS_VARIANCE = { numRounds: 200, seed: 123 };
const SEED_SELECTED = ["loudness", "acousticness", "instrumentalness", "liveness", "valence"];

export function runEnergyRegression(context: ExperimentContext): EnergyRegressionResult {
  const all = Int32Array.from({ length: context.table.rows }, (_, i) => i);
  const data = numericMatrix(context.table, all);
  const energy = NUMERIC_COLUMNS.indexOf("energy");
  const evaluations = context.splits.map((split) => {
    const started = performance.now();
    const sweep = sweepGroup(
      { name: "all tracks", data },
      {
        columns: NUMERIC_COLUMNS,
        split: () => split,
        responses: [energy],
        biasVariance: ENERGY_BIAS_VARIANCE,
      },
    );
    const result = sweep.responses[0];
    if (!result) throw new Error("the energy regression produced no result");
    const seconds = (performance.now() - started) / 1000;
    context.log(
      `models ▸ energy regression (${split.protocol}): selected ${result.selected.join(", ")}; ` +
        `validation R² ${result.fits.linear?.validation.r2.toFixed(4)} (${seconds.toFixed(1)} s)`,
    );
    context.time(`energy ${split.protocol}`, seconds);
    return { protocol: protocolInfo(split), result };
  });
  return { response: "energy", seedSelected: SEED_SELECTED, biasVariance: ENERGY_BIAS_VARIANCE, evaluations };
}
