import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import Papa from "papaparse";
import { detectDelimiter, detectNewline, RowCollector, type ParsedCsv } from "./csv-parse";

/**
 * Parses a CSV byte stream as it arrives (papaparse's Node stream reader: only the current chunk
 * and the rows are held), counting bytes: past `maxBytes` it stops reading and rejects with
 * FileTooLargeError.
 */
export async function parseCsvStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<ParsedCsv> {
  const collector = new RowCollector();
  // The header line decides the delimiter, as the import page's preview (parseCsv) decides it.
  const reader = stream.getReader();
  const head: Uint8Array[] = [];
  let headText = "";
  const decoder = new TextDecoder();
  // Up to the first LF (a lone CR file is told by having none in its first 64 KB).
  while (!headText.includes("\n") && headText.length < 65_536) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    headText += decoder.decode(value, { stream: true });
    if (headText.length > maxBytes) break;
  }
  const delimiter = detectDelimiter(headText);
  const whole = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  let bytes = 0;
  const counted = whole.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) controller.error(new FileTooLargeError(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  // Decoded here, as one stream, so a character cut between two chunks stays whole.
  const text = counted.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>);
  // Chunks handed to papaparse end at a line break, so a CRLF is never cut in two between them.
  const newline = detectNewline(headText);
  const breakChar = newline === "\r" ? "\r" : "\n";
  let carry = "";
  const lines = text.pipeThrough(
    new TransformStream<string, string>({
      transform(chunk, controller) {
        carry += chunk;
        const cut = carry.lastIndexOf(breakChar) + 1;
        if (cut > 0) {
          controller.enqueue(carry.slice(0, cut));
          carry = carry.slice(cut);
        }
      },
      flush(controller) {
        if (carry) controller.enqueue(carry);
      },
    }),
  );
  const source = Readable.fromWeb(lines as NodeReadableStream<string>);
  await new Promise<void>((resolve, reject) => {
    source.on("error", (error) => {
      source.destroy();
      reject(error);
    });
    Papa.parse<string[]>(source as unknown as File, {
      delimiter,
      newline,
      step: (result) => collector.add(result),
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  return collector.result();
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  }
}
