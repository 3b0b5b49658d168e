// An incremental JSON scanner that cuts a stream into server records without ever holding the whole input.
//
// Why our own scanner and not a streaming library (stream-json, @streamparser/json, clarinet): we need three
// things together, and none of them gives all three without wrapping: (1) exact line:col for every syntax error,
// (2) records cut at a place that depends on a key (`servers`) seen at depth 1, and (3) speed: the scanner only
// validates and finds record boundaries; each record's text is then parsed by V8's native JSON.parse, which is
// far faster than building values token by token in JavaScript. The scanner is one state machine.
//
// A record is: a top-level object or scalar (one per NDJSON line, or the one object of a file); an element of a
// top-level array (`openstack server list -f json`); an element of the `servers` array of a top-level object
// (`GET /servers/detail`). Several top-level values in a row (NDJSON, or concatenated JSON) are all read.

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Where a record sat: the whole top-level value, an element of a top-level array, or of a `servers` array. */
export type RecordPlace = "top" | "array" | "servers";

export interface JsonRecord {
  kind: "record";
  value: unknown;
  place: RecordPlace;
  /** 1-based position of the record's first character. */
  line: number;
  column: number;
  /** 1-based number of the top-level value the record belongs to (the NDJSON line's value, usually 1). */
  topIndex: number;
}

/** A list opened: lets the caller name the input's shape even when the list turns out empty. */
export interface JsonList {
  kind: "list";
  place: "array" | "servers";
  topIndex: number;
}

export type JsonEvent = JsonRecord | JsonList;

/** A server record larger than this is refused (a located error), so a pathological input cannot exhaust memory. */
export const maxRecordChars = 32 * 1024 * 1024;

const enum Expect {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
}

const enum Role {
  Plain,
  TopObject,
  TopArray,
  ServersArray,
}

interface Frame {
  isArray: boolean;
  expect: Expect;
  role: Role;
  line: number;
  column: number;
}

const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function show(code: number): string {
  return code < 0x20 ? `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}` : JSON.stringify(String.fromCharCode(code));
}

/** Reads text chunks (already decoded) and yields records and lists in input order; throws JsonSyntaxError. */
export async function* scanJson(chunks: AsyncIterable<string>): AsyncGenerator<JsonEvent> {
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0; // absolute offset of the current line's first character
  let base = 0; // absolute offset of the current chunk's first character
  let topIndex = 0;
  let sawValue = false;

  // Token state that survives a chunk boundary.
  let inString = false;
  let escape = 0; // 0 none, 1 after a backslash, 2..5 reading the hex digits of \uXXXX
  let stringLine = 0;
  let stringColumn = 0;
  let collectKey = false; // collecting a key of the top-level object, to find `servers`
  let keyPieces: string[] = [];
  let keyStart = 0;
  let lastKey = "";
  let token = ""; // a number or literal in progress
  let tokenLine = 0;
  let tokenColumn = 0;

  // Record capture.
  let capturing = false;
  let captureDepth = 0;
  let captureStart = 0;
  let capturedChars = 0;
  let pieces: string[] = [];
  let recordLine = 0;
  let recordColumn = 0;
  let recordPlace: RecordPlace = "top";

  let first = true;
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) {
        chunk = chunk.slice(1); // a BOM is not content
      }
    }
    const events: JsonEvent[] = [];
    // The next newline at or after the last fast-path try; -1: none in the rest of the chunk (a minified line).
    let nextNewline = -2;
    const column = (index: number) => base + index - lineStart + 1;
    const fail = (message: string, index: number): never => {
      throw new JsonSyntaxError(message, line, column(index));
    };

    const endCapture = (index: number) => {
      pieces.push(chunk.slice(captureStart, index + 1));
      const text = pieces.length === 1 ? pieces[0] : pieces.join("");
      pieces = [];
      capturing = false;
      // The scanner has validated the text already, so JSON.parse cannot fail here.
      events.push({ kind: "record", value: JSON.parse(text), place: recordPlace, line: recordLine, column: recordColumn, topIndex });
    };

    /** A value just ended at `index` (its last character): close a record, then expect what follows a value. */
    const valueEnded = (index: number) => {
      if (capturing && stack.length === captureDepth) endCapture(index);
      const parent = stack[stack.length - 1];
      if (parent) parent.expect = Expect.CommaOrEnd;
    };

    /** A value starts at `index` with character `code`: decide whether it is a record and whether it is a list. */
    const valueStarts = (index: number, code: number): Role => {
      const parent = stack[stack.length - 1];
      let role = Role.Plain;
      if (!parent) {
        topIndex++;
        sawValue = true;
        role = code === 0x7b ? Role.TopObject : code === 0x5b ? Role.TopArray : Role.Plain;
        if (code !== 0x5b) beginCapture(index, "top");
      } else if (parent.role === Role.TopArray || parent.role === Role.ServersArray) {
        beginCapture(index, parent.role === Role.TopArray ? "array" : "servers");
      } else if (parent.role === Role.TopObject && lastKey === "servers" && code === 0x5b) {
        // `{"servers": [...]}`: its elements are the records; the wrapper object itself is not kept.
        role = Role.ServersArray;
        capturing = false;
        pieces = [];
      }
      if (role === Role.TopArray || role === Role.ServersArray) events.push({ kind: "list", place: role === Role.TopArray ? "array" : "servers", topIndex });
      return role;
    };

    const beginCapture = (index: number, place: RecordPlace) => {
      capturing = true;
      captureDepth = stack.length;
      captureStart = index;
      capturedChars = 0;
      recordLine = line;
      recordColumn = column(index);
      recordPlace = place;
    };

    /**
     * Fast path for the common layout, one record per line (NDJSON, or one element per line of a list): when the
     * object starting at `index` is the rest of its line (before a list's comma), V8 parses it alone and the
     * scanner skips it. Anything else, a syntax error included, falls back to the scanner, which locates errors.
     * Returns the index after the record, or -1.
     */
    const fastRecord = (index: number): number => {
      const parent = stack[stack.length - 1];
      const inList = parent !== undefined && (parent.role === Role.TopArray || parent.role === Role.ServersArray);
      if (parent && !inList) return -1;
      if (nextNewline !== -1 && nextNewline < index) nextNewline = chunk.indexOf("\n", index);
      const newline = nextNewline;
      if (newline < 0) return -1;
      const trimEnd = (end: number) => {
        while (end > index && (chunk.charCodeAt(end - 1) === 0x20 || chunk.charCodeAt(end - 1) === 0x09 || chunk.charCodeAt(end - 1) === 0x0d)) end--;
        return end;
      };
      let end = trimEnd(newline);
      if (inList && chunk.charCodeAt(end - 1) === 0x2c) end = trimEnd(end - 1);
      if (chunk.charCodeAt(end - 1) !== 0x7d) return -1;
      let value: unknown;
      try {
        value = JSON.parse(chunk.slice(index, end));
      } catch {
        return -1;
      }
      // A top-level `{"servers": [...]}` on one line: its elements are the records, so scan it.
      if (!parent && Object.prototype.hasOwnProperty.call(value, "servers")) return -1;
      if (!parent) {
        topIndex++;
        sawValue = true;
      } else parent.expect = Expect.CommaOrEnd;
      events.push({ kind: "record", value, place: !parent ? "top" : parent.role === Role.TopArray ? "array" : "servers", line, column: column(index), topIndex });
      return end;
    };

    const finishToken = (index: number) => {
      if (token !== "true" && token !== "false" && token !== "null" && !numberPattern.test(token)) {
        throw new JsonSyntaxError(`invalid literal or number ${JSON.stringify(token.slice(0, 40))}`, tokenLine, tokenColumn);
      }
      token = "";
      valueEnded(index - 1);
    };

    // Records found before a syntax error are still checked: yield them, then report the error.
    let syntaxError: unknown;
    try {
      const length = chunk.length;
      let i = 0;
      while (i < length) {
        let code = chunk.charCodeAt(i);
        if (inString) {
          // Fast inner loop over the string's body.
          while (i < length) {
            code = chunk.charCodeAt(i);
            if (escape === 0) {
              if (code === 0x22) break;
              if (code === 0x5c) escape = 1;
              else if (code < 0x20) fail(`${show(code)} inside a string (write it escaped)`, i);
            } else if (escape === 1) {
              if (code === 0x75) escape = 2;
              else if (code === 0x22 || code === 0x5c || code === 0x2f || code === 0x62 || code === 0x66 || code === 0x6e || code === 0x72 || code === 0x74) escape = 0;
              else fail(`invalid escape \\${String.fromCharCode(code)} in a string`, i);
            } else {
              const hex = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
              if (!hex) fail(`invalid \\u escape: ${show(code)} is not a hex digit`, i);
              escape = escape === 5 ? 0 : escape + 1;
            }
            i++;
          }
          if (i === length) break;
          // Closing quote at i.
          inString = false;
          if (collectKey) {
            keyPieces.push(chunk.slice(keyStart, i));
            const raw = keyPieces.join("");
            lastKey = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
            collectKey = false;
            keyPieces = [];
            stack[stack.length - 1].expect = Expect.Colon;
          } else if (stack.length > 0 && !stack[stack.length - 1].isArray && (stack[stack.length - 1].expect === Expect.Key || stack[stack.length - 1].expect === Expect.KeyOrEnd)) {
            stack[stack.length - 1].expect = Expect.Colon;
          } else valueEnded(i);
          i++;
          continue;
        }
        if (token !== "") {
          const isTokenChar = (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x2b || code === 0x2d || code === 0x2e;
          if (isTokenChar) {
            const start = i;
            while (i < length) {
              const c = chunk.charCodeAt(i);
              if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2b || c === 0x2d || c === 0x2e)) break;
              i++;
            }
            token += chunk.slice(start, i);
            if (token.length > 400) throw new JsonSyntaxError("invalid literal or number (too long)", tokenLine, tokenColumn);
            continue;
          }
          finishToken(i);
        }
        // Between tokens.
        if (code === 0x20 || code === 0x09 || code === 0x0d) {
          i++;
          continue;
        }
        if (code === 0x0a) {
          line++;
          lineStart = base + i + 1;
          i++;
          continue;
        }
        const frame = stack[stack.length - 1];
        const expect = frame ? frame.expect : Expect.Value;
        if (expect === Expect.Colon) {
          if (code !== 0x3a) fail(`expected ':' after an object key, found ${show(code)}`, i);
          frame.expect = Expect.Value;
          i++;
          continue;
        }
        if (expect === Expect.CommaOrEnd) {
          if (code === 0x2c) {
            frame.expect = frame.isArray ? Expect.Value : Expect.Key;
            i++;
            continue;
          }
          if (code === (frame.isArray ? 0x5d : 0x7d)) {
            stack.pop();
            valueEnded(i);
            i++;
            continue;
          }
          fail(`expected ',' or '${frame.isArray ? "]" : "}"}' after ${frame.isArray ? "an array element" : "an object member"}, found ${show(code)}`, i);
        }
        if (expect === Expect.KeyOrEnd || expect === Expect.Key) {
          if (code === 0x7d && expect === Expect.KeyOrEnd) {
            stack.pop();
            valueEnded(i);
            i++;
            continue;
          }
          if (code !== 0x22) fail(`expected ${expect === Expect.KeyOrEnd ? "a key or '}'" : "a key (a string in double quotes)"}, found ${show(code)}`, i);
          inString = true;
          stringLine = line;
          stringColumn = column(i);
          if (frame.role === Role.TopObject && stack.length === 1) {
            collectKey = true;
            keyStart = i + 1;
            keyPieces = [];
          }
          i++;
          continue;
        }
        // A value (or, after '[', the end of the array).
        if (code === 0x5d && expect === Expect.ValueOrEnd) {
          stack.pop();
          valueEnded(i);
          i++;
          continue;
        }
        if (code === 0x7b) {
          const end = fastRecord(i);
          if (end >= 0) {
            i = end;
            continue;
          }
        }
        if (code === 0x7b || code === 0x5b) {
          const role = valueStarts(i, code);
          stack.push({ isArray: code === 0x5b, expect: code === 0x5b ? Expect.ValueOrEnd : Expect.KeyOrEnd, role, line, column: column(i) });
          if (stack.length > 512) fail("nesting deeper than 512 levels", i);
          i++;
          continue;
        }
        if (code === 0x22) {
          valueStarts(i, code);
          inString = true;
          stringLine = line;
          stringColumn = column(i);
          i++;
          continue;
        }
        if (code === 0x2d || (code >= 0x30 && code <= 0x39) || code === 0x74 || code === 0x66 || code === 0x6e) {
          valueStarts(i, code);
          token = String.fromCharCode(code);
          tokenLine = line;
          tokenColumn = column(i);
          i++;
          continue;
        }
        const after = expect === Expect.ValueOrEnd ? "a value or ']'" : !frame ? (sawValue ? "another top-level value or the end of input" : "a JSON value") : "a value";
        fail(`expected ${after}, found ${show(code)}`, i);
      }
      if (capturing) {
        pieces.push(chunk.slice(captureStart));
        capturedChars += length - captureStart;
        captureStart = 0;
        if (capturedChars > maxRecordChars) throw new JsonSyntaxError(`a record larger than ${maxRecordChars / 1024 / 1024} MiB starts here`, recordLine, recordColumn);
      }
      if (collectKey) {
        keyPieces.push(chunk.slice(keyStart));
        keyStart = 0;
      }
    } catch (error) {
      syntaxError = error;
    }
    for (const event of events) yield event;
    if (syntaxError) throw syntaxError;
    base += chunk.length;
  }
  // End of input.
  const endColumn = base - lineStart + 1;
  if (inString) throw new JsonSyntaxError("unterminated string (the input ends inside it)", stringLine, stringColumn);
  if (escape !== 0) throw new JsonSyntaxError("the input ends inside an escape", line, endColumn);
  const events: JsonEvent[] = [];
  if (token !== "") {
    if (token !== "true" && token !== "false" && token !== "null" && !numberPattern.test(token)) {
      throw new JsonSyntaxError(`invalid literal or number ${JSON.stringify(token.slice(0, 40))}`, tokenLine, tokenColumn);
    }
    // Only a top-level scalar can end the input.
    if (capturing) {
      const text = pieces.join("");
      events.push({ kind: "record", value: JSON.parse(text), place: recordPlace, line: recordLine, column: recordColumn, topIndex });
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw new JsonSyntaxError(`the input ends inside the ${open.isArray ? "array" : "object"} opened at ${open.line}:${open.column}`, line, endColumn);
  if (!sawValue) throw new JsonSyntaxError("no JSON value in the input (it is empty)", line, endColumn);
  for (const event of events) yield event;
}
