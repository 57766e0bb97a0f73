// Lexical printing rules of the SingleStore emitter (spec §7).
import type { Comment, Identifier, ObjectName } from "../../ir/schema.js";
import { printComments as printCommentsIn, type CommentSyntax, type Doc } from "../shared/doc.js";
import { RESERVED_WORDS } from "./catalog.js";

/** Names are always back-quoted, a back-quote inside written twice (the server's own printer does this). */
export function printIdent(value: string): string {
  return `\`${value.replace(/`/g, "``")}\``;
}

export function printIdentifier(id: Identifier): string {
  return printIdent(id.value);
}

export function printName(name: ObjectName): string {
  return name.parts.map(printIdentifier).join(".");
}

/** A bare word that lexes back as one identifier: a letter first (never a number), not a reserved word. */
const BARE_WORD = /^[A-Za-z_$\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*$/;

function isBareWord(word: string): boolean {
  return BARE_WORD.test(word) && !/[\ud800-\udfff]/.test(word) && !RESERVED_WORDS.has(word.toUpperCase());
}

/**
 * The key of `SET CONFIG ::key = ...`: dotted bare words where the key is
 * made of them and was written so, otherwise one back-quoted identifier.
 */
export function printJsonKey(key: string, bare: boolean): string {
  if (bare && key.split(".").every(isBareWord)) return key;
  return printIdent(key);
}

/**
 * Comments in MySQL syntax (spec §1). A line comment prints as `--` when its
 * text starts with a blank or control character (MySQL needs one after
 * `--`), otherwise as `#`, so that the text comes back unchanged. Block
 * comments do not nest, and one whose text begins with `!` (an executable
 * comment) or `+` (an optimizer hint) is never printed as one.
 */
const COMMENT_SYNTAX: CommentSyntax = {
  lineOpening: (text) => (text === "" || text.charCodeAt(0) <= 0x20 ? "--" : "#"),
  nestedBlocks: false,
  reservedBlockStarts: ["!", "+"],
};

export function printComments(comments: Comment[] | undefined): Doc[] {
  return printCommentsIn(comments, COMMENT_SYNTAX);
}
