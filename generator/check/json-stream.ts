// An incremental JSON scanner that cuts a stream into server records without ever holding the whole input.
//
// Why our own scanner and not a streaming library: exact line:col for every record and syntax error, records cut
// at a key seen at depth 1, and speed (each record's text is parsed by V8's JSON.parse); measured in
// docs/performance.md ("Why check reads JSON with its own scanner"). The scanner is one state machine.
//
// A record is: a top-level object or scalar (one per NDJSON line, or the one object of a file); an element of a
// top-level array (`openstack server list -f json`); an element of the `servers` array of a top-level object
// (`GET /servers/detail`). Several top-level values in a row (NDJSON, or concatenated JSON) are all read.

import { Expect, InputEncodingError, JsonSyntaxError, Role, show, type JsonEvent } from "./json-events.js";
import { fastRecord } from "./json-fast-record.js";
import { ScanState } from "./json-state.js";

export { JsonSyntaxError, maxRecordChars } from "./json-events.js";
export type { JsonEvent, JsonList, JsonMixed, JsonRecord, RecordPlace } from "./json-events.js";

/** The characters after a backslash that make a whole escape: " \\ / b f n r t. */
const singleEscapes = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** Reads text chunks (already decoded) and yields records and lists in input order; throws JsonSyntaxError. */
export async function* scanJson(chunks: AsyncIterable<string>): AsyncGenerator<JsonEvent> {
  const iterator = chunks[Symbol.asyncIterator]();
  // A scan that stops early (a syntax error, or a caller that stops reading) ends the reader too: it holds the
  // input file open, and a reader left suspended would keep the descriptor until garbage collection.
  try {
    yield* scan(iterator);
  } finally {
    // A reader that fails to close must not replace the scan's own error (a syntax error, located).
    await iterator.return?.()?.catch(() => undefined);
  }
}

async function* scan(iterator: AsyncIterator<string>): AsyncGenerator<JsonEvent> {
  const s = new ScanState();
  let first = true;
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await iterator.next();
    } catch (error) {
      // The reader stops where the text it could decode ends: that is where the scan stands now.
      if (error instanceof InputEncodingError)
        throw new JsonSyntaxError(error.message, s.line, s.base - s.lineStart + 1);
      throw error;
    }
    if (next.done) break;
    let chunk = next.value;
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) {
        chunk = chunk.slice(1); // a BOM is not content
      }
    }
    s.startChunk(chunk);
    // Records found before a syntax error are still checked: yield them, then report the error.
    let syntaxError: unknown;
    try {
      const length = chunk.length;
      let i = 0;
      while (i < length) {
        let code = chunk.charCodeAt(i);
        if (s.inString) {
          // Fast inner loop over the string's body.
          while (i < length) {
            code = chunk.charCodeAt(i);
            if (s.escape === 0) {
              if (code === 0x22) break;
              if (code === 0x5c) s.escape = 1;
              else if (code < 0x20) s.fail(`${show(code)} inside a string (write it escaped)`, i);
            } else if (s.escape === 1) {
              if (code === 0x75) s.escape = 2;
              else if (singleEscapes.has(code)) s.escape = 0;
              else s.fail(`invalid escape \\${String.fromCharCode(code)} in a string`, i);
            } else {
              const hex =
                (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
              if (!hex) s.fail(`invalid \\u escape: ${show(code)} is not a hex digit`, i);
              s.escape = s.escape === 5 ? 0 : s.escape + 1;
            }
            i++;
          }
          if (i === length) break;
          // Closing quote at i.
          s.inString = false;
          if (s.collectKey) s.keyEnded(i);
          else if (
            s.stack.length > 0 &&
            !s.stack[s.stack.length - 1].isArray &&
            (s.stack[s.stack.length - 1].expect === Expect.Key ||
              s.stack[s.stack.length - 1].expect === Expect.KeyOrEnd)
          ) {
            s.stack[s.stack.length - 1].expect = Expect.Colon;
          } else s.valueEnded(i);
          i++;
          continue;
        }
        if (s.token !== "") {
          const isTokenChar =
            (code >= 0x30 && code <= 0x39) ||
            (code >= 0x61 && code <= 0x7a) ||
            (code >= 0x41 && code <= 0x5a) ||
            code === 0x2b ||
            code === 0x2d ||
            code === 0x2e;
          if (isTokenChar) {
            const start = i;
            while (i < length) {
              const c = chunk.charCodeAt(i);
              if (!(
                (c >= 0x30 && c <= 0x39) ||
                (c >= 0x61 && c <= 0x7a) ||
                (c >= 0x41 && c <= 0x5a) ||
                c === 0x2b ||
                c === 0x2d ||
                c === 0x2e
              ))
                break;
              i++;
            }
            s.token += chunk.slice(start, i);
            if (s.token.length > 400)
              throw new JsonSyntaxError("invalid literal or number (too long)", s.tokenLine, s.tokenColumn);
            continue;
          }
          s.finishToken(i);
        }
        // Between tokens.
        if (code === 0x20 || code === 0x09 || code === 0x0d) {
          i++;
          continue;
        }
        if (code === 0x0a) {
          s.line++;
          s.lineStart = s.base + i + 1;
          i++;
          continue;
        }
        const frame = s.stack[s.stack.length - 1];
        const expect = frame ? frame.expect : Expect.Value;
        if (expect === Expect.Colon) {
          if (code !== 0x3a) s.fail(`expected ':' after an object key, found ${show(code)}`, i);
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
            s.stack.pop();
            s.valueEnded(i);
            i++;
            continue;
          }
          s.fail(
            `expected ',' or '${frame.isArray ? "]" : "}"}' ` +
              `after ${frame.isArray ? "an array element" : "an object member"}, found ${show(code)}`,
            i,
          );
        }
        if (expect === Expect.KeyOrEnd || expect === Expect.Key) {
          if (code === 0x7d && expect === Expect.KeyOrEnd) {
            s.stack.pop();
            s.valueEnded(i);
            i++;
            continue;
          }
          if (code !== 0x22)
            s.fail(
              `expected ${expect === Expect.KeyOrEnd ? "a key or '}'" : "a key (a string in double quotes)"}, ` +
                `found ${show(code)}`,
              i,
            );
          s.openString(i);
          if (frame.role === Role.TopObject && s.stack.length === 1) {
            s.collectKey = true;
            s.keyStart = i + 1;
            s.keyPieces = [];
          }
          i++;
          continue;
        }
        // A value (or, after '[', the end of the array).
        if (code === 0x5d && expect === Expect.ValueOrEnd) {
          s.stack.pop();
          s.valueEnded(i);
          i++;
          continue;
        }
        if (code === 0x7b) {
          const end = fastRecord(s, i);
          if (end >= 0) {
            i = end;
            continue;
          }
        }
        if (code === 0x7b || code === 0x5b) {
          const role = s.valueStarts(i, code);
          s.stack.push({
            isArray: code === 0x5b,
            expect: code === 0x5b ? Expect.ValueOrEnd : Expect.KeyOrEnd,
            role,
            line: s.line,
            column: s.column(i),
          });
          if (s.stack.length > 512) s.fail("nesting deeper than 512 levels", i);
          i++;
          continue;
        }
        if (code === 0x22) {
          s.valueStarts(i, code);
          s.openString(i);
          i++;
          continue;
        }
        if (code === 0x2d || (code >= 0x30 && code <= 0x39) || code === 0x74 || code === 0x66 || code === 0x6e) {
          s.valueStarts(i, code);
          s.token = String.fromCharCode(code);
          s.tokenLine = s.line;
          s.tokenColumn = s.column(i);
          i++;
          continue;
        }
        const after =
          expect === Expect.ValueOrEnd
            ? "a value or ']'"
            : !frame
              ? s.sawValue
                ? "another top-level value or the end of input"
                : "a JSON value"
              : "a value";
        s.fail(`expected ${after}, found ${show(code)}`, i);
      }
      s.carryOver();
    } catch (error) {
      syntaxError = error;
    }
    for (const event of s.events) yield event;
    if (syntaxError) throw syntaxError;
    s.base += chunk.length;
  }
  for (const event of s.endOfInput()) yield event;
}
