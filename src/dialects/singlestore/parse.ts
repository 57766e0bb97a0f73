// SingleStore text → IR program: split, decide what is in scope, parse each
// statement with the ANTLR grammar, lower it. Statements of other kinds
// (CREATE PIPELINE, SELECT ... INTO LINK, BACKUP ... TO LINK, ...) pass
// through verbatim with an info diagnostic.
import type { Token } from "antlr4ng";
import { error, info, type Diagnostic } from "../../diagnostics.js";
import type { Program, Statement } from "../../ir/schema.js";
import { Lowering } from "./lower.js";
import { describeToken, isKeywordType, parseStatement, SingleStoreToken as T, splitStatements, tokenSpan, type SplitStatement } from "./syntax.js";
import type { SourceText } from "../shared/source.js";

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
  if (IN_SCOPE.some((prefix) => prefix.every((type, i) => tokens[i]?.type === type))) return true;
  // `CREATE [OR REPLACE] LINK ...` and the like are no other statement either:
  // the link grammar says what is wrong with them.
  return LEADING_KEYWORDS.has(tokens[0]!.type) && !isWord(tokens[1]);
}

/** A statement outside the scope still has to look like SQL: it starts with a word or a parenthesis. */
function startsLikeStatement(tokens: Token[]): boolean {
  const first = tokens[0]!;
  return first.type === T.IDENT || isKeywordType(first.type) || first.type === T.LPAREN;
}

/** A statement kept as written: its inner comments are part of its text. */
function keptAsWritten(split: SplitStatement): Statement {
  const statement: Statement = { kind: "verbatim", dialect: "singlestore", text: split.text, span: split.span };
  if (split.leadingComments.length > 0) statement.comments = split.leadingComments;
  return statement;
}

function verbatim(split: SplitStatement, source: SourceText, diagnostics: Diagnostic[]): Statement {
  const bad = split.tokens.find((t) => t.type === T.UNEXPECTED_CHAR);
  if (!startsLikeStatement(split.tokens) || bad !== undefined) {
    const token = bad ?? split.tokens[0]!;
    diagnostics.push(error("singlestore.syntax", `Expected a SQL statement, found ${describeToken(token)}`, tokenSpan(token, source)));
    return keptAsWritten(split);
  }
  // The statement's leading words, OR REPLACE counted as part of the first.
  const words = [];
  const replace = split.tokens[1]?.type === T.OR && split.tokens[2]?.type === T.REPLACE ? 2 : 0;
  for (const token of split.tokens.slice(0, 2 + replace)) {
    if (token.type !== T.IDENT && !isKeywordType(token.type)) break;
    words.push(token.text!.toUpperCase());
  }
  const what = words.length > 0 ? words.join(" ") : "this statement";
  diagnostics.push(info("singlestore.out-of-scope", `${what} is not connection-link DDL; passed through unchanged`, split.span));
  return keptAsWritten(split);
}

export function parseSingleStore(text: string): { program: Program; diagnostics: Diagnostic[] } {
  const split = splitStatements(text);
  const diagnostics = [...split.diagnostics];
  const lowering = new Lowering(split.source);
  const statements: Statement[] = [];
  for (const statement of split.statements) {
    if (statement.lexicalError) {
      statements.push(keptAsWritten(statement));
      continue;
    }
    if (!inScope(statement.tokens)) {
      statements.push(verbatim(statement, split.source, diagnostics));
      continue;
    }
    const parsed = parseStatement(statement, split.source);
    diagnostics.push(...parsed.diagnostics);
    const lowered = parsed.tree && lowering.lowerStatement(parsed.tree, statement);
    // A statement that does not parse is kept as written, so formatting never loses it.
    statements.push(lowered ?? keptAsWritten(statement));
  }
  diagnostics.push(...lowering.diagnostics);
  const program: Program = { statements };
  if (split.trailingComments.length > 0) program.trailingComments = split.trailingComments;
  return { program, diagnostics };
}
