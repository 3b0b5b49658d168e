// What the JSON scanner (json-stream.ts) yields and how it fails, and the vocabulary of its state machine.

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** The input is not UTF-8 text; the scanner locates it where the text read so far ends. */
export class InputEncodingError extends Error {}

/** Where a record sat: the whole top-level value, an element of a top-level array, or of a `servers` array. */
export type RecordPlace = "top" | "array" | "servers";

export interface JsonRecord {
  kind: "record";
  value: unknown;
  /** The record's text as written: read again for what the parsed value lost (shapes.ts). */
  text: string;
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

/** A top-level object that holds `servers` and whose keys name two responses (key-shapes.ts): `first` names one,
 * `key` (located) the other. */
export interface JsonMixed {
  kind: "mixed";
  first: string;
  key: string;
  line: number;
  column: number;
  topIndex: number;
}

export type JsonEvent = JsonRecord | JsonList | JsonMixed;

/** A server record larger than this is refused (a located error), so a pathological input cannot exhaust memory. */
export const maxRecordChars = 32 * 1024 * 1024;

export const enum Expect {
  Value,
  ValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
}

export const enum Role {
  Plain,
  TopObject,
  TopArray,
  ServersArray,
}

export interface Frame {
  isArray: boolean;
  expect: Expect;
  role: Role;
  line: number;
  column: number;
}

const numberPattern = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A finished literal or number token: true, false, null or a JSON number. */
export function isValidToken(token: string): boolean {
  return token === "true" || token === "false" || token === "null" || numberPattern.test(token);
}

/** A character as an error message names it. */
export function show(code: number): string {
  return code < 0x20
    ? `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}`
    : JSON.stringify(String.fromCharCode(code));
}
