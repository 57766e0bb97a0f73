import { ParserRuleContext, Token, type CharStream, type Interval } from "antlr4ng";
import type { Position, Span } from "../../ir/schema.js";

/** Whether a high and a low surrogate start at `i` (a lone surrogate is one code point). */
function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/**
 * Maps offsets in a source text to 1-based line/column positions. ANTLR
 * indexes code points; the IR counts UTF-16 code units (what JavaScript
 * strings and editors use), so code-point indexes are converted here.
 */
export class SourceText {
  readonly text: string;
  private readonly lineStarts: number[] = [0];
  /** UTF-16 offset of each code point index, only when the text has astral characters. */
  private readonly codePointOffsets: Uint32Array | undefined;

  constructor(text: string) {
    this.text = text;
    let astral = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c >= 0xd800 && c <= 0xdbff) astral = true;
    }
    if (astral) {
      const offsets: number[] = [];
      for (let i = 0; i < text.length; i++) {
        offsets.push(i);
        if (isSurrogatePair(text, i)) i++;
      }
      offsets.push(text.length);
      this.codePointOffsets = Uint32Array.from(offsets);
    }
  }

  /** UTF-16 offset of a code point index. */
  offsetOfCodePoint(index: number): number {
    if (this.codePointOffsets === undefined) return index;
    return this.codePointOffsets[Math.min(index, this.codePointOffsets.length - 1)]!;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1, offset };
  }

  /** Span of UTF-16 offsets [start, end). */
  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Span of code point indexes [start, stop] as ANTLR reports them (stop inclusive). */
  spanOfCodePoints(start: number, stop: number): Span {
    return this.span(this.offsetOfCodePoint(start), this.offsetOfCodePoint(stop + 1));
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}

/** Span of a token; EOF is the empty span where the input ends. */
export function tokenSpan(token: Token, source: SourceText): Span {
  if (token.type === Token.EOF) {
    const end = source.offsetOfCodePoint(token.start);
    return source.span(end, end);
  }
  return source.spanOfCodePoints(token.start, token.stop);
}

/** Span of a parse-tree node or a token; an empty rule is the empty span where it starts. */
export function treeSpan(node: ParserRuleContext | Token, source: SourceText): Span {
  if (node instanceof ParserRuleContext) {
    const start = node.start!;
    const stop = node.stop ?? start;
    const from = source.offsetOfCodePoint(start.start);
    const to = source.offsetOfCodePoint(Math.max(stop.stop, start.start - 1) + 1);
    return source.span(from, to);
  }
  return tokenSpan(node, source);
}

/**
 * An ANTLR character stream over a SourceText. Built with one pass of
 * charCodeAt (the runtime's own stream iterates the string and boxes every
 * code point), and token text is sliced from the original string.
 */
export class SourceCharStream implements CharStream {
  name = "";
  index = 0;
  private readonly data: Uint32Array;

  constructor(private readonly source: SourceText) {
    const text = source.text;
    const data = new Uint32Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      if (isSurrogatePair(text, i)) {
        data[n++] = text.codePointAt(i)!;
        i++;
      } else {
        data[n++] = text.charCodeAt(i);
      }
    }
    this.data = n === text.length ? data : data.slice(0, n);
  }

  reset(): void {
    this.index = 0;
  }

  consume(): void {
    if (this.index >= this.data.length) throw new Error("cannot consume EOF");
    this.index++;
  }

  LA(offset: number): number {
    if (offset === 0) return 0;
    const pos = this.index + (offset < 0 ? offset + 1 : offset) - 1;
    return pos < 0 || pos >= this.data.length ? Token.EOF : this.data[pos]!;
  }

  mark(): number {
    return -1;
  }

  release(): void {}

  seek(index: number): void {
    this.index = Math.min(index, this.data.length);
  }

  get size(): number {
    return this.data.length;
  }

  getSourceName(): string {
    return this.name;
  }

  getTextFromRange(start: number, stop?: number): string {
    const last = Math.min(stop ?? this.data.length - 1, this.data.length - 1);
    if (start > last) return "";
    return this.source.text.slice(this.source.offsetOfCodePoint(start), this.source.offsetOfCodePoint(last + 1));
  }

  getTextFromInterval(interval: Interval): string {
    return this.getTextFromRange(interval.start, interval.stop);
  }

  toString(): string {
    return this.source.text;
  }
}
