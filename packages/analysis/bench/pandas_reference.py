"""pandas side of pipeline.bench.ts: the analysis build's main work done the seed's way, in pandas, on the same CSV.

It reads the CSV, counts duplicate rows, applies the three cleaning rules, and computes describe(), the
correlation matrix, the per-genre means, the track_ids in several genres and the categorical counts, then writes
the cleaned table as gzipped CSV. It does less than the build (no Parquet file, no DuckDB files, no recordings, no
error positions), so the ratio it gives flatters pandas. Prints the work's wall seconds (imports excluded, as the
build's own total excludes Node's start) as JSON. A reference for the speed target, not a check of the results.
"""
import json
import os
import sys
import tempfile
import time

import pandas as pd

csv = sys.argv[1]
t0 = time.perf_counter()
raw = pd.read_csv(csv, index_col=0)
duplicate_rows = int(raw.duplicated().sum())
clean = raw.dropna(subset=["artists", "album_name", "track_name"])
clean = clean[clean["duration_ms"] >= 30000]
clean = clean[(clean["tempo"] != 0) & (clean["time_signature"] != 0)]
numeric = clean.select_dtypes("number")
numeric.describe()
numeric.corr()
clean.groupby("track_genre")[list(numeric.columns)].mean()
several_genres = int((clean.groupby("track_id")["track_genre"].nunique() > 1).sum())
for column in ["key", "mode", "time_signature", "explicit"]:
    clean[column].value_counts()
with tempfile.TemporaryDirectory() as folder:
    clean.to_csv(os.path.join(folder, "cleaned.csv.gz"), index=False, compression="gzip")
seconds = time.perf_counter() - t0
print(json.dumps({
    "seconds": seconds,
    "pandas": pd.__version__,
    "rows": len(raw),
    "kept": len(clean),
    "duplicateRows": duplicate_rows,
    "trackIdsInSeveralGenres": several_genres,
}))
