import { describe, expect, it } from "vitest";
import {
  FULL_STACK_MAX_CLASSES,
  fitStack,
  logProbabilityFeatures,
  PROBABILITY_FLOOR,
} from "../../src/ensemble/stacking.ts";
import { argmaxRows } from "../../src/evaluate/classification.ts";
import { Random } from "../../src/random.ts";

/** Rows × classes probabilities: `right` on class `answer(i)` of each row, the rest shared evenly. */
function confident(labels: Int32Array, k: number, answer: (y: number) => number, right = 0.7): Float64Array {
  const p = new Float64Array(labels.length * k).fill((1 - right) / (k - 1));
  labels.forEach((y, i) => {
    p[i * k + answer(y)] = right;
  });
  return p;
}

function randomLabels(n: number, k: number, seed: number): Int32Array {
  const random = new Random(seed);
  // Every class at least once, so that each has rows to learn from.
  return Int32Array.from({ length: n }, (_, i) => (i < k ? i : random.nextInt(k)));
}

describe("logProbabilityFeatures", () => {
  it("puts member j's log-probability of class g in column j·K + g, floored before the logarithm", () => {
    const X = logProbabilityFeatures(
      [Float64Array.of(0.5, 0.5, 1, 0), Float64Array.of(0.25, 0.75, 0.1, 0.9)],
      2,
    );
    expect([X.rows, X.cols]).toEqual([2, 4]);
    const expected = [0.5, 0.5, 0.25, 0.75, 1, PROBABILITY_FLOOR, 0.1, 0.9].map(Math.log);
    Array.from(X.data).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 12);
    });
  });
});

describe("fitStack", () => {
  /** Fits a stack of `members` on `rows` random labels, and predicts half as many fresh rows with it. */
  function stackOnFreshRows(
    k: number,
    members: ((labels: Int32Array) => Float64Array)[],
    rows: number,
    seed: number,
  ) {
    const fitLabels = randomLabels(rows, k, seed);
    const newLabels = randomLabels(rows / 2, k, seed + 1);
    const stack = fitStack(
      members.map((m) => m(fitLabels)),
      fitLabels,
      k,
    );
    const predicted = argmaxRows(stack.predict(members.map((m) => m(newLabels))), k);
    return { stack, predicted: Array.from(predicted), expected: Array.from(newLabels) };
  }

  it("learns a mapping between classes that no weighted vote can: a member that always names the next class", () => {
    const k = 4;
    const shifted = (labels: Int32Array) => confident(labels, k, (y) => (y + 1) % k);
    const uniform = (labels: Int32Array) => new Float64Array(labels.length * k).fill(1 / k);
    const { stack, predicted, expected } = stackOnFreshRows(k, [shifted, uniform], 400, 1);
    expect(stack.method).toBe("full");
    expect(stack.converged).toBe(true);
    // Any vote of these two members argmaxes to the shifted class: always wrong. The stack is always right.
    expect(predicted).toEqual(expected);
  });

  it("pools many classes with one weight per member: a member right everywhere carries it", () => {
    const k = FULL_STACK_MAX_CLASSES + 5;
    const right = (labels: Int32Array) => confident(labels, k, (y) => y, 0.5);
    const wrong = (labels: Int32Array) => confident(labels, k, (y) => (y + 3) % k, 0.3);
    const { stack, predicted, expected } = stackOnFreshRows(k, [wrong, right], 600, 3);
    expect(stack.method).toBe("pool");
    expect(stack.converged).toBe(true);
    expect(predicted).toEqual(expected);
  });

  it("refuses members of different sizes, labels of another length, and another number of members", () => {
    const labels = Int32Array.of(0, 1);
    expect(() => fitStack([Float64Array.of(1, 0, 0, 1), Float64Array.of(1, 0)], labels, 2)).toThrow(
      /differ in size/,
    );
    expect(() => fitStack([Float64Array.of(1, 0, 0, 1)], Int32Array.of(0), 2)).toThrow(/1 labels for 2 rows/);
    const stack = fitStack([Float64Array.of(0.9, 0.1, 0.2, 0.8)], labels, 2);
    expect(() => stack.predict([Float64Array.of(1, 0), Float64Array.of(1, 0)])).toThrow(
      /fitted on 1 members/,
    );
  });
});
