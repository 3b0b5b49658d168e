// The JSON scanner's state across chunks, and what happens where a value starts or ends: the record capture. The
// character loop that drives it is json-stream.ts.
import { Expect, JsonSyntaxError, Role, isValidToken, maxRecordChars } from "./json-events.js";
import type { Frame, JsonEvent, RecordPlace } from "./json-events.js";
import { keyShape, type KeyShape } from "./key-shapes.js";

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
  /** The top-level value whose keys the next four are about: its first key that names a response (key-shapes.ts),
   * its first key that names another one (where it became two), whether its `servers` list opened (so it is no
   * record that shapes.ts would judge), and the last value a "mixed" event was pushed for. */
  keysOf = 0;
  firstShaped: { key: string; shape: KeyShape } | undefined;
  mix: { first: string; key: string; line: number; column: number } | undefined;
  listOpened = false;
  mixedSaid = 0;
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

  /** A key of the top-level object ended at `index` (its closing quote): `servers` is looked for among them, and an
   * object that holds it and also a key of another response is said (a "mixed" event): check reads one response
   * per object, and would read the list and pass over the server beside it. */
  keyEnded(index: number): void {
    this.keyPieces.push(this.chunk.slice(this.keyStart, index));
    const raw = this.keyPieces.join("");
    this.lastKey = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
    this.collectKey = false;
    this.keyPieces = [];
    this.stack[this.stack.length - 1].expect = Expect.Colon;
    if (this.keysOf !== this.topIndex)
      [this.keysOf, this.firstShaped, this.mix, this.listOpened] = [this.topIndex, undefined, undefined, false];
    const shape = keyShape(this.lastKey);
    if (shape === undefined) return;
    if (!this.firstShaped) this.firstShaped = { key: this.lastKey, shape };
    else if (shape !== this.firstShaped.shape)
      this.mix ??= { first: this.firstShaped.key, key: this.lastKey, line: this.stringLine, column: this.stringColumn };
    this.sayMixed();
  }

  /** An object whose `servers` list opened is never a record: its mix, found before or after, is said here. */
  sayMixed(): void {
    if (this.listOpened && this.mix && this.mixedSaid !== this.topIndex) {
      this.mixedSaid = this.topIndex;
      this.events.push({ kind: "mixed", ...this.mix, topIndex: this.topIndex });
    }
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
      this.listOpened = true;
      this.sayMixed();
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
