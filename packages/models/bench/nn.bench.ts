// Benchmark: one epoch of the seed's network (33 → 64 → 64 → 10, sigmoid, Adam with coupled decay) on
// synthetic rows, on every TensorFlow.js backend this machine can load, each in its own process forced by
// MODELS_TF_BACKEND. Run: npx tsx packages/models/bench/nn.bench.ts [--rows N] [--epochs N] [--batch N]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BACKEND_ENV, BACKEND_NAMES, type BackendName, selectBackend } from "../src/nn/backend.ts";
import { Mlp } from "../src/nn/mlp.ts";
import { predictProba } from "../src/nn/predict.ts";
import { trainMlp } from "../src/nn/train.ts";
import { Random } from "../src/random.ts";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "60000" },
    epochs: { type: "string", default: "2" },
    batch: { type: "string", default: "256" },
    child: { type: "boolean", default: false },
  },
});
const rows = Number(args.rows);
const epochs = Number(args.epochs);
const batchSize = Number(args.batch);
const [d, k] = [33, 10];

interface Measurement {
  backend: BackendName;
  detail: string;
  /** Seconds per epoch after the first (which includes kernel set-up). */
  epochSeconds: number[];
  predictSeconds: number;
}

/** Times training and prediction on the backend MODELS_TF_BACKEND names, in this process. */
async function measure(): Promise<Measurement> {
  const backend = await selectBackend();
  const rng = new Random(1);
  const x = { data: Float64Array.from({ length: rows * d }, () => 2 * rng.nextFloat() - 1), rows, cols: d };
  const y = Int32Array.from({ length: rows }, () => rng.nextInt(k));
  const validation = { x: { ...x, data: x.data.subarray(0, 2000 * d), rows: 2000 }, y: y.subarray(0, 2000) };
  const model = new Mlp(
    {
      inputSize: d,
      hidden: [64, 64],
      outputSize: k,
      activation: "sigmoid",
      batchNorm: false,
      dropout: 0,
      init: "pytorch",
    },
    1,
  );
  const history = trainMlp(model, { x, y }, validation, new Float64Array(k).fill(1), {
    name: `bench ${backend.name}`,
    batchSize,
    maxEpochs: epochs + 1,
    learningRate: 0.002,
    schedule: { kind: "constant" },
    weightDecay: { mode: "coupled", rate: 0.01 },
    earlyStopping: null,
    seed: 2,
  });
  const started = performance.now();
  predictProba(model, x);
  const predictSeconds = (performance.now() - started) / 1000;
  model.dispose();
  return {
    backend: backend.name,
    detail: backend.detail,
    epochSeconds: history.seconds.slice(1),
    predictSeconds,
  };
}

if (args.child) {
  try {
    console.log(JSON.stringify(await measure()));
  } catch (error) {
    console.log(JSON.stringify({ error: (error as Error).message }));
  }
} else {
  console.log(
    `nn bench: ${rows.toLocaleString("en-US")} rows × ${d} → 64 → 64 → ${k}, batch ${batchSize}, ${epochs} timed epochs`,
  );
  const results: Measurement[] = [];
  for (const name of BACKEND_NAMES) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        "--child",
        "--rows",
        String(rows),
        "--epochs",
        String(epochs),
        "--batch",
        String(batchSize),
      ],
      { env: { ...process.env, [BACKEND_ENV]: name }, encoding: "utf8" },
    );
    const line = child.stdout.trim().split("\n").pop() ?? "";
    let parsed: Measurement | { error: string };
    try {
      parsed = JSON.parse(line) as Measurement | { error: string };
    } catch {
      parsed = { error: `no result (exit ${child.status}): ${child.stderr.trim().split("\n").pop()}` };
    }
    if ("error" in parsed) {
      console.log(`  ${name.padEnd(8)} unavailable: ${parsed.error.replace(/^.*unavailable: /, "")}`);
      continue;
    }
    results.push(parsed);
    const mean = parsed.epochSeconds.reduce((a, b) => a + b, 0) / parsed.epochSeconds.length;
    console.log(
      `  ${name.padEnd(8)} ${mean.toFixed(2)} s/epoch (${parsed.epochSeconds.map((s) => s.toFixed(2)).join(", ")}), ` +
        `predict ${rows.toLocaleString("en-US")} rows ${parsed.predictSeconds.toFixed(2)} s`,
    );
  }
  const mean = (m: Measurement) => m.epochSeconds.reduce((a, b) => a + b, 0) / m.epochSeconds.length;
  const fastest = results.reduce((a, b) => (mean(b) < mean(a) ? b : a), results[0] as Measurement);
  if (fastest) {
    console.log(
      `ratios to ${fastest.backend}: ${results.map((m) => `${m.backend} ×${(mean(m) / mean(fastest)).toFixed(1)}`).join(", ")}`,
    );
  }
}
