import type { TrackTable } from "../dataset/tracks.ts";
import { encodeLabels } from "../features/label-encoder.ts";
import type { ProtocolInfo } from "../results/schemas.ts";
import { groupedSplit, type Split, seedRandomSplit } from "../splits/splits.ts";

/** A classification target: the 10 super-genres or the 114 genres, label-encoded. */
export interface Task {
  id: "super-genre" | "genre";
  classes: string[];
  labels: Int32Array;
}

/** Everything an experiment needs, built once per run. */
export interface ExperimentContext {
  table: TrackTable;
  tasks: { superGenre: Task; genre: Task };
  /** The seed's random 60/20/20 split and the leakage-free split by track_id, in that order. */
  splits: Split[];
  log: (line: string) => void;
  /** Fitted models experiments hand over for saving (name → schema-checked value), written by the CLI. */
  exports: Map<ModelExportName, unknown>;
  /** Records how long a step took, for the build log (results themselves carry no timings). */
  time: (step: string, seconds: number) => void;
  steps: { step: string; seconds: number }[];
}

export type ModelExportName =
  | "model-logistic-super-genre"
  | "model-decision-tree-super-genre"
  | "model-forest-super-genre"
  | "model-mlp-super-genre"
  | "model-mlp-genre";

export const SPLIT_SEED = 42;

const PROTOCOL_DESCRIPTIONS: Record<Split["protocol"], string> = {
  "seed-random":
    "The seed's protocol: rows shuffled and split 60/20/20 at random. A track listed under several genres, " +
    "or duplicated, can sit in training and test at once.",
  "track-grouped":
    "Leakage-free: rows grouped by track_id, and each track's rows kept together in one of train (60 %), " +
    "validation (20 %) or test (20 %).",
};

export function protocolInfo(split: Split): ProtocolInfo {
  return {
    protocol: split.protocol,
    description: PROTOCOL_DESCRIPTIONS[split.protocol],
    seed: split.seed,
    train: split.train.length,
    validation: split.validation.length,
    test: split.test.length,
  };
}

export function createContext(table: TrackTable, log: (line: string) => void = () => {}): ExperimentContext {
  const superGenre = encodeLabels(table.superGenre);
  const genre = encodeLabels(table.genre);
  const steps: ExperimentContext["steps"] = [];
  return {
    table,
    tasks: {
      superGenre: { id: "super-genre", classes: superGenre.classes, labels: superGenre.codes },
      genre: { id: "genre", classes: genre.classes, labels: genre.codes },
    },
    splits: [seedRandomSplit(table.rows, SPLIT_SEED), groupedSplit(table.trackId, SPLIT_SEED)],
    log,
    exports: new Map(),
    steps,
    time: (step, seconds) => steps.push({ step, seconds }),
  };
}
