// Materialize text → IR program: split, decide what is in scope, parse each
// statement with the ANTLR grammar, lower it. Statements of other kinds pass
// through verbatim with an info diagnostic.
import { CommonTokenStream, ListTokenSource, BailErrorStrategy, ParseCancellationException, PredictionMode, type Token } from "antlr4ng";
import { MaterializeParser } from "../../generated/materialize/MaterializeParser.js";
import { error, info, type Diagnostic } from "../../diagnostics.js";
import type { Program, Statement } from "../../ir/schema.js";
import type { Expr } from "./expression.js";
import { Lowering } from "./lower.js";
import { describeToken, MAX_STATEMENT_BYTES, MzToken as T, parseStatement, splitStatements, tokenSpan, type SplitStatement } from "./syntax.js";
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
  if (IN_SCOPE.some((prefix) => prefix.every((type, i) => tokens[i]?.type === type))) return true;
  // CREATE OR REPLACE CONNECTION/SECRET does not exist: parse it to say so.
  return (
    tokens[0]?.type === T.CREATE &&
    tokens[1]?.type === T.OR &&
    tokens[2]?.text?.toLowerCase() === "replace" &&
    (tokens[3]?.type === T.CONNECTION || tokens[3]?.type === T.SECRET)
  );
}

/** A statement outside the scope still has to look like SQL: it starts with a word. */
function startsLikeStatement(tokens: Token[]): boolean {
  const first = tokens[0]!;
  return first.type === T.IDENT || (first.type >= T.ACCESS && first.type <= T.ZONES) || first.type === T.LPAREN && tokens[1]?.type === T.SELECT;
}

/** A statement kept as written: its inner comments are part of its text. */
function keptAsWritten(split: SplitStatement): Statement {
  const statement: Statement = { kind: "verbatim", dialect: "materialize", text: split.text, span: split.span };
  if (split.leadingComments.length > 0) statement.comments = split.leadingComments;
  return statement;
}

function verbatim(split: SplitStatement, source: SourceText, diagnostics: Diagnostic[]): Statement {
  const bad = split.tokens.find((t) => t.type === T.UNEXPECTED_CHAR);
  if (!startsLikeStatement(split.tokens) || bad !== undefined) {
    const token = bad ?? split.tokens[0]!;
    diagnostics.push(error("materialize.syntax", `Expected a SQL statement, found ${describeToken(token)}`, tokenSpan(token, source)));
    return keptAsWritten(split);
  }
  const keywords = split.tokens.slice(0, 2).map((t) => (t.text ?? "").toUpperCase()).join(" ");
  diagnostics.push(
    info("materialize.out-of-scope", `${keywords} is not connection DDL; passed through unchanged`, split.span),
  );
  return keptAsWritten(split);
}

export interface ParseResult {
  program: Program;
  diagnostics: Diagnostic[];
}

export function parseMaterialize(text: string): ParseResult {
  const split = splitStatements(text);
  const diagnostics = [...split.diagnostics];
  const lowering = new Lowering(split.source);
  const statements: Statement[] = [];
  for (const statement of split.statements) {
    if (statement.text.length * 3 > MAX_STATEMENT_BYTES && utf8.encode(statement.text).length > MAX_STATEMENT_BYTES) {
      diagnostics.push(error("materialize.too-large", `statement exceeds ${MAX_STATEMENT_BYTES} bytes`, statement.span));
      statements.push(keptAsWritten(statement));
      continue;
    }
    if (statement.lexicalError) {
      statements.push(keptAsWritten(statement));
      continue;
    }
    if (!inScope(statement.tokens)) {
      statements.push(verbatim(statement, split.source, diagnostics));
      continue;
    }
    let parsed;
    try {
      parsed = parseStatement(statement, split.source);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      diagnostics.push(error("materialize.too-complex", "statement is too deeply nested to parse", statement.span));
      statements.push(keptAsWritten(statement));
      continue;
    }
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

function readExpression(sql: string): { expr?: Expr; message?: string } {
  const source = new SourceText(sql);
  const tokens = scanTokens(source).filter((t) => t.channel === 0);
  const parser = new MaterializeParser(new CommonTokenStream(new ListTokenSource(tokens)));
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new BailErrorStrategy();
  try {
    const tree = parser.standaloneExpression();
    return { expr: new Lowering(source).expression(tree.expression()) };
  } catch (e) {
    if (e instanceof ParseCancellationException) return { message: `invalid expression: ${sql}` };
    if (e instanceof Error && "diagnostic" in e) return { message: e.message };
    throw e;
  }
}
