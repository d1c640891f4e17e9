import { describe, expect, it } from "vitest";
import { type BackendLoaders, isModuleNotFound, selectBackend } from "../../src/nn/backend.ts";

const notFound = (name: string, code = "ERR_MODULE_NOT_FOUND") =>
  Object.assign(new Error(`Cannot find package '${name}'`), { code });

/** Loaders that record what was tried; every native package missing unless overridden. */
function fakeLoaders(overrides: Partial<BackendLoaders> = {}) {
  const tried: string[] = [];
  const loaders: BackendLoaders = {
    isInstalled: () => false,
    hasCudaDevice: () => false,
    importNodeGpu: async () => {
      tried.push("import node-gpu");
      throw notFound("@tensorflow/tfjs-node-gpu");
    },
    importNode: async () => {
      tried.push("import node");
      throw notFound("@tensorflow/tfjs-node", "MODULE_NOT_FOUND");
    },
    prepareWasm: async () => {
      tried.push("prepare wasm");
    },
    setBackend: async (name) => {
      tried.push(`set ${name}`);
      return true;
    },
    ...overrides,
  };
  return { tried, loaders };
}

describe("backend selection", () => {
  it("falls back past missing native packages to wasm, saying why", async () => {
    const { tried, loaders } = fakeLoaders();
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("wasm");
    // tfjs-node-gpu does not resolve, so it is not imported.
    expect(tried).toEqual(["import node", "prepare wasm", "set wasm"]);
    expect(backend.detail).toBe(
      "wasm; passed over: node-gpu: @tensorflow/tfjs-node-gpu not installed; node: @tensorflow/tfjs-node not installed",
    );
  });

  it("prefers tfjs-node-gpu when it is installed and a CUDA device is visible", async () => {
    const { tried, loaders } = fakeLoaders({
      isInstalled: () => true,
      hasCudaDevice: () => true,
      importNodeGpu: async () => ({}),
    });
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("node-gpu");
    expect(tried).toEqual(["set tensorflow"]);
  });

  it("does not load the GPU build without a CUDA device, and takes tfjs-node", async () => {
    const { tried, loaders } = fakeLoaders({ isInstalled: () => true, importNode: async () => ({}) });
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("node");
    expect(tried).toEqual(["set tensorflow"]);
    expect(backend.detail).toBe("node; passed over: node-gpu: no CUDA device");
  });

  it("takes tfjs-node when the GPU package resolves but fails to import", async () => {
    const { tried, loaders } = fakeLoaders({
      isInstalled: () => true,
      hasCudaDevice: () => true,
      importNode: async () => ({}),
    });
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("node");
    expect(tried).toEqual(["import node-gpu", "set tensorflow"]);
    expect(backend.detail).toContain("node-gpu: @tensorflow/tfjs-node-gpu not installed");
  });

  it("falls back to cpu when the wasm backend fails to initialise", async () => {
    const { loaders } = fakeLoaders({ setBackend: async (name) => name !== "wasm" });
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("cpu");
    expect(backend.detail).toContain("wasm: failed to initialise");
  });

  it("reports a native package that is present but broken, and moves on", async () => {
    const { loaders } = fakeLoaders({
      importNode: async () => {
        throw new Error("libtensorflow.so.2: cannot open shared object file\nmore");
      },
    });
    const backend = await selectBackend({ forced: undefined, loaders });
    expect(backend.name).toBe("wasm");
    expect(backend.detail).toContain(
      "node: failed to load (libtensorflow.so.2: cannot open shared object file)",
    );
  });

  it("honours a forced backend and refuses one that cannot load", async () => {
    const { tried, loaders } = fakeLoaders();
    const cpu = await selectBackend({ forced: "cpu", loaders });
    expect(cpu.name).toBe("cpu");
    expect(tried).toEqual(["set cpu"]);
    await expect(selectBackend({ forced: "node", loaders })).rejects.toThrow(
      "MODELS_TF_BACKEND=node, but that backend is unavailable: @tensorflow/tfjs-node not installed",
    );
    await expect(selectBackend({ forced: "gpu", loaders })).rejects.toThrow("is not a backend");
  });

  it("reads MODELS_TF_BACKEND when no choice is passed", async () => {
    const { loaders } = fakeLoaders();
    const saved = process.env.MODELS_TF_BACKEND;
    process.env.MODELS_TF_BACKEND = "cpu";
    try {
      expect((await selectBackend({ loaders })).name).toBe("cpu");
    } finally {
      if (saved === undefined) delete process.env.MODELS_TF_BACKEND;
      else process.env.MODELS_TF_BACKEND = saved;
    }
  });

  it("recognises both module-not-found codes", () => {
    expect(isModuleNotFound(notFound("x"))).toBe(true);
    expect(isModuleNotFound(notFound("x", "MODULE_NOT_FOUND"))).toBe(true);
    expect(isModuleNotFound(new Error("other"))).toBe(false);
  });

  it("really loads the wasm backend here (the native packages are not installed)", async () => {
    const backend = await selectBackend({ forced: undefined });
    expect(["wasm", "node", "node-gpu"]).toContain(backend.name);
    expect(backend.tf.getBackend()).toBe(backend.name === "wasm" ? "wasm" : "tensorflow");
  });
});
