// SingleStore text → IR program: split, decide what is in scope, parse each
// statement with the ANTLR grammar, lower it. Statements of other kinds
// (CREATE PIPELINE, SELECT ... INTO LINK, BACKUP ... TO LINK, ...) pass
// through verbatim with an info diagnostic.
import type { Token } from "antlr4ng";
import type { Diagnostic } from "../../diagnostics.js";
import type { Program } from "../../ir/schema.js";
import type { StatementContext } from "../../generated/singlestore/SingleStoreParser.js";
import { Lowering } from "./lower.js";
import { isKeywordType, SingleStoreToken as T, splitStatements, statementParser, TOKEN_NAMES } from "./syntax.js";
import { readProgram, startsWithAny, type StatementReader } from "../shared/program.js";

/** Leading keyword sequences of the statements connbridge understands. */
const IN_SCOPE: number[][] = [
  [T.CREATE, T.LINK],
  [T.CREATE, T.OR, T.REPLACE, T.LINK],
  [T.ALTER, T.LINK],
  [T.DROP, T.LINK],
  [T.SHOW, T.LINKS],
  [T.SHOW, T.CREATE, T.LINK],
];

const LEADING_KEYWORDS = new Set([T.CREATE, T.ALTER, T.DROP, T.SHOW]);

function isWord(token: Token | undefined): boolean {
  return token !== undefined && (token.type === T.IDENT || token.type === T.BACKTICK_IDENT || isKeywordType(token.type));
}

function inScope(tokens: Token[]): boolean {
  if (startsWithAny(tokens, IN_SCOPE)) return true;
  // `CREATE [OR REPLACE] LINK ...` and the like are no other statement either:
  // the link grammar says what is wrong with them.
  return LEADING_KEYWORDS.has(tokens[0]!.type) && !isWord(tokens[1]);
}

const READER: StatementReader<StatementContext> = {
  dialect: "singlestore",
  names: TOKEN_NAMES,
  unexpectedCharacter: T.UNEXPECTED_CHAR,
  inScope,
  // A statement outside the scope still has to look like SQL: it starts with a word or a parenthesis.
  startsLikeStatement(tokens) {
    const first = tokens[0]!;
    return first.type === T.IDENT || isKeywordType(first.type) || first.type === T.LPAREN;
  },
  outOfScope(tokens) {
    // The statement's leading words, OR REPLACE counted as part of the first.
    const words = [];
    const replace = tokens[1]?.type === T.OR && tokens[2]?.type === T.REPLACE ? 2 : 0;
    for (const token of tokens.slice(0, 2 + replace)) {
      if (token.type !== T.IDENT && !isKeywordType(token.type)) break;
      words.push(token.text!.toUpperCase());
    }
    const what = words.length > 0 ? words.join(" ") : "this statement";
    return `${what} is not connection-link DDL; passed through unchanged`;
  },
  parse: (statement, source) => statementParser.parse(statement, source),
  lowering: (source) => new Lowering(source),
};

export function parseSingleStore(text: string): { program: Program; diagnostics: Diagnostic[] } {
  return readProgram(splitStatements(text), READER);
}
