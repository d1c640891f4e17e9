/**
 * A hand-assembled wasm module shaped like DuckDB's, for tests of what the site does to DuckDB's wasm: a
 * GOT.func import (`f_got`, resolved through the GOT as Emscripten's side modules do), three functions
 * returning 1, 2 and 3, and exports named after what the slimming rule must keep or drop.
 */

/** A wasm section: id, size, contents (every size here is below 128, so one LEB128 byte each). */
const section = (id: number, contents: number[]) => [id, contents.length, ...contents];
const name = (text: string) => [text.length, ...new TextEncoder().encode(text)];

/** Export name → index of the function it exports (0, 1, 2 return 1, 2, 3). */
export const TINY_EXPORTS: [string, number][] = [
  ["keep_me", 0],
  ["f_got", 1],
  ["orig$f_got", 1],
  ["dynCall_i", 2],
  ["drop_me", 2],
  ["orig$drop_me", 2],
];

export const TINY_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const TINY_SECTIONS = {
  type: section(1, [1, 0x60, 0, 1, 0x7f]),
  import: section(2, [1, ...name("GOT.func"), ...name("f_got"), 0x03, 0x7f, 0x01]),
  function: section(3, [3, 0, 0, 0]),
  export: section(7, [
    TINY_EXPORTS.length,
    ...TINY_EXPORTS.flatMap(([text, index]) => [...name(text), 0x00, index]),
  ]),
  code: section(10, [3, ...[1, 2, 3].flatMap((value) => [4, 0, 0x41, value, 0x0b])]),
};

export const tinyModule = new Uint8Array([
  ...TINY_HEADER,
  ...TINY_SECTIONS.type,
  ...TINY_SECTIONS.import,
  ...TINY_SECTIONS.function,
  ...TINY_SECTIONS.export,
  ...TINY_SECTIONS.code,
]);

/** The imports the tiny module needs. */
export const tinyImports = () => ({
  "GOT.func": { f_got: new WebAssembly.Global({ value: "i32", mutable: true }) },
});
