import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

/**
 * Writes `copies` copies of the dataset's rows into `out`, as one larger catalogue: copy k > 0 renumbers the
 * index column and gives every track_id the suffix `-k`, so track_ids stay unique per copy (as-is copies would
 * make every row an exact duplicate nine times over, which no real catalogue looks like; the duplicate and
 * recording work would then measure that artefact). Audio columns are repeated, so each copy's rows are the
 * same recordings under new ids, which the recordings stage links like re-releases. The real file has one row
 * per line (no quoted line breaks), which this relies on and checks.
 */
export async function writeScaledCsv(source: string, out: string, copies: number): Promise<number> {
  const lines: string[] = [];
  let header: string | undefined;
  for await (const line of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    if (header === undefined) header = line;
    else if (line !== "") lines.push(line);
  }
  if (header === undefined) throw new Error(`${source} is empty`);
  const rows = lines.length;
  const output = createWriteStream(out);
  const write = async (text: string) => {
    if (!output.write(text)) await once(output, "drain");
  };
  await write(`${header}\n`);
  for (let copy = 0; copy < copies; copy++) {
    let chunk = "";
    for (let i = 0; i < rows; i++) {
      const line = lines[i] as string;
      if (copy === 0) chunk += `${line}\n`;
      else {
        const match = /^(\d+),([^,"]*),/.exec(line);
        if (!match) throw new Error(`line ${i + 2} of ${source} does not start with an index and a track_id`);
        chunk += `${copy * rows + Number(match[1])},${match[2]}-${copy},${line.slice(match[0].length)}\n`;
      }
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = "";
      }
    }
    await write(chunk);
  }
  output.end();
  await once(output, "finish");
  return rows * copies;
}
