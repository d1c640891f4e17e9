import { createRequire } from "node:module";

/**
 * Makes DuckDB's allocator zero the memory it hands out, so the database files a build writes (tracks.duckdb,
 * track-ids.duckdb) are byte-identical from run to run. Import it first, before anything that loads
 * `@duckdb/node-api` (output/duckdb-files-child.ts does): the setting is read once, when DuckDB's library is
 * loaded, and this module throws if that has happened already.
 *
 * Why: DuckDB does not clear a block before compressing a column into it, and some of its compressed segments
 * leave bytes unwritten: the padding byte of DICT_FSST's segment header and the alignment gaps between its
 * parts, and the free space between an ALP segment's values and its metadata when the segment is too full to
 * compact (alp_compress.hpp, FlushSegment). Those bytes go to the file as they were in memory: whatever an
 * earlier query of the process (or a concurrent connection) left in a reused allocation, so they changed from
 * build to build (about 24,000 bytes of tracks.duckdb on the full dataset). DuckDB's own switch for this,
 * `debug_initialize`, is not a setting node-api can reach.
 *
 * The DuckDB library node-api loads on Linux allocates through its bundled jemalloc (symbols `duckdb_je_*`),
 * which reads options from `DUCKDB_JE_MALLOC_CONF` and is built with `zero` available. Cost: about 1.4 s more
 * user and 1.7 s more system CPU time when the whole analysis ran this way (full dataset, shared 2-core
 * machine), so only the process that writes the two files sets it (output/duckdb-files-process.ts). DuckDB's
 * macOS and Windows libraries have no jemalloc and ignore the variable: there the bytes may still differ
 * between runs (the files' contents never do). Nor does this cover a buffer DuckDB takes back from an evicted
 * block for a new one, which it does not clear either (standard_buffer_manager.cpp): at the pipeline's memory
 * limit on the full dataset, nine builds in a row gave the same bytes, but a build short of memory (far
 * larger data) might not.
 */
const ZERO_FILL = "zero:true";
const VARIABLE = "DUCKDB_JE_MALLOC_CONF";

const loaded = Object.keys(createRequire(import.meta.url).cache).find((path) =>
  /[\\/]@duckdb[\\/]node-bindings[\\/]/.test(path),
);
if (loaded)
  throw new Error(
    `zeroed-memory.ts was imported after DuckDB's library was loaded (${loaded}); import it first, or the DuckDB files are not byte-identical between runs.`,
  );
const current = process.env[VARIABLE];
if (!current?.split(",").includes(ZERO_FILL))
  process.env[VARIABLE] = current ? `${current},${ZERO_FILL}` : ZERO_FILL;
