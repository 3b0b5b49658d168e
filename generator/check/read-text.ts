// Check input as text, in chunks, without ever holding the whole input. JSON is UTF-8 (RFC 8259): UTF-16 and UTF-32
// are named by their byte order mark (or the NULs around an ASCII first character), and a byte that is not UTF-8
// stops the input where it stands, instead of decoding to U+FFFD and a puzzling "found \uFFFD" further on.
import { open as openFile } from "node:fs/promises";
import { isUtf8 } from "node:buffer";
import {
  completeEnd,
  encodingMessage,
  firstInvalidUtf8,
  foreignEncoding,
  invalidUtf8Message,
} from "../load/encoding.js";
import { InputEncodingError } from "./json-events.js";

/** Raw chunks of a file (one reused buffer: no allocation per chunk outside the JS heap) or of stdin. */
async function* readBytes(input: string): AsyncGenerator<Buffer> {
  if (input === "-") {
    for await (const chunk of process.stdin) yield chunk as Buffer;
    return;
  }
  const handle = await openFile(input, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Decoded text in chunks, each ending on a character boundary. Throws InputEncodingError after yielding the text
 * before the problem, so the scanner knows where it is.
 */
export async function* readText(input: string): AsyncGenerator<string> {
  // Bytes held over: the first few (to see the encoding) or an unfinished character. A copy: the buffer is reused.
  let held: Buffer | undefined;
  let seenStart = false;
  for await (const chunk of readBytes(input)) {
    const bytes = held ? Buffer.concat([held, chunk]) : chunk;
    held = undefined;
    if (!seenStart) {
      if (bytes.length < 4) {
        held = Buffer.from(bytes);
        continue;
      }
      seenStart = true;
      checkStart(bytes);
    }
    const end = completeEnd(bytes);
    yield* decode(bytes.subarray(0, end));
    if (end < bytes.length) held = Buffer.from(bytes.subarray(end));
  }
  if (held === undefined) return;
  if (!seenStart) checkStart(held);
  yield* decode(held);
}

function checkStart(bytes: Buffer): void {
  const encoding = foreignEncoding(bytes);
  if (encoding) throw new InputEncodingError(encodingMessage(encoding, "the input"));
}

function* decode(bytes: Buffer): Generator<string> {
  if (isUtf8(bytes)) {
    if (bytes.length > 0) yield bytes.toString("utf8");
    return;
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad > 0) yield bytes.toString("utf8", 0, bad);
  throw new InputEncodingError(invalidUtf8Message(bad < 0 ? undefined : bytes[bad], "the input"));
}
