import type { LeaderboardRow } from "../results/leaderboard-schemas.ts";
import { PROTOCOLS, type ProtocolName } from "../splits/splits.ts";
import { MEMBERS_BY_TASK } from "./ensemble.ts";

/** One timed step of the build (an experiment's `context.time`). */
export interface TimedStep {
  model: string;
  step: string;
  seconds: number;
}

/** How long one leaderboard model took to fit for one task and protocol, in this build. */
export interface FitTiming {
  model: string;
  task: LeaderboardRow["task"];
  protocol: ProtocolName;
  seconds: number;
}

const TASK_IDS = { "super-genre-10": "super-genre", "genre-114": "genre" } as const;
type TaskId = (typeof TASK_IDS)[keyof typeof TASK_IDS];

/**
 * Fit seconds of every leaderboard model, from the build's timed steps: what each model cost to train (and,
 * for KNN, to search its neighbours) on one protocol's rows. They live in the build log, not in
 * `leaderboard.json`, because results are byte-identical run to run and timings are not. A model whose steps
 * are missing (a partial `--only` build) is left out. Steps are timed while another experiment runs beside
 * them, so they are what the 2-core build saw, not each model alone.
 */
export function fitTimings(steps: readonly TimedStep[]): FitTiming[] {
  const seconds = (model: string, test: (step: string) => boolean) => {
    const found = steps.filter((s) => s.model === model && test(s.step));
    return found.length === 0 ? undefined : found.reduce((a, s) => a + s.seconds, 0);
  };
  /** The models' own fits for one task on one protocol (no ensembles). */
  const modelFits = (protocol: ProtocolName, id: TaskId): Record<string, number | undefined> => {
    const fit: Record<string, number | undefined> = {};
    for (const model of ["logistic-regression", "decision-tree", "random-forest", "gradient-boosting"])
      fit[model] = seconds(model, (s) => s === `fit ${protocol} ${id}`);
    // One neighbour search serves both tasks.
    fit["knn-raw"] = seconds("knn", (s) => s === `neighbours ${protocol} raw`);
    fit["knn-scaled"] = seconds("knn", (s) => s === `neighbours ${protocol} scaled`);
    // One genre network answers both tasks (its super-genre answer sums its genre probabilities).
    fit["neural-network"] = seconds("neural-network", (s) => s.startsWith(`genre ${protocol}: epoch `));
    return fit;
  };
  const out: FitTiming[] = [];
  for (const task of Object.keys(TASK_IDS) as LeaderboardRow["task"][]) {
    const id = TASK_IDS[task];
    for (const protocol of PROTOCOLS) {
      const fit = modelFits(protocol, id);
      const vote = seconds("ensemble", (s) => s === `vote ${protocol} ${id}`);
      // The vote costs its members' fits (a member fitted on the genres, that fit) and its own weighting.
      const members = MEMBERS_BY_TASK[id].map((m) =>
        m.fittedOn === id ? fit[m.model] : modelFits(protocol, m.fittedOn)[m.model],
      );
      const stack = seconds("ensemble", (s) => s === `stack ${protocol} ${id}`);
      if (members.every((m) => m !== undefined)) {
        const fitted = members.reduce((a: number, m) => a + (m as number), 0);
        if (vote !== undefined) fit.ensemble = vote + fitted;
        // The stack likewise: its members' fits and its own.
        if (stack !== undefined) fit["stacked-ensemble"] = stack + fitted;
      }
      for (const [model, value] of Object.entries(fit)) {
        if (value !== undefined) out.push({ model, task, protocol, seconds: value });
      }
    }
  }
  return out;
}
