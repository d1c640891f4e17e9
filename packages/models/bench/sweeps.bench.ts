/**
 * Timing of the section 1.4 sweeps on synthetic data shaped like the real tracks (11 numeric columns with
 * realistic scales and correlations). Not a test: run with
 *   [MODELS=linear] npx tsx packages/models/bench/sweeps.bench.ts [rounds …]
 * It times per-genre groups (~1,000 rows) and super-genre groups (11,400 and 24,000 rows) with both models,
 * at each bias–variance round count, and extrapolates to 114 genres and 10 super-genres of 114,000 rows.
 * Times are CPU seconds of this (single) thread, so a loaded machine inflates them less than wall time.
 */

import { NUMERIC_FEATURES } from "@spotiflies/analysis";
import { type GroupData, type RegressionModelKind, sweepGroup } from "../src/linear/response-sweep.ts";
import { matrix } from "../src/matrix.ts";
import { Random } from "../src/random.ts";
import { seededSplit } from "../src/splits/three-way.ts";

const COLUMNS: readonly string[] = NUMERIC_FEATURES;

function syntheticTracks(name: string, n: number, seed: number): GroupData {
  const rng = new Random(seed);
  const g = () => {
    // Approximate standard normal (sum of 4 uniforms).
    let s = 0;
    for (let k = 0; k < 4; k++) s += rng.nextFloat();
    return (s - 2) * Math.sqrt(3);
  };
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  const data = matrix(n, 11);
  for (let i = 0; i < n; i++) {
    const energy = clip(0.6 + 0.25 * g());
    const dance = clip(0.55 + 0.15 * g());
    const row = [
      Math.round(Math.min(100, Math.max(0, 35 + 20 * g()))),
      Math.round(220_000 + 60_000 * g()),
      dance,
      energy,
      -8 + 9 * (energy - 0.6) + 2.5 * g(),
      Math.abs(0.05 + 0.06 * g()),
      clip(0.9 - energy + 0.2 * g()),
      rng.nextFloat() < 0.8 ? 1e-5 * rng.nextFloat() : clip(0.7 + 0.2 * g()),
      clip(0.2 + 0.15 * g()),
      clip(0.2 + 0.6 * dance + 0.2 * g()),
      120 + 28 * g(),
    ];
    data.data.set(row, i * 11);
  }
  return { name, data };
}

function time(label: string, groups: GroupData[], numRounds: number): number {
  const split = seededSplit(42);
  const start = process.cpuUsage();
  const wall = performance.now();
  for (const group of groups) {
    sweepGroup(group, {
      columns: COLUMNS,
      split,
      models: MODELS,
      biasVariance: numRounds > 0 ? { numRounds, seed: 123 } : null,
    });
  }
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  const wallMs = performance.now() - wall;
  console.log(
    `${label}: ${groups.length} group(s), ${numRounds} rounds: ${(ms / 1000).toFixed(2)} s CPU (${(wallMs / 1000).toFixed(2)} s wall)`,
  );
  return ms;
}

/** Set MODELS=linear (or quadratic) to time one model only. */
const MODELS = (process.env.MODELS?.split(",") ?? ["linear", "quadratic"]) as RegressionModelKind[];
const roundsList = process.argv.slice(2).map(Number);
const rounds = roundsList.length > 0 ? roundsList : [0, 20, 200];
const genres = Array.from({ length: 6 }, (_, k) => syntheticTracks(`genre${k}`, 1000, k + 1));
const superSmall = syntheticTracks("super-11400", 11_400, 101);
const superLarge = syntheticTracks("super-24000", 24_000, 102);
time("warm-up", genres.slice(0, 1), 5);
for (const r of rounds) {
  const perGenre = time("genres of 1,000 rows", genres, r) / genres.length;
  const small = time("super-genre of 11,400 rows", [superSmall], r);
  const large = time("super-genre of 24,000 rows", [superLarge], r);
  // Cost is close to linear in rows: scale the two super-genre timings to 114,000 rows in 10 groups.
  const perRow = (small / 11_400 + large / 24_000) / 2;
  const totalGenres = (perGenre * 114) / 1000;
  const totalSuper = (perRow * 114_000) / 1000;
  console.log(
    `  → ${r} rounds, ${MODELS.join(" + ")}: 114 genres ≈ ${totalGenres.toFixed(1)} s, 10 super-genres ≈ ${totalSuper.toFixed(1)} s, total ≈ ${(totalGenres + totalSuper).toFixed(1)} s`,
  );
}
