import { describe, expect, it } from "vitest";
import { fitTimings, type TimedStep } from "../../src/experiments/fit-timings.ts";

describe("fitTimings", () => {
  const steps: TimedStep[] = [
    { model: "random-forest", step: "forest grid search recording-grouped", seconds: 11 },
    { model: "random-forest", step: "fit recording-grouped super-genre", seconds: 14 },
    { model: "random-forest", step: "fit recording-grouped genre", seconds: 13 },
    { model: "gradient-boosting", step: "fit recording-grouped super-genre", seconds: 20 },
    { model: "gradient-boosting", step: "fit recording-grouped genre", seconds: 30 },
    { model: "knn", step: "neighbours recording-grouped raw", seconds: 0.5 },
    { model: "knn", step: "neighbours recording-grouped scaled", seconds: 12 },
    { model: "neural-network", step: "genre recording-grouped: epoch 1", seconds: 1.5 },
    { model: "neural-network", step: "genre recording-grouped: epoch 2", seconds: 2 },
    { model: "neural-network", step: "search 64-64 relu: epoch 1", seconds: 9 },
    { model: "ensemble", step: "vote recording-grouped super-genre", seconds: 0.25 },
    { model: "ensemble", step: "stack recording-grouped super-genre", seconds: 0.75 },
  ];
  const timings = fitTimings(steps);
  const of = (model: string, task: string) =>
    timings.find((t) => t.model === model && t.task === task && t.protocol === "recording-grouped")?.seconds;

  it("takes each model's fit step for its task and protocol, and nothing else", () => {
    expect(of("random-forest", "super-genre-10")).toBe(14);
    expect(of("random-forest", "genre-114")).toBe(13);
    expect(of("gradient-boosting", "super-genre-10")).toBe(20);
  });

  it("counts one neighbour search and one genre network for both tasks, and a network's final epochs only", () => {
    expect(of("knn-raw", "super-genre-10")).toBe(0.5);
    expect(of("knn-raw", "genre-114")).toBe(0.5);
    expect(of("knn-scaled", "genre-114")).toBe(12);
    expect(of("neural-network", "super-genre-10")).toBe(3.5);
    expect(of("neural-network", "genre-114")).toBe(3.5);
  });

  it("charges the vote and the stack with their members' fits, and leaves out what was not timed", () => {
    // The super-genre members: forest, boosted trees and network, and the forest and boosted trees of the genres.
    expect(of("ensemble", "super-genre-10")).toBe(0.25 + 14 + 20 + 3.5 + 13 + 30);
    expect(of("stacked-ensemble", "super-genre-10")).toBe(0.75 + 14 + 20 + 3.5 + 13 + 30);
    expect(of("stacked-ensemble", "genre-114")).toBeUndefined();
    // No genre vote or stack timed: no genre ensemble timing; no logistic fit at all: no logistic timing.
    expect(of("ensemble", "genre-114")).toBeUndefined();
    expect(of("logistic-regression", "super-genre-10")).toBeUndefined();
    expect(timings.every((t) => t.protocol === "recording-grouped")).toBe(true);
  });
});
