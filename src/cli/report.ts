// Human rendering of diagnostics: `file:line:col: severity code: message`,
// then a code frame of the source line with the span underlined. The frame
// is the only place source text reaches stderr, so the contents of string
// literals are masked there: they are where passwords, keys and secret
// values live, and a diagnostic must not reveal more than its message.
import type { Diagnostic } from "../diagnostics.js";
import { anyLiteralContents, mergeRanges, mysqlLiteralContents, sqlLiteralContents } from "../dialects/shared/literals.js";
import type { DialectId, Span } from "../ir/schema.js";

export { mysqlLiteralContents, sqlLiteralContents };

/** `sql`: PostgreSQL-family lexing (Materialize); `mysql`: MySQL-family lexing (SingleStore). */
export type SourceLanguage = "sql" | "mysql" | "json";

/** How each dialect writes string literals: the PostgreSQL family's forms or the MySQL family's. */
export const STRING_SYNTAX: Record<DialectId, "sql" | "mysql"> = {
  materialize: "sql",
  cockroachdb: "sql",
  flink: "sql",
  databend: "mysql",
  singlestore: "mysql",
};

/** The [start, end) offsets of string literal contents in a text of the language. */
export function literalContents(language: SourceLanguage): (text: string) => Array<[number, number]> {
  switch (language) {
    case "sql":
      return sqlLiteralContents;
    case "mysql":
      return mysqlLiteralContents;
    case "json":
      return jsonStringValueContents;
  }
}

/** Longest stretch of a source line shown in a frame; longer lines are cut around the span. */
const MAX_FRAME_COLUMNS = 100;
/** Columns kept before the span when a long line is cut. */
const FRAME_LEAD_COLUMNS = 30;
const MASK = "***";
const ELLIPSIS = "…";

/**
 * A source text with the offsets a frame must never show: the sensitive spans
 * the library reported for it, or, where none were reported (the input could
 * not be read as its dialect at all), every string literal of its language.
 */
export class FrameSource {
  private maskRanges: Array<[number, number]> | undefined;

  constructor(
    readonly text: string,
    private readonly language: SourceLanguage,
    private readonly sensitive?: readonly Span[],
  ) {}

  /** Sorted, disjoint [start, end) offsets whose characters are never shown. */
  masks(): Array<[number, number]> {
    if (this.sensitive !== undefined) {
      this.maskRanges ??= mergeRanges(this.sensitive.map((s): [number, number] => [s.start.offset, s.end.offset]));
      return this.maskRanges;
    }
    // The text may be another dialect's than the one chosen: every SQL string form counts.
    this.maskRanges ??= this.language === "json" ? jsonStringValueContents(this.text) : anyLiteralContents(this.text);
    return this.maskRanges;
  }
}

/** Contents of JSON string values (not property names, which are structure). Unterminated strings run to the end. */
export function jsonStringValueContents(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const start = i + 1;
    i = start;
    while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    const end = Math.min(i, n);
    i = end + 1;
    let next = i;
    while (next < n && /\s/.test(text[next]!)) next++;
    if (text[next] !== ":" && end > start) ranges.push([start, end]);
  }
  return ranges;
}

/** One visible column for a code point that would disturb the terminal or the caret alignment. */
function visible(codePoint: number): string {
  if (codePoint === 0x09) return " ";
  if (codePoint < 0x20) return String.fromCodePoint(0x2400 + codePoint);
  if (codePoint === 0x7f) return "\u2421";
  if (isInvisible(codePoint)) return "\ufffd";
  return String.fromCodePoint(codePoint);
}

/** C1 controls, bidirectional controls, zero-width characters and lone surrogates. */
function isInvisible(codePoint: number): boolean {
  return (
    (codePoint >= 0x80 && codePoint <= 0x9f) ||
    codePoint === 0x061c ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2069) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

/** Escapes characters of a message or path that could rewrite the terminal or forge output lines. */
export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x20 || cp === 0x7f || isInvisible(cp) ? `\\u${cp.toString(16).padStart(4, "0")}` : ch;
  }
  return out;
}

function firstMaskEndingAfter(masks: Array<[number, number]>, offset: number): number {
  let lo = 0;
  let hi = masks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (masks[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The source line of a span and a caret underline, as two gutter-prefixed lines. */
export function codeFrame(source: FrameSource, span: NonNullable<Diagnostic["span"]>): string[] {
  const text = source.text;
  const start = Math.min(Math.max(span.start.offset, 0), text.length);
  const end = Math.min(Math.max(span.end.offset, start), text.length);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", start);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > lineStart && text[lineEnd - 1] === "\r") lineEnd--;
  const underlineStart = Math.min(start, lineEnd);
  const underlineEnd = Math.min(end, lineEnd);

  let windowStart = lineStart;
  let windowEnd = lineEnd;
  if (lineEnd - lineStart > MAX_FRAME_COLUMNS) {
    windowStart = Math.max(lineStart, underlineStart - FRAME_LEAD_COLUMNS);
    windowEnd = Math.min(lineEnd, windowStart + MAX_FRAME_COLUMNS);
    windowStart = Math.max(lineStart, windowEnd - MAX_FRAME_COLUMNS);
    // Never cut a surrogate pair in half.
    if (windowStart > lineStart && /[\udc00-\udfff]/.test(text[windowStart]!)) windowStart++;
    if (windowEnd < lineEnd && /[\udc00-\udfff]/.test(text[windowEnd]!)) windowEnd++;
  }

  // Display column where each offset of the window starts and ends.
  const startColumn = new Array<number>(windowEnd - windowStart + 1);
  const endColumn = new Array<number>(windowEnd - windowStart + 1);
  let display = windowStart > lineStart ? ELLIPSIS : "";
  let column = display.length;
  const masks = source.masks();
  let maskIndex = firstMaskEndingAfter(masks, windowStart);
  let i = windowStart;
  while (i < windowEnd) {
    const mask = masks[maskIndex];
    if (mask !== undefined && mask[0] <= i) {
      const stop = Math.min(mask[1], windowEnd);
      for (let j = i; j < stop; j++) {
        startColumn[j - windowStart] = column;
        endColumn[j - windowStart] = column + MASK.length;
      }
      display += MASK;
      column += MASK.length;
      i = stop;
      maskIndex++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const size = codePoint > 0xffff ? 2 : 1;
    for (let j = i; j < i + size; j++) {
      startColumn[j - windowStart] = column;
      endColumn[j - windowStart] = column + 1;
    }
    display += visible(codePoint);
    column++;
    i += size;
  }
  startColumn[windowEnd - windowStart] = column;
  if (windowEnd < lineEnd) display += ELLIPSIS;

  const caretStart = startColumn[Math.min(underlineStart, windowEnd) - windowStart]!;
  const lastUnderlined = Math.min(underlineEnd, windowEnd) - 1;
  const caretEnd = lastUnderlined >= underlineStart ? endColumn[lastUnderlined - windowStart]! : caretStart + 1;
  const lineNumber = String(span.start.line);
  const gutter = " ".repeat(lineNumber.length);
  return [
    `  ${lineNumber} |${display === "" ? "" : ` ${display}`}`,
    `  ${gutter} | ${" ".repeat(caretStart)}${"^".repeat(Math.max(1, caretEnd - caretStart))}`,
  ];
}

export interface RenderOptions {
  /** Name shown for the input: its path, or `<stdin>`. */
  file: string;
  /** The input text, when the diagnostic's span refers to it. */
  source?: FrameSource;
}

/** A diagnostic as the lines written to stderr (without trailing newline). */
export function renderDiagnostic(diagnostic: Diagnostic, options: RenderOptions): string {
  const span = options.source !== undefined ? diagnostic.span : undefined;
  const location = span !== undefined ? `${printable(options.file)}:${span.start.line}:${span.start.column}` : printable(options.file);
  const field = diagnostic.path !== undefined && diagnostic.path !== "" ? ` [${printable(diagnostic.path)}]` : "";
  const lines = [`${location}: ${diagnostic.severity} ${printable(diagnostic.code)}: ${printable(diagnostic.message)}${field}`];
  if (span !== undefined && options.source !== undefined) lines.push(...codeFrame(options.source, span));
  if (diagnostic.hint !== undefined) lines.push(`  hint: ${printable(diagnostic.hint)}`);
  return lines.join("\n");
}
