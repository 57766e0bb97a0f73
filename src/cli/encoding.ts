// How input bytes become text and output text becomes bytes. Accepted input
// is UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order
// mark; anything else is refused for that file rather than guessed at,
// because a guess rewrites the bytes (a Latin-1 password read as UTF-8 would
// come out changed). Outputs are UTF-8 and keep the input's line breaks.
import { isUtf8 } from "node:buffer";
import type { Diagnostic } from "../diagnostics.js";

export type ByteOrderMark = "utf-8" | "utf-16le" | "utf-16be";
export type LineBreaks = "lf" | "crlf";

export interface DecodedText {
  text: string;
  /** The byte-order mark the input started with, if any (it is not part of text). */
  byteOrderMark?: ByteOrderMark;
  /** `crlf` when the text has line breaks and every one of them is CR LF; `lf` otherwise. */
  lineBreaks: LineBreaks;
}

/** Why bytes are not text: the diagnostic, and the text before the problem (for its code frame). */
export interface UndecodableText {
  diagnostic: Diagnostic;
  decodedPrefix: string;
}

const HINT = "save the file as UTF-8, or as UTF-16 with a byte-order mark";

/** Length of the valid UTF-8 prefix of bytes (the offset of the first invalid sequence). */
function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  const inRange = (k: number, low: number, high: number): boolean => k < n && bytes[k]! >= low && bytes[k]! <= high;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) i += 1;
    else if (b >= 0xc2 && b <= 0xdf && inRange(i + 1, 0x80, 0xbf)) i += 2;
    else if (
      b >= 0xe0 && b <= 0xef &&
      inRange(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) &&
      inRange(i + 2, 0x80, 0xbf)
    ) i += 3;
    else if (
      b >= 0xf0 && b <= 0xf4 &&
      inRange(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
      inRange(i + 2, 0x80, 0xbf) &&
      inRange(i + 3, 0x80, 0xbf)
    ) i += 4;
    else return i;
  }
  return n;
}

/** Index of the first code unit that is not part of a well-formed UTF-16 sequence (units.length when all are). */
function firstIllFormedUtf16(units: Uint16Array): number {
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit >= 0xdc00 && unit <= 0xdfff) return i;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = units[i + 1];
      if (next === undefined || next < 0xdc00 || next > 0xdfff) return i;
      i++;
    }
  }
  return units.length;
}

/** A one-character span at `offset` of `text` (the position where decoding stopped). */
function spanAt(text: string, offset: number): NonNullable<Diagnostic["span"]> {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  const start = { line, column: offset - lineStart + 1, offset };
  return { start, end: { line, column: start.column + 1, offset: offset + 1 } };
}

function undecodable(code: string, message: string, decodedPrefix: string): UndecodableText {
  return {
    diagnostic: { severity: "error", code, message: `${message}; the file is not read and nothing is written for it`, hint: HINT, span: spanAt(decodedPrefix, decodedPrefix.length) },
    decodedPrefix,
  };
}

function lineBreaksOf(text: string): LineBreaks {
  let lineFeeds = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (text.charCodeAt(i - 1) !== 0x0d) return "lf";
    lineFeeds++;
  }
  return lineFeeds > 0 ? "crlf" : "lf";
}

/**
 * Decodes an input. A NUL character is refused too: no SQL or JSON text holds
 * one, and it is what binary data and UTF-16 written without a byte-order
 * mark look like.
 */
export function decodeText(bytes: Uint8Array): { decoded: DecodedText } | { undecodable: UndecodableText } {
  let byteOrderMark: ByteOrderMark | undefined;
  let text: string;
  let bytesBefore: (charOffset: number) => number;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) byteOrderMark = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) byteOrderMark = "utf-16be";
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) byteOrderMark = "utf-8";

  if (byteOrderMark === "utf-16le" || byteOrderMark === "utf-16be") {
    // A fresh buffer: aligned for a Uint16Array view, and safe to swap in place.
    const body = Buffer.alloc((bytes.length - 2) & ~1);
    body.set(bytes.subarray(2, 2 + body.length));
    if (byteOrderMark === "utf-16be") body.swap16();
    const units = new Uint16Array(body.buffer, body.byteOffset, body.length / 2);
    const illFormed = firstIllFormedUtf16(units);
    const decodeUnits = (count: number): string => new TextDecoder("utf-16le").decode(units.subarray(0, count));
    if (illFormed < units.length) {
      return { undecodable: undecodable("input.invalid-utf16", `invalid UTF-16 at byte ${2 + illFormed * 2} (an unpaired surrogate)`, decodeUnits(illFormed)) };
    }
    if ((bytes.length - 2) % 2 !== 0) {
      return { undecodable: undecodable("input.invalid-utf16", `invalid UTF-16 at byte ${bytes.length - 1} (an odd number of bytes)`, decodeUnits(units.length)) };
    }
    text = decodeUnits(units.length);
    bytesBefore = (offset) => 2 + offset * 2;
  } else {
    const skip = byteOrderMark === "utf-8" ? 3 : 0;
    const body = bytes.subarray(skip);
    if (!isUtf8(body)) {
      const invalidAt = validUtf8Prefix(body);
      const prefix = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body.subarray(0, invalidAt));
      return { undecodable: undecodable("input.invalid-utf8", `invalid UTF-8 at byte ${skip + invalidAt}`, prefix) };
    }
    text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
    bytesBefore = (offset) => skip + Buffer.byteLength(text.slice(0, offset), "utf8");
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    return {
      undecodable: undecodable("input.binary", `NUL character at byte ${bytesBefore(nul)}: binary data, or UTF-16 without a byte-order mark`, text.slice(0, nul)),
    };
  }
  return { decoded: { text, ...(byteOrderMark !== undefined ? { byteOrderMark } : {}), lineBreaks: lineBreaksOf(text) } };
}

/**
 * The output text with the input's line breaks: when the input's were CR LF,
 * every bare LF becomes CR LF, except inside string literals (`literals`
 * gives their [start, end) offsets), where a line break is part of a value.
 */
export function withLineBreaks(text: string, lineBreaks: LineBreaks, literals: (text: string) => Array<[number, number]> = () => []): string {
  if (lineBreaks === "lf" || !text.includes("\n")) return text;
  const ranges = literals(text);
  let out = "";
  let from = 0;
  let range = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    while (range < ranges.length && ranges[range]![1] <= i) range++;
    const insideLiteral = range < ranges.length && ranges[range]![0] <= i;
    if (insideLiteral || text.charCodeAt(i - 1) === 0x0d) continue;
    out += `${text.slice(from, i)}\r\n`;
    from = i + 1;
  }
  return out + text.slice(from);
}

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/** Output bytes: UTF-8, starting with a byte-order mark when asked to. */
export function encodeText(text: string, byteOrderMark: boolean): Uint8Array {
  const body = Buffer.from(text, "utf8");
  return byteOrderMark ? Buffer.concat([UTF8_BOM, body]) : body;
}
