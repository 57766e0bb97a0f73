// Thin layer over prettier's Doc builders shared by every emitter.
import { builders, printer } from "prettier/doc";
type Doc = builders.Doc;
import type { Comment, Statement } from "../../ir/schema.js";

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

/** Comments as SQL comments in dialects with `--` and `/* *\/` comments. */
export function printComments(comments: Comment[] | undefined): Doc[] {
  if (comments === undefined) return [];
  return comments.map((c) => [c.style === "line" ? `--${c.text}` : `/*${c.text}*/`, hardline]);
}

export function statementComments(statement: Statement): Doc[] {
  return printComments(statement.comments);
}
