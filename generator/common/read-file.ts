// Reads an input file without trusting it. Only a regular file is read: a FIFO would block the run forever, a
// device like /dev/zero never ends, a socket cannot be opened. And never more than a bound, whatever stat says:
// a file can grow while it is read, and some files report a size of 0.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { attempt } from "./file-system.js";

/** Larger spec files are refused before parsing, so a hostile spec cannot exhaust memory. */
export const maxSpecFileBytes = 8 * 1024 * 1024;

export type ReadResult =
  | { bytes: Buffer }
  /** What the path is instead of a regular file, e.g. "a FIFO (named pipe)". */
  | { notAFile: string }
  /** Over the bound; `size` when stat knew it before reading, else undefined. */
  | { tooLarge: true; size?: number };

// Not defined on every platform; where they are missing, opening cannot block on a FIFO or grab a terminal anyway.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Throws only what the system says about the path itself (ENOENT, EACCES, ...), for the caller to word. */
export function readRegularFile(path: string, maxBytes: number): ReadResult {
  const info = statSync(path);
  const kind = nonFileKind(info);
  if (kind) return { notAFile: kind };
  if (info.size > maxBytes) return { tooLarge: true, size: info.size };
  // Non-blocking: if the path was replaced by a FIFO since the stat, open returns at once instead of waiting for a
  // writer; the fstat below then refuses it.
  const fd = openSync(path, openFlags);
  try {
    const opened = nonFileKind(fstatSync(fd));
    if (opened) return { notAFile: opened };
    let buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) return { tooLarge: true };
    }
    return { bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** Untrusted bytes' JSON, or undefined (no bytes, or not JSON). */
export const parseJson = (bytes: Buffer | undefined): unknown =>
  bytes === undefined ? undefined : attempt((): unknown => JSON.parse(bytes.toString("utf8"))).value;

/** A file's bytes as readRegularFile reads them, or undefined when it is over `maxBytes` or not a regular file.
 * Throws what the system says about the path (ENOENT, EACCES, ...). */
export function readRegularBytes(path: string, maxBytes: number): Buffer | undefined {
  const read = readRegularFile(path, maxBytes);
  return "bytes" in read ? read.bytes : undefined;
}

/** The JSON of an untrusted file, read as readRegularFile reads it, or undefined (unreadable, over `maxBytes`, not
 * a regular file, not JSON). */
export const readJsonFile = (path: string, maxBytes = maxSpecFileBytes): unknown =>
  parseJson(attempt(() => readRegularBytes(path, maxBytes)).value);

/** The diagnostic text for a result that is not bytes. */
export function describeUnread(result: Exclude<ReadResult, { bytes: Buffer }>, maxBytes: number): string {
  if ("notAFile" in result) return `is ${result.notAFile}, not a regular file; statespec reads only regular files`;
  return result.size === undefined
    ? `file is over ${maxBytes} bytes, the limit`
    : `file is ${result.size} bytes; the limit is ${maxBytes}`;
}

function nonFileKind(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "something other than a file";
}
