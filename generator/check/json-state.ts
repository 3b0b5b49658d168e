// The JSON scanner's state across chunks, and what happens where a value starts or ends: the record capture. The
// character loop that drives it is json-stream.ts.
import { Expect, JsonSyntaxError, Role, isValidToken, maxRecordChars } from "./json-events.js";
import type { Frame, JsonEvent, RecordPlace } from "./json-events.js";

export class ScanState {
  readonly stack: Frame[] = [];
  line = 1;
  /** Absolute offset of the current line's first character. */
  lineStart = 0;
  /** Absolute offset of the current chunk's first character. */
  base = 0;
  topIndex = 0;
  sawValue = false;

  inString = false;
  /** 0 none, 1 after a backslash, 2..5 reading the hex digits of \uXXXX. */
  escape = 0;
  stringLine = 0;
  stringColumn = 0;
  /** Absolute offset of the open string's quote: a string outside any record is bounded too (a key, a link). */
  stringStart = 0;
  /** Collecting a key of the top-level object, to find `servers`. */
  collectKey = false;
  keyPieces: string[] = [];
  keyStart = 0;
  lastKey = "";
  /** A number or literal in progress. */
  token = "";
  tokenLine = 0;
  tokenColumn = 0;

  // Record capture.
  capturing = false;
  captureDepth = 0;
  captureStart = 0;
  capturedChars = 0;
  pieces: string[] = [];
  recordLine = 0;
  recordColumn = 0;
  recordPlace: RecordPlace = "top";

  // The chunk being scanned, and the events found in it so far.
  chunk = "";
  events: JsonEvent[] = [];
  /** The next newline at or after the last fast-path try; -1: none in the rest of the chunk (a minified line). */
  nextNewline = -2;

  startChunk(chunk: string): void {
    this.chunk = chunk;
    this.events = [];
    this.nextNewline = -2;
  }

  column(index: number): number {
    return this.base + index - this.lineStart + 1;
  }

  openString(index: number): void {
    this.inString = true;
    this.stringLine = this.line;
    this.stringColumn = this.column(index);
    this.stringStart = this.base + index;
  }

  fail(message: string, index: number): never {
    throw new JsonSyntaxError(message, this.line, this.column(index));
  }

  endCapture(index: number): void {
    this.pieces.push(this.chunk.slice(this.captureStart, index + 1));
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join("");
    this.pieces = [];
    this.capturing = false;
    // The scanner has validated the text already, so JSON.parse cannot fail here.
    this.events.push({
      kind: "record",
      value: JSON.parse(text),
      text,
      place: this.recordPlace,
      line: this.recordLine,
      column: this.recordColumn,
      topIndex: this.topIndex,
    });
  }

  /** A value just ended at `index` (its last character): close a record, then expect what follows a value. */
  valueEnded(index: number): void {
    if (this.capturing && this.stack.length === this.captureDepth) this.endCapture(index);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.expect = Expect.CommaOrEnd;
  }

  /** A value starts at `index` with character `code`: decide whether it is a record and whether it is a list. */
  valueStarts(index: number, code: number): Role {
    const parent = this.stack[this.stack.length - 1];
    let role = Role.Plain;
    if (!parent) {
      this.topIndex++;
      this.sawValue = true;
      role = code === 0x7b ? Role.TopObject : code === 0x5b ? Role.TopArray : Role.Plain;
      if (code !== 0x5b) this.beginCapture(index, "top");
    } else if (parent.role === Role.TopArray || parent.role === Role.ServersArray) {
      this.beginCapture(index, parent.role === Role.TopArray ? "array" : "servers");
    } else if (parent.role === Role.TopObject && this.lastKey === "servers" && code === 0x5b) {
      // `{"servers": [...]}`: its elements are the records; the wrapper object itself is not kept.
      role = Role.ServersArray;
      this.capturing = false;
      this.pieces = [];
    }
    if (role === Role.TopArray || role === Role.ServersArray)
      this.events.push({ kind: "list", place: role === Role.TopArray ? "array" : "servers", topIndex: this.topIndex });
    return role;
  }

  beginCapture(index: number, place: RecordPlace): void {
    this.capturing = true;
    this.captureDepth = this.stack.length;
    this.captureStart = index;
    this.capturedChars = 0;
    this.recordLine = this.line;
    this.recordColumn = this.column(index);
    this.recordPlace = place;
  }

  /** Fast path for the common layout, one record per line (NDJSON, or one element per line of a list): when the
   * object starting at `index` is the rest of its line (before a list's comma), V8 parses it alone and the scanner
   * skips it. Anything else, a syntax error included, falls back to the scanner, which locates errors. Returns the
   * index after the record, or -1. */
  fastRecord(index: number): number {
    const chunk = this.chunk;
    const parent = this.stack[this.stack.length - 1];
    const inList = parent !== undefined && (parent.role === Role.TopArray || parent.role === Role.ServersArray);
    if (parent && !inList) return -1;
    if (this.nextNewline !== -1 && this.nextNewline < index) this.nextNewline = chunk.indexOf("\n", index);
    const newline = this.nextNewline;
    if (newline < 0) return -1;
    const trimEnd = (end: number) => {
      while (
        end > index &&
        (chunk.charCodeAt(end - 1) === 0x20 || chunk.charCodeAt(end - 1) === 0x09 || chunk.charCodeAt(end - 1) === 0x0d)
      )
        end--;
      return end;
    };
    let end = trimEnd(newline);
    if (inList && chunk.charCodeAt(end - 1) === 0x2c) end = trimEnd(end - 1);
    if (chunk.charCodeAt(end - 1) !== 0x7d) return -1;
    let value: unknown;
    const text = chunk.slice(index, end);
    try {
      value = JSON.parse(text);
    } catch {
      return -1;
    }
    // A top-level `{"servers": [...]}` on one line: its elements are the records, so scan it.
    if (!parent && Object.prototype.hasOwnProperty.call(value, "servers")) return -1;
    if (!parent) {
      this.topIndex++;
      this.sawValue = true;
    } else parent.expect = Expect.CommaOrEnd;
    this.events.push({
      kind: "record",
      value,
      text,
      place: !parent ? "top" : parent.role === Role.TopArray ? "array" : "servers",
      line: this.line,
      column: this.column(index),
      topIndex: this.topIndex,
    });
    return end;
  }

  finishToken(index: number): void {
    this.checkToken();
    this.token = "";
    this.valueEnded(index - 1);
  }

  checkToken(): void {
    if (!isValidToken(this.token))
      throw new JsonSyntaxError(
        `invalid literal or number ${JSON.stringify(this.token.slice(0, 40))}`,
        this.tokenLine,
        this.tokenColumn,
      );
  }

  /** The chunk ended: keep the unfinished record's and key's text for the next one. */
  carryOver(): void {
    if (this.capturing) {
      this.pieces.push(this.chunk.slice(this.captureStart));
      this.capturedChars += this.chunk.length - this.captureStart;
      this.captureStart = 0;
      if (this.capturedChars > maxRecordChars)
        throw new JsonSyntaxError(
          `a record larger than ${maxRecordChars / 1024 / 1024} MiB starts here`,
          this.recordLine,
          this.recordColumn,
        );
    }
    // Outside a record nothing bounds a string but this: a top-level key is collected (to find `servers`), and
    // reading any other string for ever is a hang.
    if (this.inString && !this.capturing && this.base + this.chunk.length - this.stringStart > maxRecordChars) {
      const what = this.collectKey ? "a key" : "a string";
      throw new JsonSyntaxError(
        `${what} longer than ${maxRecordChars / 1024 / 1024} MiB starts here`,
        this.stringLine,
        this.stringColumn,
      );
    }
    if (this.collectKey) {
      this.keyPieces.push(this.chunk.slice(this.keyStart));
      this.keyStart = 0;
    }
  }

  /** The input ended: the last top-level scalar, or the error that says what was left open. */
  endOfInput(): JsonEvent[] {
    const endColumn = this.base - this.lineStart + 1;
    if (this.inString)
      throw new JsonSyntaxError("unterminated string (the input ends inside it)", this.stringLine, this.stringColumn);
    if (this.escape !== 0) throw new JsonSyntaxError("the input ends inside an escape", this.line, endColumn);
    const events: JsonEvent[] = [];
    if (this.token !== "") {
      this.checkToken();
      // Only a top-level scalar can end the input.
      const text = this.pieces.join("");
      if (this.capturing)
        events.push({
          kind: "record",
          value: JSON.parse(text),
          text,
          place: this.recordPlace,
          line: this.recordLine,
          column: this.recordColumn,
          topIndex: this.topIndex,
        });
    }
    const open = this.stack[this.stack.length - 1];
    if (open)
      throw new JsonSyntaxError(
        `the input ends inside the ${open.isArray ? "array" : "object"} opened at ${open.line}:${open.column}`,
        this.line,
        endColumn,
      );
    if (!this.sawValue) throw new JsonSyntaxError("no JSON value in the input (it is empty)", this.line, endColumn);
    return events;
  }
}
