import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv-parse";
import { FileTooLargeError, parseCsvStream } from "./csv-stream";

/** The text as a byte stream cut into small chunks (cutting through rows, quotes and UTF-8 characters). */
function chunks(text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      pulled++;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  return { stream, pulled: () => pulled };
}

const SAMPLE =
  '\uFEFFFirst name;Notes;City\r\n"Lopez; Ana";"said ""hi""\nthen left";Zürich\r\nBob;;\r\n\r\n\'+Ünal;x;"a\r\nb"\r\n';

describe("parseCsvStream", () => {
  it.each([1, 3, 7, 64, 4096])("gives the same rows as parsing the whole text (chunks of %i bytes)", async (size) => {
    const streamed = await parseCsvStream(chunks(SAMPLE, size).stream, 1 << 20);
    expect(streamed).toEqual(parseCsv(SAMPLE));
    expect(streamed.rows).toEqual([
      ["First name", "Notes", "City"],
      ["Lopez; Ana", 'said "hi"\nthen left', "Zürich"],
      ["Bob", "", ""],
      ["+Ünal", "x", "a\r\nb"],
    ]);
  });

  it("reports a quote that never closes", async () => {
    expect((await parseCsvStream(chunks('a,b\n1,"open\n2,3', 4).stream, 1 << 20)).unterminatedQuoteAtLine).toBe(2);
  });

  it("stops reading past the limit", async () => {
    const big = chunks("a,b\n" + "1,2\n".repeat(100_000), 1024);
    await expect(parseCsvStream(big.stream, 8 * 1024)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(big.pulled()).toBeLessThan(20);
  });
});
