import type { Position, Span } from "../../ir/schema.js";

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
        const c = text.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
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
