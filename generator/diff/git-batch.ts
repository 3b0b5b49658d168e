// One `git cat-file --batch...` process, asked for any number of objects: reading a ref costs a few processes,
// not one per file. Its output is read as a stream, so an object over the caller's bound is skipped unread.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Readable } from "node:stream";
import { SideError } from "./side-error.js";

/** An answer: the object and, when it was within the bound, its bytes; or why git has no such object. */
export type BatchAnswer = { oid: string; type: string; size: number; bytes?: Buffer } | { absent: string };

/** Output held before the reader takes it; past this the process waits, so a slow reader does not fill memory. */
const highWater = 16 * 1024 * 1024;

/** The bytes of a stream, taken in order by lines and counts as they arrive. */
class ByteQueue {
  private chunks: Buffer[] = [];
  private queued = 0;
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(private readonly stream: Readable) {
    stream.on("data", (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.queued += chunk.length;
      if (this.queued > highWater) stream.pause();
      this.signal();
    });
    stream.on("close", () => {
      this.ended = true;
      this.signal();
    });
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Waits for more bytes; false when there will be none. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    this.stream.resume();
    await new Promise<void>((done) => (this.wake = done));
    return true;
  }

  /** The next line without its LF; undefined when the stream ended first. */
  async line(): Promise<string | undefined> {
    for (;;) {
      let offset = 0;
      for (const chunk of this.chunks) {
        const at = chunk.indexOf(10);
        if (at >= 0) return (await this.take(offset + at + 1, true))!.subarray(0, -1).toString("utf8");
        offset += chunk.length;
      }
      if (!(await this.more())) return undefined;
    }
  }

  /** The next `count` bytes (kept, or dropped as they come); undefined when the stream ended first. */
  async take(count: number, keep: boolean): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let missing = count;
    while (missing > 0) {
      if (this.chunks.length === 0 && !(await this.more())) return undefined;
      if (this.chunks.length === 0) continue;
      const chunk = this.chunks[0];
      const part = chunk.length <= missing ? chunk : chunk.subarray(0, missing);
      if (part === chunk) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(missing);
      this.queued -= part.length;
      missing -= part.length;
      if (keep) parts.push(part);
    }
    if (this.queued <= highWater) this.stream.resume();
    return keep ? Buffer.concat(parts) : Buffer.alloc(0);
  }
}

export class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly output: ByteQueue;
  private stderr = "";
  private failure: Error | undefined;
  private readonly exited: Promise<number | null>;
  /** `--batch` follows each header with the object's bytes; `--batch-check` gives the header only. */
  private readonly withContents: boolean;

  /** `args`: the batch mode, e.g. `["--batch"]` or `["--batch", "--filters"]`; run in the repository's top folder. */
  constructor(top: string, args: readonly string[]) {
    this.child = spawn("git", ["cat-file", ...args], { cwd: top, stdio: ["pipe", "pipe", "pipe"] });
    this.output = new ByteQueue(this.child.stdout);
    this.withContents = args.includes("--batch");
    this.child.stderr.on(
      "data",
      (chunk: Buffer) => void (this.stderr.length < 4096 && (this.stderr += chunk.toString("utf8"))),
    );
    // A git that died stops reading its input: that is told by its exit, not by a write error here.
    this.child.stdin.on("error", () => undefined);
    this.exited = new Promise((done) => {
      this.child.on("error", (error) => {
        this.failure = error;
        done(null);
      });
      this.child.on("close", (code) => done(code));
    });
  }

  /** Asks for one object; answers come in the order asked. A request holds no LF (the caller makes sure). */
  ask(request: string): void {
    this.child.stdin.write(`${request}\n`);
  }

  /** The next answer; bytes are kept only for an object of at most `maxBytes`. */
  async answer(maxBytes: number): Promise<BatchAnswer> {
    const header = await this.output.line();
    if (header === undefined) throw await this.failed();
    const fields = header.split(" ");
    // `<name> missing` (or ambiguous): the only answers without a size.
    if (fields.length !== 3) return { absent: fields.at(-1) ?? header };
    const [oid, type, sizeText] = fields;
    const size = Number(sizeText);
    if (!this.withContents) return { oid, type, size };
    const bytes = await this.output.take(size, size <= maxBytes);
    if (bytes === undefined || (await this.output.take(1, false)) === undefined) throw await this.failed();
    return size <= maxBytes ? { oid, type, size, bytes } : { oid, type, size };
  }

  /** Ends the input and waits for git; a failure of git is the machine's or the repository's (exit 1). */
  async close(): Promise<void> {
    this.child.stdin.end();
    const code = await this.exited;
    if (code !== 0) throw await this.failed();
  }

  /** Ends git at once, whatever it was doing: after an error, so that no process outlives the run. */
  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private async failed(): Promise<SideError> {
    this.child.stdin.end();
    await this.exited;
    const reason = this.failure?.message ?? (this.stderr.trim().split("\n")[0] || "it ended before answering");
    return new SideError(`git cat-file failed: ${reason}`, 1);
  }
}
