import { describe, expect, it } from "vitest";
import { ordinal } from "../src/facts/model-ranking.ts";
import {
  configEntries,
  type NetworkConfig,
  predictionCounts,
  sci,
  setting,
} from "../src/facts/neural-network.ts";

/** The neural-network chapter's wording helpers, on hand-checked inputs. */

describe("numbers for settings", () => {
  it("writes learning rates in scientific notation, carrying a rounded mantissa of 10 to the next power", () => {
    expect(sci(1.0964781961431862e-5)).toBe("1.1 × 10⁻⁵");
    expect(sci(0.0019498445997580478, 3)).toBe("1.95 × 10⁻³");
    expect(sci(1e-10)).toBe("10⁻¹⁰");
    expect(sci(0.1)).toBe("10⁻¹");
    expect(sci(0.00996)).toBe("10⁻²");
    expect(sci(2500)).toBe("2.5 × 10³");
  });

  it("writes settings without trailing zeros, whole numbers in full", () => {
    expect(setting(0.0019498445997580478)).toBe("0.00195");
    expect(setting(0.0001)).toBe("0.0001");
    expect(setting(0.1)).toBe("0.1");
    expect(setting(1024)).toBe("1,024");
  });

  it("names ranks", () => {
    expect([1, 2, 10].map(ordinal)).toEqual(["first", "second", "tenth"]);
    expect([11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual([
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
    ]);
  });
});

describe("a network's recipe", () => {
  const config: NetworkConfig = {
    inputs: { kind: "piecewise-linear", bins: 16 },
    hidden: [64, 32],
    activation: "relu",
    batchNorm: true,
    dropout: 0.25,
    init: "he",
    classWeights: "balanced",
    learningRate: 0.003,
    weightDecay: { mode: "coupled", rate: 0.01 },
    schedule: { kind: "step", stepSize: 10, gamma: 0.1 },
    batchSize: 256,
    maxEpochs: 100,
    earlyStopping: { patience: 5, minDelta: 0.0001, restoreBest: true },
  };

  it("reads as one row per setting", () => {
    const entries = Object.fromEntries(configEntries(config).map((e) => [e.setting, e.value]));
    expect(entries).toEqual({
      inputs: "standardised, then piecewise-linear (16 bins)",
      "hidden layers (units)": "64 → 32",
      activation: "ReLU",
      "batch normalisation": "yes",
      dropout: "0.25",
      "initial weights": "He",
      "class weights in the loss": "balanced (rare groups count more)",
      "learning rate (Adam)": "0.003",
      "weight decay": "0.01, added to the gradient (an L2 penalty: Adam's weight_decay)",
      "learning-rate schedule": "multiplied by 0.1 every 10 epochs",
      "batch size": "256",
      "epochs at most": "100",
      "early stopping":
        "after 5 epochs without the validation loss improving by 0.0001; the best epoch's weights are kept",
    });
  });

  it("says when there is no decay, a cosine or constant schedule, and no early stopping", () => {
    const plain = configEntries({
      ...config,
      weightDecay: { mode: "decoupled", rate: 0 },
      schedule: { kind: "cosine", epochs: 12 },
      earlyStopping: null,
    });
    const value = (name: string) => plain.find((e) => e.setting === name)?.value;
    expect(value("weight decay")).toBe("none");
    expect(value("learning-rate schedule")).toBe("cosine decay to zero over 12 epochs");
    expect(value("early stopping")).toBe("none");
    expect(configEntries({ ...config, inputs: { kind: "standardised" } })[0]).toEqual({
      setting: "inputs",
      value: "standardised",
    });
    const constant = configEntries({ ...config, schedule: { kind: "constant" } });
    expect(constant.find((e) => e.setting === "learning-rate schedule")?.value).toBe("constant");
  });
});

describe("counting predictions", () => {
  it("sums each confusion-matrix column", () => {
    const metrics = {
      classes: ["a", "b", "c"],
      accuracy: 0.5,
      topK: [],
      macro: { precision: 0, recall: 0, f1: 0 },
      weighted: { precision: 0, recall: 0, f1: 0 },
      perClass: [],
      // Rows are true classes: 3 a's (2 right, 1 called c), 2 b's (both called a), 1 c (right).
      confusion: [
        [2, 0, 1],
        [2, 0, 0],
        [0, 0, 1],
      ],
    };
    expect([...predictionCounts(metrics)]).toEqual([
      ["a", 4],
      ["b", 0],
      ["c", 2],
    ]);
  });
});
