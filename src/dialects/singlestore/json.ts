// The two layers of CONFIG and CREDENTIALS (spec §1, "JSON inside string
// literals"): a SQL string literal whose decoded value is JSON text.
//
// Reading: `decodeLiterals` applies MySQL's escapes and quote doubling and
// keeps, for every decoded character, where it came from in the file;
// `parseJson` is a strict JSON parser (the grammar of JSON.parse) that keeps
// key order, duplicate keys and the text of numbers, and reports errors by
// decoded offset, which the map turns back into the true line and column.
//
// Writing: `printJson` prints compact JSON; `quoteSqlString` escapes it for
// SQL (`\` → `\\`, `'` → `''`).
import type { JsonValue, NumberText, Span, Value } from "../../ir/schema.js";
import { CONTROL_ESCAPES } from "../shared/escapes.js";
import type { SourceText } from "../shared/source.js";

// ---- SQL literal decoding ------------------------------------------------------

/** One string token of a literal: its text (quotes included) and UTF-16 offset in the file. */
export interface LiteralPiece {
  text: string;
  offset: number;
}

/** Decoded literal text, with the file offsets of each decoded UTF-16 unit. */
export interface DecodedLiteral {
  value: string;
  /** `starts[i]`: file offset where decoded unit i was written; `starts[length]`: the closing quote. */
  starts: Int32Array;
  /** `ends[i]`: file offset just after the source of decoded unit i. */
  ends: Int32Array;
}

/** MySQL's backslash escapes (spec §1); `\%` and `\_` keep their backslash, any other `\x` is `x`. */
const ESCAPES: Record<string, string> = { "0": "\0", b: "\b", n: "\n", r: "\r", t: "\t", Z: "\x1a" };

/** Decodes adjacent SQL string literals into one value (`'a' "b"` is `ab`). */
export function decodeLiterals(pieces: LiteralPiece[]): DecodedLiteral {
  // Decoding never lengthens the text: its length bounds the maps.
  let capacity = 0;
  for (const piece of pieces) capacity += piece.text.length;
  const starts = new Int32Array(capacity + 1);
  const ends = new Int32Array(capacity);
  const out: string[] = [];
  let length = 0;
  const unit = (decoded: string, start: number, end: number) => {
    out.push(decoded);
    for (let k = 0; k < decoded.length; k++) {
      starts[length] = start;
      ends[length] = end;
      length++;
    }
  };
  let close = 0;
  for (const piece of pieces) {
    const text = piece.text;
    const quote = text.charCodeAt(0);
    const bodyEnd = text.length - 1;
    // Characters written as themselves are copied a run at a time.
    let run = 1;
    const flush = (end: number) => {
      if (end > run) out.push(text.slice(run, end));
    };
    for (let i = 1; i < bodyEnd; ) {
      const c = text.charCodeAt(i);
      const at = piece.offset + i;
      if (c === 0x5c && i + 1 < bodyEnd) {
        flush(i);
        const e = text[i + 1]!;
        if (e === "%" || e === "_") {
          unit("\\", at, at + 1);
          unit(e, at + 1, at + 2);
        } else {
          // A surrogate pair after the backslash is one character.
          const pair = isHighSurrogate(e) && isLowSurrogate(text[i + 2]) ? text.slice(i + 1, i + 3) : e;
          unit(ESCAPES[pair] ?? pair, at, at + 1 + pair.length);
          i += pair.length - 1;
        }
        i += 2;
        run = i;
        continue;
      }
      if (c === quote && text.charCodeAt(i + 1) === quote) {
        flush(i);
        unit(text[i]!, at, at + 2);
        i += 2;
        run = i;
        continue;
      }
      starts[length] = at;
      ends[length] = at + 1;
      length++;
      i++;
    }
    flush(bodyEnd);
    close = piece.offset + bodyEnd;
  }
  starts[length] = close;
  return { value: out.join(""), starts: starts.slice(0, length + 1), ends: ends.slice(0, length) };
}

function isHighSurrogate(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The file span of decoded units [from, to). */
export function decodedSpan(literal: DecodedLiteral, source: SourceText, from: number, to: number): Span {
  const start = literal.starts[from]!;
  const end = to > from ? literal.ends[to - 1]! : start;
  return source.span(start, end);
}

// ---- JSON parsing ------------------------------------------------------------------

/** A parsed JSON value with decoded offsets [start, end). Objects keep every entry, in order. */
export type JsonNode =
  | { type: "object"; entries: JsonEntry[]; start: number; end: number }
  | { type: "array"; items: JsonNode[]; start: number; end: number }
  | { type: "string"; value: string; start: number; end: number }
  | { type: "number"; text: string; start: number; end: number }
  | { type: "boolean"; value: boolean; start: number; end: number }
  | { type: "null"; start: number; end: number };

export interface JsonEntry {
  key: string;
  /** Decoded offsets of the key (quotes included) and of the whole `"key": value`. */
  keyStart: number;
  end: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Decoded offsets of the offending text. */
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/**
 * JSON nested deeper than this is refused with a positioned diagnostic
 * rather than walked. SingleStore documents no limit; MySQL, whose JSON it
 * follows, refuses documents deeper than 100 levels (a scalar or an empty
 * container is 1 level, each container around it one more), and no
 * configuration comes near it.
 */
export const MAX_JSON_DEPTH = 100;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Parses one JSON text (RFC 8259, as JSON.parse reads it). */
export function parseJson(text: string): JsonNode {
  let i = 0;
  const n = text.length;

  // Only JSON punctuation is quoted in messages: other text may be part of a secret.
  const describe = (at: number): string => {
    if (at >= n) return "the end of the text";
    const c = text.codePointAt(at)!;
    if (c < 0x20 || c === 0x7f) return `character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    const char = String.fromCodePoint(c);
    return `{}[],:"'`.includes(char) ? `'${char}'` : "other text";
  };
  const fail = (message: string, at = i, length = at < n ? (text.codePointAt(at)! > 0xffff ? 2 : 1) : 0): never => {
    throw new JsonSyntaxError(message, at, at + length);
  };
  const skipBlanks = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };

  const stringValue = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    let runStart = i;
    for (;;) {
      if (i >= n) fail("unterminated JSON string", start, n - start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) fail(`${describe(i)} must be escaped in a JSON string`);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(runStart, i);
      const e = text[i + 1];
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "u": {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape in a JSON string (four hex digits expected)", i, Math.min(6, n - i));
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        case undefined:
          fail("unterminated JSON string", start, n - start);
          break;
        default: {
          const control = CONTROL_ESCAPES[e];
          if (control === undefined) {
            fail("invalid escape in a JSON string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)", i, 1 + (text.codePointAt(i + 1)! > 0xffff ? 2 : 1));
          }
          out += control;
        }
      }
      i += 2;
      runStart = i;
    }
  };

  // `containers`: how many arrays and objects hold the value; the document is at least one level deeper.
  const value = (containers: number): JsonNode => {
    skipBlanks();
    if (containers >= MAX_JSON_DEPTH) fail(`JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const entries: JsonEntry[] = [];
      skipBlanks();
      if (text[i] === "}") {
        i++;
        return { type: "object", entries, start, end: i };
      }
      for (;;) {
        skipBlanks();
        if (text[i] !== '"') fail(`expected a string key in a JSON object, found ${describe(i)}`);
        const keyStart = i;
        const key = stringValue();
        skipBlanks();
        if (text[i] !== ":") fail(`expected ':' after a key in a JSON object, found ${describe(i)}`);
        i++;
        const v = value(containers + 1);
        entries.push({ key, keyStart, end: v.end, value: v });
        skipBlanks();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return { type: "object", entries, start, end: i };
        }
        fail(`expected ',' or '}' in a JSON object, found ${describe(i)}`);
      }
    }
    if (c === "[") {
      i++;
      const items: JsonNode[] = [];
      skipBlanks();
      if (text[i] === "]") {
        i++;
        return { type: "array", items, start, end: i };
      }
      for (;;) {
        items.push(value(containers + 1));
        skipBlanks();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return { type: "array", items, start, end: i };
        }
        fail(`expected ',' or ']' in a JSON array, found ${describe(i)}`);
      }
    }
    if (c === '"') {
      const s = stringValue();
      return { type: "string", value: s, start, end: i };
    }
    for (const [word, node] of [
      ["true", { type: "boolean", value: true }],
      ["false", { type: "boolean", value: false }],
      ["null", { type: "null" }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, start, end: i } as JsonNode;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m !== null && m[0] !== "-") {
      const numberText = m[0];
      if (!Number.isFinite(Number(numberText))) fail("JSON number too large to be stored in a double", start, numberText.length);
      i += numberText.length;
      return { type: "number", text: numberText, start, end: i };
    }
    return fail(`expected a JSON value, found ${describe(i)}`);
  };

  const root = value(0);
  skipBlanks();
  if (i < n) fail(`unexpected ${describe(i)} after the JSON value`);
  return root;
}

// ---- JSON values for the IR ---------------------------------------------------------

/** Sets an own property, also for keys like `__proto__` that plain assignment would not create. */
export function defineKey<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A number text JSON.stringify would not reproduce (`1.0`, `1e3`, big integers), with where it sits (IR schema). */
export type { NumberText };

/**
 * The IR value of a JSON node. Numbers become JavaScript numbers; those whose
 * text would print differently are listed in `numbers` so that the emitter can
 * write them as they were. In nested objects a repeated key keeps its last
 * value, as JSON.parse does; `duplicates` reports where.
 */
export function jsonValueOf(node: JsonNode, numbers: NumberText[] = [], duplicates: JsonEntry[] = []): JsonValue {
  // One path, extended and cut back on the way down and up; copied only for a number kept.
  const path: (string | number)[] = [];
  const value = (node: JsonNode): JsonValue => {
    switch (node.type) {
      case "object": {
        const out: Record<string, JsonValue> = {};
        const seen = new Set<string>();
        for (const entry of node.entries) {
          if (seen.has(entry.key)) duplicates.push(entry);
          seen.add(entry.key);
          path.push(entry.key);
          defineKey(out, entry.key, value(entry.value));
          path.pop();
        }
        return out;
      }
      case "array":
        return node.items.map((item, k) => {
          path.push(k);
          const v = value(item);
          path.pop();
          return v;
        });
      case "string":
        return node.value;
      case "number": {
        const n = Number(node.text);
        if (String(n) !== node.text) numbers.push({ path: [...path], text: node.text });
        return n;
      }
      case "boolean":
        return node.value;
      case "null":
        return null;
    }
  };
  return value(node);
}

/** The dialect-neutral Value of a JSON node (ALTER LINK): numbers keep their text, objects every entry. */
export function valueOfJson(node: JsonNode): Value {
  switch (node.type) {
    case "object":
      return { kind: "map", entries: node.entries.map((e) => ({ key: e.key, value: valueOfJson(e.value) })) };
    case "array":
      return { kind: "list", items: node.items.map(valueOfJson) };
    case "string":
      return { kind: "string", value: node.value };
    case "number":
      return { kind: "number", value: node.text };
    case "boolean":
      return { kind: "boolean", value: node.value };
    case "null":
      return { kind: "null" };
  }
}

// ---- Printing -------------------------------------------------------------------------

/** Whether a text is a JSON number as JSON.parse reads it. */
export function isJsonNumber(text: string): boolean {
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(text);
  return m !== null && m[0] === text && text !== "-";
}

/**
 * Compact JSON of an IR value (`","` and `":"` separators, keys in order).
 * `numberText` gives the source text of a number at a path, when it has one
 * (the path it is given is only valid during the call).
 */
export function printJson(value: JsonValue, numberText?: (path: readonly (string | number)[], n: number) => string | undefined): string {
  const out: string[] = [];
  const path: (string | number)[] = [];
  const write = (v: JsonValue): void => {
    if (typeof v === "number") {
      out.push(numberText?.(path, v) ?? JSON.stringify(v));
    } else if (Array.isArray(v)) {
      out.push("[");
      v.forEach((item, k) => {
        if (k > 0) out.push(",");
        path.push(k);
        write(item);
        path.pop();
      });
      out.push("]");
    } else if (typeof v === "object" && v !== null) {
      out.push("{");
      let first = true;
      for (const [k, item] of Object.entries(v)) {
        if (!first) out.push(",");
        first = false;
        out.push(JSON.stringify(k), ":");
        path.push(k);
        write(item);
        path.pop();
      }
      out.push("}");
    } else {
      out.push(JSON.stringify(v));
    }
  };
  write(value);
  return out.join("");
}

/** A SQL string literal: single quotes, `\` and `'` escaped (safe whatever sql_mode says about backslashes). */
export function quoteSqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}
