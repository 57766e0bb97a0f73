// Thin layer over prettier's Doc builders shared by every emitter.
import { builders, printer } from "prettier/doc";
type Doc = builders.Doc;
import type { Comment } from "../../ir/schema.js";

export type { Doc };
export const { group, indent, line, softline, hardline, join } = builders;

/** Parenthesised, comma-separated list that breaks one item per line when it does not fit. */
export function parenList(items: Doc[], open = "(", close = ")"): Doc {
  if (items.length === 0) return `${open}${close}`;
  return group([open, indent([softline, join([",", line], items)]), softline, close]);
}

export interface PrintOptions {
  /** Line width; undefined or Infinity prints every statement on one line. */
  width?: number;
}

export function printDoc(d: Doc, options: PrintOptions): string {
  const width = options.width === undefined || !Number.isFinite(options.width) ? Number.MAX_SAFE_INTEGER : options.width;
  return printer.printDocToString(d, { printWidth: width, tabWidth: 4, useTabs: false }).formatted;
}

/**
 * How a dialect's lexer reads comments: what printing one must respect so
 * that no part of its text becomes a live token. Every dialect's lexer ends a
 * line comment at a carriage return or a line feed (LINE_END).
 */
export interface CommentSyntax {
  /** The opening of a line comment whose text is `text` (which holds no line end). */
  lineOpening(text: string): string;
  /** Whether block comments nest (`/* a /* b *\/ c *\/` is one comment). */
  nestedBlocks: boolean;
  /** Starts of block comment text the platform reads as something other than a comment (MySQL's `/*!` and `/*+`). */
  reservedBlockStarts: readonly string[];
}

/** What ends a line comment in every dialect's lexer (U+2028 and U+2029 do not). */
const LINE_END = /\r\n|\r|\n/;

/**
 * End (exclusive) of the block comment that opens `text` at 0, or -1 when it
 * is unterminated; the scan is the lexers' own (nesting or not).
 */
function blockCommentEnd(text: string, nested: boolean): number {
  let depth = 1;
  let i = 2;
  while (i < text.length) {
    if (nested && text[i] === "/" && text[i + 1] === "*") {
      depth++;
      i += 2;
    } else if (text[i] === "*" && text[i + 1] === "/") {
      i += 2;
      if (--depth === 0) return i;
    } else {
      i++;
    }
  }
  return -1;
}

/**
 * One comment as lines of the target's comment syntax, whatever the text
 * holds (a comment of another dialect, a kept original statement, IR JSON
 * written elsewhere). The text is kept unchanged where the target reads it
 * back as one comment, as it does every comment read from the same dialect
 * but MySQL's executable comments and hints. Otherwise the rule is:
 * * a line comment is cut at every line end into several line comments;
 * * a block comment whose text begins like an executable comment or a hint
 *   gets a blank in front (`/*!x*\/` prints `/* !x*\/`);
 * * a block comment that would end early (`*\/` inside, or `/*` inside where
 *   comments nest) or not at all becomes line comments, one per line of its
 *   text.
 */
function commentLines(comment: Comment, syntax: CommentSyntax): string[] {
  if (comment.style === "block") {
    const text = syntax.reservedBlockStarts.some((start) => comment.text.startsWith(start)) ? ` ${comment.text}` : comment.text;
    const printed = `/*${text}*/`;
    if (blockCommentEnd(printed, syntax.nestedBlocks) === printed.length) return [printed];
  }
  return comment.text.split(LINE_END).map((line) => `${syntax.lineOpening(line)}${line}`);
}

/** Comments on lines of their own, each followed by a line break. */
export function printComments(comments: Comment[] | undefined, syntax: CommentSyntax): Doc[] {
  return (comments ?? []).flatMap((c) => commentLines(c, syntax).map((text): Doc => [text, hardline]));
}
