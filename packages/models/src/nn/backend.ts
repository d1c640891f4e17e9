import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { BACKEND_NAMES, type BackendName } from "./backend-names.ts";

export { BACKEND_NAMES, type BackendName };

/**
 * Which TensorFlow.js backend trains the networks, chosen at run time, fastest first:
 *
 * - `node-gpu`: `@tensorflow/tfjs-node-gpu` (libtensorflow with CUDA), only when a CUDA device is visible;
 * - `node`: `@tensorflow/tfjs-node` (libtensorflow on the CPU);
 * - `wasm`: `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD, one thread in Node);
 * - `cpu`: plain JavaScript kernels.
 *
 * The native packages are optional dependencies whose install scripts download libtensorflow; where that
 * fails npm drops them, so importing them throws ERR_MODULE_NOT_FOUND and the next candidate is tried.
 *
 * Set `MODELS_TF_BACKEND` to one of the names above to force a backend (the bench does, to time each);
 * a forced backend that cannot load is an error rather than a silent fallback.
 *
 * Determinism: initial weights, shuffles and dropout masks come from seeded generators, and wasm and cpu
 * run every kernel single-threaded in a fixed order, so a seed gives bit-identical weights and results run
 * to run on each of them (tested). The two backends' float32 sums differ in order (XNNPACK vs JavaScript
 * loops), so their results differ in the last bits from each other. libtensorflow (node, node-gpu) splits
 * reductions over a thread pool, and cuDNN/cuBLAS pick non-deterministic kernels on a GPU: there a repeat run
 * may differ slightly, which is why each result names its backend.
 */
export const BACKEND_ENV = "MODELS_TF_BACKEND";

export type TensorFlow = typeof tf;

export interface SelectedBackend {
  name: BackendName;
  /** What was tried and why each faster candidate was passed over; deterministic (no paths, no timings). */
  detail: string;
  tf: TensorFlow;
}

/** How each candidate is loaded; injectable so tests can simulate missing packages and devices. */
export interface BackendLoaders {
  /** Whether a package resolves, without loading it (the GPU build is not imported just to find no GPU). */
  isInstalled: (specifier: string) => boolean;
  importNodeGpu: () => Promise<unknown>;
  importNode: () => Promise<unknown>;
  /** Imports the wasm backend and points it at the folder holding its `.wasm` binaries. */
  prepareWasm: () => Promise<void>;
  hasCudaDevice: () => boolean;
  /** `tf.setBackend`: resolves false when the backend is registered but fails to initialise. */
  setBackend: (name: string) => Promise<boolean>;
}

/** The backend name TensorFlow.js registers for each candidate. */
const TFJS_NAME: Record<BackendName, string> = {
  "node-gpu": "tensorflow",
  node: "tensorflow",
  wasm: "wasm",
  cpu: "cpu",
};

const NATIVE_PACKAGE: Record<"node-gpu" | "node", string> = {
  "node-gpu": "@tensorflow/tfjs-node-gpu",
  node: "@tensorflow/tfjs-node",
};

const require = createRequire(import.meta.url);

export const defaultLoaders: BackendLoaders = {
  isInstalled: (specifier) => {
    try {
      require.resolve(specifier);
      return true;
    } catch {
      return false;
    }
  },
  // Typed as plain strings: both packages are usually absent, so their types cannot be resolved.
  importNodeGpu: () => import("@tensorflow/tfjs-node-gpu" as string),
  importNode: () => import("@tensorflow/tfjs-node" as string),
  prepareWasm: async () => {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // In Node the backend reads its binaries from disk: give it the package's dist folder.
    const binary = require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm");
    wasm.setWasmPaths(`${dirname(binary)}/`);
  },
  hasCudaDevice: () => {
    try {
      return readdirSync("/proc/driver/nvidia/gpus").length > 0;
    } catch {
      return false;
    }
  },
  setBackend: (name) => tf.setBackend(name),
};

export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND";
}

/** Why a candidate could not be used, or undefined when it is now the active backend. */
async function tryBackend(name: BackendName, loaders: BackendLoaders): Promise<string | undefined> {
  try {
    if (name === "node-gpu" && !loaders.isInstalled(NATIVE_PACKAGE[name]))
      return `${NATIVE_PACKAGE[name]} not installed`;
    if (name === "node-gpu" && !loaders.hasCudaDevice()) return "no CUDA device";
    if (name === "node-gpu") await loaders.importNodeGpu();
    else if (name === "node") await loaders.importNode();
    else if (name === "wasm") await loaders.prepareWasm();
  } catch (error) {
    if (isModuleNotFound(error) && (name === "node-gpu" || name === "node")) {
      return `${NATIVE_PACKAGE[name]} not installed`;
    }
    return `failed to load (${(error as Error).message.split("\n")[0]})`;
  }
  try {
    if (await loaders.setBackend(TFJS_NAME[name])) return undefined;
    return "failed to initialise";
  } catch (error) {
    return `failed to initialise (${(error as Error).message.split("\n")[0]})`;
  }
}

function parseForced(value: string | undefined): BackendName | undefined {
  if (value === undefined || value === "") return undefined;
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  throw new Error(`${BACKEND_ENV}=${value} is not a backend; use one of ${BACKEND_NAMES.join(", ")}`);
}

/**
 * Makes the fastest loadable backend (or the one `MODELS_TF_BACKEND` names) TensorFlow.js's active
 * backend and says which it is.
 */
export async function selectBackend(
  options: { forced?: string | undefined; loaders?: Partial<BackendLoaders> } = {},
): Promise<SelectedBackend> {
  const loaders = { ...defaultLoaders, ...options.loaders };
  const forced = parseForced("forced" in options ? options.forced : process.env[BACKEND_ENV]);
  if (forced) {
    const failure = await tryBackend(forced, loaders);
    if (failure) throw new Error(`${BACKEND_ENV}=${forced}, but that backend is unavailable: ${failure}`);
    return { name: forced, detail: `${forced} (forced by ${BACKEND_ENV})`, tf };
  }
  const skipped: string[] = [];
  for (const name of BACKEND_NAMES) {
    const failure = await tryBackend(name, loaders);
    if (!failure) {
      const detail = skipped.length ? `${name}; passed over: ${skipped.join("; ")}` : name;
      return { name, detail, tf };
    }
    skipped.push(`${name}: ${failure}`);
  }
  throw new Error(`no TensorFlow.js backend could be loaded (${skipped.join("; ")})`);
}
