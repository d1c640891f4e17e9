import type { TrackTable } from "../dataset/tracks.ts";
import { encodeLabels } from "../features/label-encoder.ts";
import type { Task } from "../features/task.ts";
import type { ProtocolInfo } from "../results/schemas.ts";
import {
  groupedSplit,
  type ProtocolName,
  type Split,
  seedRandomSplit,
  stratifiedGroupedSplit,
} from "../splits/splits.ts";

/**
 * The protocols of every comparison, in one place: the classification tasks, the three splits of the rows into
 * train, validation and test, and what each split is worth as evidence. Experiments take these from their
 * context; nothing below `src/` outside `experiments/` decides how rows are dealt.
 */

export type { Task } from "../features/task.ts";

export interface Tasks {
  superGenre: Task;
  genre: Task;
}

export const SPLIT_SEED = 42;

/** The protocol every headline number uses. */
export const HEADLINE_PROTOCOL: ProtocolName = "recording-grouped";

export const PROTOCOL_DESCRIPTIONS: Record<ProtocolName, string> = {
  "seed-random":
    "The seed's protocol: rows shuffled and split 60/20/20 at random. A track listed under several genres, a " +
    "duplicated row, or the same recording under another track_id can sit in training and test at once.",
  "track-grouped":
    "Rows grouped by track_id, each track's rows kept together in one of train (60 %), validation (20 %) or " +
    "test (20 %). The same recording released again under another track_id can still sit on both sides.",
  "recording-grouped":
    "Rows grouped by recording (a shared track_id, or the same artists and every audio column), each " +
    "recording kept whole in one of train (60 %), validation (20 %) or test (20 %), stratified by genre as far " +
    "as grouping allows. No test row has a copy of its audio in training.",
};

export function createTasks(table: TrackTable): Tasks {
  const superGenre = encodeLabels(table.superGenre);
  const genre = encodeLabels(table.genre);
  return {
    superGenre: { id: "super-genre", classes: superGenre.classes, labels: superGenre.codes },
    genre: { id: "genre", classes: genre.classes, labels: genre.codes },
  };
}

/** How much of a split's test part has its track, or its recording, among the training rows. */
export interface Leakage {
  testRowsWithTrackIdInTrain: number;
  testRowsWithRecordingInTrain: number;
}

const leakage = new WeakMap<Split, Leakage>();

function measureLeakage(table: TrackTable, split: Split): Leakage {
  const trainTracks = new Set<string>();
  const trainRecordings = new Set<string>();
  for (const row of split.train) {
    trainTracks.add(table.trackId[row] as string);
    trainRecordings.add(table.recordingId[row] as string);
  }
  let tracks = 0;
  let recordings = 0;
  for (const row of split.test) {
    if (trainTracks.has(table.trackId[row] as string)) tracks++;
    if (trainRecordings.has(table.recordingId[row] as string)) recordings++;
  }
  return { testRowsWithTrackIdInTrain: tracks, testRowsWithRecordingInTrain: recordings };
}

/** The three protocols, in the order every result lists them: the seed's, by track_id, by recording. */
export function createSplits(table: TrackTable, tasks: Tasks): Split[] {
  const splits = [
    seedRandomSplit(table.rows, SPLIT_SEED),
    groupedSplit(table.trackId, SPLIT_SEED),
    stratifiedGroupedSplit(table.recordingId, tasks.genre.labels, "recording-grouped", SPLIT_SEED),
  ];
  for (const split of splits) leakage.set(split, measureLeakage(table, split));
  return splits;
}

export function protocolInfo(split: Split): ProtocolInfo {
  const leak = leakage.get(split);
  if (!leak)
    throw new Error(`the ${split.protocol} split was not made by createSplits: its leakage is unknown`);
  return {
    protocol: split.protocol,
    description: PROTOCOL_DESCRIPTIONS[split.protocol],
    seed: split.seed,
    train: split.train.length,
    validation: split.validation.length,
    test: split.test.length,
    ...leak,
  };
}
