import { describe, expect, it } from "vitest";
import { exportCount, keepExports } from "../../src/integrations/wasm-exports.ts";
import { TINY_EXPORTS, TINY_HEADER, TINY_SECTIONS, tinyImports, tinyModule } from "../support/tiny-wasm.ts";

describe("keepExports", () => {
  it("lists only the kept exports and copies every other section byte for byte", async () => {
    const slim = keepExports(tinyModule, (name) => name === "keep_me" || name === "dynCall_i");
    // Hand-encoded: 2 entries, "keep_me" → function 0, "dynCall_i" → function 2.
    const exportSection = [7, 23, 2, 7, ...new TextEncoder().encode("keep_me"), 0, 0];
    exportSection.push(9, ...new TextEncoder().encode("dynCall_i"), 0, 2);
    expect([...slim]).toEqual([
      ...TINY_HEADER,
      ...TINY_SECTIONS.type,
      ...TINY_SECTIONS.import,
      ...TINY_SECTIONS.function,
      ...exportSection,
      ...TINY_SECTIONS.code,
    ]);
    const { instance } = await WebAssembly.instantiate(slim as Uint8Array<ArrayBuffer>, tinyImports());
    expect(Object.keys(instance.exports)).toEqual(["keep_me", "dynCall_i"]);
    expect((instance.exports.keep_me as () => number)()).toBe(1);
    expect((instance.exports.dynCall_i as () => number)()).toBe(3);
  });

  it("keeping everything gives the module back unchanged, and keeping nothing leaves a valid module", () => {
    expect([...keepExports(tinyModule, () => true)]).toEqual([...tinyModule]);
    const empty = keepExports(tinyModule, () => false);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(empty as Uint8Array<ArrayBuffer>))).toEqual([]);
  });

  it("says what is wrong with a binary it cannot read", () => {
    expect(() => keepExports(new TextEncoder().encode("not wasm"), () => true)).toThrow(
      /not a WebAssembly binary/,
    );
    expect(() => keepExports(tinyModule.subarray(0, tinyModule.length - 3), () => true)).toThrow(
      /unexpected end of the wasm binary at byte \d+/,
    );
  });
});

describe("exportCount", () => {
  it("counts the exports the engine sees, before and after slimming, and 0 without an export section", () => {
    const engine = (wasm: Uint8Array) =>
      WebAssembly.Module.exports(new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>)).length;
    expect(exportCount(tinyModule)).toBe(TINY_EXPORTS.length);
    expect(exportCount(tinyModule)).toBe(engine(tinyModule));
    const slim = keepExports(tinyModule, (name) => name === "keep_me");
    expect(exportCount(slim)).toBe(1);
    expect(exportCount(new Uint8Array(TINY_HEADER))).toBe(0);
    expect(() => exportCount(new TextEncoder().encode("not wasm"))).toThrow(/not a WebAssembly binary/);
  });
});
