// Materialize text → IR program: split, decide what is in scope, parse each
// statement with the ANTLR grammar, lower it. Statements of other kinds pass
// through verbatim with an info diagnostic.
import { CommonTokenStream, ListTokenSource, BailErrorStrategy, ParseCancellationException, PredictionMode, type Token } from "antlr4ng";
import { MaterializeParser, type StatementContext } from "../../generated/materialize/MaterializeParser.js";
import { error, type Diagnostic } from "../../diagnostics.js";
import type { Program } from "../../ir/schema.js";
import type { Expr } from "./expression.js";
import { Lowering } from "./lower.js";
import { BRACKET_NESTING, isKeywordType, MAX_NESTING, MAX_STATEMENT_BYTES, MzToken as T, splitStatements, statementParser, TOKEN_NAMES } from "./syntax.js";
import { NestingCheck } from "../shared/antlr-parse.js";
import { readProgram, startsWithAny, type StatementReader } from "../shared/program.js";
import { SourceText } from "../shared/source.js";
import { scanTokens } from "./lexer.js";

const utf8 = new TextEncoder();

/** Leading keyword sequences of the statements connbridge understands. */
const IN_SCOPE: number[][] = [
  [T.CREATE, T.CONNECTION],
  [T.CREATE, T.SECRET],
  [T.ALTER, T.CONNECTION],
  [T.ALTER, T.SECRET],
  [T.DROP, T.CONNECTION],
  [T.DROP, T.SECRET],
  [T.SHOW, T.CONNECTIONS],
  [T.SHOW, T.SECRETS],
  [T.SHOW, T.CREATE, T.CONNECTION],
  [T.SHOW, T.REDACTED, T.CREATE, T.CONNECTION],
  [T.VALIDATE, T.CONNECTION],
  [T.COMMENT, T.ON, T.CONNECTION],
  [T.COMMENT, T.ON, T.SECRET],
];

function inScope(tokens: Token[]): boolean {
  if (startsWithAny(tokens, IN_SCOPE)) return true;
  // CREATE OR REPLACE CONNECTION/SECRET does not exist: parse it to say so.
  return (
    tokens[0]?.type === T.CREATE &&
    tokens[1]?.type === T.OR &&
    tokens[2]?.text?.toLowerCase() === "replace" &&
    (tokens[3]?.type === T.CONNECTION || tokens[3]?.type === T.SECRET)
  );
}

const READER: StatementReader<StatementContext> = {
  dialect: "materialize",
  names: TOKEN_NAMES,
  unexpectedCharacter: T.UNEXPECTED_CHAR,
  refuse(statement) {
    if (statement.text.length * 3 > MAX_STATEMENT_BYTES && utf8.encode(statement.text).length > MAX_STATEMENT_BYTES) {
      return error("materialize.too-large", `statement exceeds ${MAX_STATEMENT_BYTES} bytes`, statement.span);
    }
    return undefined;
  },
  inScope,
  // A statement outside the scope still has to look like SQL: it starts with a word.
  startsLikeStatement(tokens) {
    const first = tokens[0]!;
    return first.type === T.IDENT || isKeywordType(first.type) || first.type === T.LPAREN && tokens[1]?.type === T.SELECT;
  },
  outOfScope(tokens) {
    const keywords = tokens.slice(0, 2).map((t) => (t.text ?? "").toUpperCase()).join(" ");
    return `${keywords} is not connection DDL; passed through unchanged`;
  },
  parse: (statement, source) => statementParser.parse(statement, source),
  lowering: (source) => new Lowering(source),
};

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
}

export function parseMaterialize(text: string): ParseResult {
  return readProgram(splitStatements(text), READER);
}

const expressionCache = new Map<string, { expr?: Expr; message?: string }>();
const EXPRESSION_CACHE_SIZE = 256;

/** Re-reads an expression kept as text in the IR (secret values, SHOW ... WHERE). */
export function parseExpression(sql: string): { expr?: Expr; message?: string } {
  let result = expressionCache.get(sql);
  if (result === undefined) {
    result = readExpression(sql);
    if (expressionCache.size >= EXPRESSION_CACHE_SIZE) expressionCache.clear();
    expressionCache.set(sql, result);
  }
  return result;
}

const expressionNesting = new NestingCheck(BRACKET_NESTING);

/** Messages never quote the expression: it may be a secret's value. */
function readExpression(sql: string): { expr?: Expr; message?: string } {
  const source = new SourceText(sql);
  const tokens = scanTokens(source).filter((t) => t.channel === 0);
  if (expressionNesting.tooDeep(tokens) !== undefined) return { message: `nesting limit of ${MAX_NESTING} exceeded` };
  const parser = new MaterializeParser(new CommonTokenStream(new ListTokenSource(tokens)));
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new BailErrorStrategy();
  try {
    const tree = parser.standaloneExpression();
    return { expr: new Lowering(source).expression(tree.expression()) };
  } catch (e) {
    if (e instanceof ParseCancellationException) return { message: "the expression does not parse as a Materialize expression" };
    if (e instanceof Error && "diagnostic" in e) return { message: e.message };
    throw e;
  }
}
