// Lexical printing rules of Materialize's simple mode (spec §6.1).
import type { Comment, Identifier, ObjectName } from "../../ir/schema.js";
import { printComments as printCommentsIn, type CommentSyntax, type Doc } from "../shared/doc.js";
import { QUOTED_KEYWORDS } from "./catalog.js";

const BARE = /^[a-z_][a-z0-9_]*$/;

/** Prints an identifier bare when it re-lexes to the same value, else double-quoted. */
export function printIdent(value: string): string {
  if (BARE.test(value) && !QUOTED_KEYWORDS.has(value.toUpperCase())) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export function printIdentifier(id: Identifier): string {
  return printIdent(id.value);
}

export function printName(name: ObjectName): string {
  const dotted = name.parts.map(printIdentifier).join(".");
  if (name.catalogId === undefined) return dotted;
  return `[${name.catalogId} AS ${dotted}${name.version !== undefined ? ` VERSION ${name.version}` : ""}]`;
}

/** A standard string literal: quotes doubled, nothing else escaped. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Materialize's comments (spec §1): `--` to the end of the line, block comments nest. */
const COMMENT_SYNTAX: CommentSyntax = {
  lineOpening: () => "--",
  nestedBlocks: true,
  reservedBlockStarts: [],
};

export function printComments(comments: Comment[] | undefined): Doc[] {
  return printCommentsIn(comments, COMMENT_SYNTAX);
}
