import { describe, expect, it } from "vitest";
import { dataRecords, fieldText, lineAt, readRecord, skipLineBreaks } from "../../src/load/scan.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");
const texts = (buffer: Buffer, start = 0) =>
  readRecord(buffer, start).fields.map((field) => fieldText(buffer, field));

describe("the CSV record scanner", () => {
  it("splits plain, quoted and empty fields", () => {
    expect(texts(bytes('a,"b,c",,"say ""hi"""\nnext'))).toEqual(["a", "b,c", "", 'say "hi"']);
  });

  it("keeps line breaks inside quotes and ends the record at the first one outside", () => {
    const buffer = bytes('1,"two\r\nlines",3\r\n4');
    const record = readRecord(buffer, 0);
    expect(record.fields.map((field) => fieldText(buffer, field))).toEqual(["1", "two\r\nlines", "3"]);
    expect(buffer[record.end]).toBe(0x0a);
    expect(texts(buffer, record.end + 1)).toEqual(["4"]);
  });

  it("runs an unclosed quote to the end of the file", () => {
    const buffer = bytes('1,"open\n2,3\n');
    const record = readRecord(buffer, 0);
    expect(record.end).toBe(buffer.length);
    expect(record.fields).toHaveLength(2);
  });

  it("counts physical lines, in bytes, through multi-byte characters", () => {
    const buffer = bytes("é\n東京\n\nx");
    expect(lineAt(buffer, 0)).toBe(1);
    expect(lineAt(buffer, buffer.indexOf("\n"))).toBe(1);
    expect(lineAt(buffer, buffer.indexOf("x"))).toBe(4);
  });

  it("skips the header and blank lines between records", () => {
    const buffer = bytes("h1,h2\r\n\r\na,b\n\n\nc,d");
    const records = [...dataRecords(buffer)].map((record) =>
      record.fields.map((field) => fieldText(buffer, field)),
    );
    expect(records).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(skipLineBreaks(buffer, 5)).toBe(buffer.indexOf("a"));
  });
});
