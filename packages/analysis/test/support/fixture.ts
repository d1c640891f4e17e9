import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LocatedDataset } from "@spotiflies/data";
import { type ColumnName, DATASET_COLUMNS } from "../../src/columns.ts";

/** One track as the fixtures write it; numbers in the dataset's own units. */
export interface TrackRow {
  row_index: number;
  track_id: string;
  artists: string | null;
  album_name: string | null;
  track_name: string | null;
  popularity: number;
  duration_ms: number;
  explicit: boolean;
  danceability: number;
  energy: number;
  key: number;
  loudness: number;
  mode: number;
  speechiness: number;
  acousticness: number;
  instrumentalness: number;
  liveness: number;
  valence: number;
  tempo: number;
  time_signature: number;
  track_genre: string;
}

export const HEADER_LINE = DATASET_COLUMNS.map((column) => column.header).join(",");

/** A plausible track; `overrides` set the fields a test cares about. */
export function track(index: number, overrides: Partial<TrackRow> = {}): TrackRow {
  return {
    row_index: index,
    track_id: `T${String(index).padStart(21, "0")}`,
    artists: `Artist ${index % 7}`,
    album_name: `Album ${index % 5}`,
    track_name: `Track ${index}`,
    popularity: (index * 13) % 101,
    duration_ms: 120_000 + ((index * 7919) % 180_000),
    explicit: index % 9 === 0,
    danceability: ((index * 37) % 100) / 100,
    energy: ((index * 53) % 100) / 100,
    key: index % 12,
    loudness: 0 - ((index * 17) % 300) / 10,
    mode: index % 2,
    speechiness: ((index * 11) % 50) / 100,
    acousticness: ((index * 29) % 100) / 100,
    instrumentalness: ((index * 31) % 100) / 1000,
    liveness: ((index * 43) % 100) / 100,
    valence: ((index * 59) % 100) / 100,
    tempo: 60 + ((index * 71) % 1400) / 10,
    time_signature: 3 + (index % 3),
    track_genre: ["acoustic", "pop", "rock", "jazz"][index % 4] as string,
    ...overrides,
  };
}

/** `count` consecutive plausible tracks, starting at row index `start`. */
export function tracks(count: number, start = 0): TrackRow[] {
  return Array.from({ length: count }, (_, offset) => track(start + offset));
}

/** Formats one field the way pandas' `to_csv` does: quoted only when it must be, `True`/`False`, empty for missing. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "True" : "False";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(row: TrackRow): string {
  return DATASET_COLUMNS.map((column) => csvField(row[column.name])).join(",");
}

/** A row's line with some fields replaced by raw text, written as given (no quoting): for broken rows. */
export function csvLineWith(row: TrackRow, raw: Partial<Record<ColumnName, string>>): string {
  return DATASET_COLUMNS.map((column) => raw[column.name] ?? csvField(row[column.name])).join(",");
}

export interface CsvOptions {
  eol?: "\n" | "\r\n";
  bom?: boolean;
  header?: string;
  /** End the file with a line break (the real file does). */
  trailingNewline?: boolean;
}

export function datasetCsv(rows: TrackRow[], options: CsvOptions = {}): string {
  return datasetCsvLines(rows.map(csvLine), options);
}

/** Like `datasetCsv`, from data lines already formatted (e.g. by `csvLineWith`). */
export function datasetCsvLines(dataLines: string[], options: CsvOptions = {}): string {
  const eol = options.eol ?? "\n";
  const lines = [options.header ?? HEADER_LINE, ...dataLines];
  const body = lines.join(eol) + (options.trailingNewline === false ? "" : eol);
  return (options.bom ? "\uFEFF" : "") + body;
}

/** A temporary folder for one test file's fixtures, removed by `cleanup()`. */
export function fixtureDir(prefix = "spotiflies-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name: string, content: string | Uint8Array): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fixture CSV as the locator would hand it to the pipeline: pinned, with a placeholder checksum. */
export function located(path: string): LocatedDataset {
  return { path, source: "env", sha256: "0".repeat(64), bytes: 0, pinned: true };
}
