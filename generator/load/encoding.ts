// Every text input statespec reads (spec files, templates, check input) must be UTF-8. Decoding anything else
// "works" and shows U+FFFD where the real problem is the file's encoding, so the encoding is named instead:
// UTF-16 and UTF-32 by their byte order mark, or without one by the NUL bytes an ASCII first character gets.

/** The encoding the first bytes show when it is UTF-16 or UTF-32, e.g. "UTF-16 LE (byte order mark FF FE)". */
export function foreignEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  // UTF-32 LE's mark begins with UTF-16 LE's: ask for the longer one first.
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return "UTF-32 BE (byte order mark 00 00 FE FF)";
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return "UTF-32 LE (byte order mark FF FE 00 00)";
  if (b0 === 0xfe && b1 === 0xff) return "UTF-16 BE (byte order mark FE FF)";
  if (b0 === 0xff && b1 === 0xfe) return "UTF-16 LE (byte order mark FF FE)";
  // No input of statespec may hold a NUL, so a NUL among the first bytes is an encoding, never content.
  if (bytes.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return "UTF-32 BE (no byte order mark)";
  if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return "UTF-32 LE (no byte order mark)";
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return "UTF-16 BE (no byte order mark)";
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return "UTF-16 LE (no byte order mark)";
  return undefined;
}

/** What to tell the user about a foreign encoding. */
export function encodingMessage(encoding: string, what: string): string {
  return `${what} is ${encoding}, not UTF-8; statespec reads UTF-8 only: convert it (e.g. iconv -t UTF-8)`;
}

/** Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  return lead < 0x80
    ? 1
    : lead >= 0xc2 && lead < 0xe0
      ? 2
      : lead >= 0xe0 && lead < 0xf0
        ? 3
        : lead >= 0xf0 && lead < 0xf5
          ? 4
          : 0;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const strict = new TextDecoder("utf-8", { fatal: true });
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0 || index + length > bytes.length) return index;
    try {
      // The decoder knows the rules past the lead byte (overlong forms, surrogates, continuation bytes).
      strict.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return -1;
}

/**
 * Where a stream may be cut without splitting a character: the end, or the start of an unfinished sequence in the
 * last three bytes (an invalid byte is left in, for the validity check to find).
 */
export function completeEnd(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const length = sequenceLength(byte);
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Line and column (in UTF-16 units, as the scanners count) of a byte offset in valid UTF-8 text before it. */
export function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString("utf8");
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let at = before.indexOf("\n"); at >= 0; at = before.indexOf("\n", at + 1)) line++;
  return { line, column: before.length - lineStart + 1 };
}

/** A whole file as text, or what is wrong with its encoding and where. A UTF-8 BOM is dropped. */
export function decodeUtf8File(
  bytes: Uint8Array,
): { text: string } | { message: string; line: number; column: number } {
  const encoding = foreignEncoding(bytes);
  if (encoding) return { message: encodingMessage(encoding, "file"), line: 1, column: 1 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return { message: invalidUtf8Message(bytes[offset], "file"), ...positionOfByte(bytes, offset) };
  }
}

export function invalidUtf8Message(byte: number | undefined, what: string): string {
  const shown =
    byte === undefined
      ? "it ends inside a character"
      : `byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} here is not UTF-8`;
  return (
    `${what} is not valid UTF-8: ${shown} ` +
    "(Latin-1 or Windows-1252 text looks like this); statespec reads UTF-8 only"
  );
}
