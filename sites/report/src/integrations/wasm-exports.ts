/**
 * Rewrites a WebAssembly binary's export section, keeping only some exports; every other byte is copied
 * unchanged. Written here rather than with a wasm toolkit because it is a few dozen lines over the binary
 * format's section framing (https://webassembly.github.io/spec/core/binary/modules.html), runs in
 * milliseconds on DuckDB's 34 MB module, and touches no code: a toolkit that re-encodes the module
 * (binaryen, 100 MB installed) took 30 s and emits newer encodings unless told the feature set.
 */

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const EXPORT_SECTION = 7;

/** A byte reader over a wasm binary that names the offset of whatever it cannot read. */
class Reader {
  offset: number;

  constructor(
    readonly bytes: Uint8Array,
    offset: number,
    readonly end = bytes.length,
  ) {
    this.offset = offset;
  }

  byte(): number {
    if (this.offset >= this.end) throw new Error(`unexpected end of the wasm binary at byte ${this.offset}`);
    return this.bytes[this.offset++] as number;
  }

  /** An unsigned LEB128 number (at most 32 bits, as the format allows). */
  u32(): number {
    const start = this.offset;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error(`malformed LEB128 number at byte ${start} of the wasm binary`);
  }

  skip(count: number): void {
    if (this.offset + count > this.end)
      throw new Error(`unexpected end of the wasm binary at byte ${this.offset}`);
    this.offset += count;
  }
}

function u32Bytes(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return bytes;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function checkMagic(wasm: Uint8Array): void {
  if (!MAGIC_AND_VERSION.every((byte, index) => wasm[index] === byte)) {
    throw new Error("not a WebAssembly binary (version 1): the magic number and version are missing");
  }
}

/** How many exports `wasm`'s export section lists (0 without one), read from the section's header. */
export function exportCount(wasm: Uint8Array): number {
  checkMagic(wasm);
  const reader = new Reader(wasm, MAGIC_AND_VERSION.length);
  while (reader.offset < wasm.length) {
    const id = reader.byte();
    const size = reader.u32();
    if (id === EXPORT_SECTION) return new Reader(wasm, reader.offset, reader.offset + size).u32();
    reader.skip(size);
  }
  return 0;
}

/** Returns a copy of `wasm` whose export section lists only the exports for which `keep(name)` is true. */
export function keepExports(wasm: Uint8Array, keep: (name: string) => boolean): Uint8Array {
  checkMagic(wasm);
  const parts: Uint8Array[] = [wasm.subarray(0, MAGIC_AND_VERSION.length)];
  const reader = new Reader(wasm, MAGIC_AND_VERSION.length);
  let exportSections = 0;
  while (reader.offset < wasm.length) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    const body = reader.offset;
    reader.skip(size);
    if (id !== EXPORT_SECTION) {
      parts.push(wasm.subarray(start, reader.offset));
      continue;
    }
    exportSections++;
    const section = new Reader(wasm, body, reader.offset);
    const count = section.u32();
    const kept: Uint8Array[] = [];
    for (let index = 0; index < count; index++) {
      const entry = section.offset;
      const length = section.u32();
      const nameStart = section.offset;
      section.skip(length);
      const name = utf8.decode(wasm.subarray(nameStart, section.offset));
      section.byte(); // the export's kind
      section.u32(); // and its index
      if (keep(name)) kept.push(wasm.subarray(entry, section.offset));
    }
    if (section.offset !== reader.offset)
      throw new Error(`the export section at byte ${start} has trailing bytes`);
    const content = [...u32Bytes(kept.length), ...kept.flatMap((entry) => [...entry])];
    parts.push(new Uint8Array([EXPORT_SECTION, ...u32Bytes(content.length), ...content]));
  }
  if (exportSections > 1) throw new Error("the wasm binary has more than one export section");
  const output = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}
