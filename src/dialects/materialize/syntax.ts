// Tokenising, statement splitting and ANTLR parsing of Materialize SQL.
// The whole input is tokenised once (as the platform does); statements are
// split at top-level semicolons from the token stream, so strings, comments
// and dollar quotes are never cut. Each in-scope statement is then parsed on
// its own, which keeps one bad statement from hiding the others.
import {
  BailErrorStrategy,
  BaseErrorListener,
  CommonTokenFactory,
  CommonTokenStream,
  DefaultErrorStrategy,
  ListTokenSource,
  ParseCancellationException,
  PredictionMode,
  type ATNSimulator,
  type RecognitionException,
  type Recognizer,
  type Token,
} from "antlr4ng";
import { MaterializeParser, type StatementContext } from "../../generated/materialize/MaterializeParser.js";
import { scanTokens } from "./lexer.js";
import { error, type Diagnostic } from "../../diagnostics.js";
import type { Comment, Span } from "../../ir/schema.js";
import { SourceText } from "../shared/source.js";

const T = MaterializeParser;

/** Largest statement the platform accepts (spec §1). */
export const MAX_STATEMENT_BYTES = 1_000_000;
/** Deepest parenthesis nesting the platform accepts (spec §1). */
export const MAX_NESTING = 128;

export interface SplitStatement {
  /** Default-channel tokens of the statement, without terminating semicolons. */
  tokens: Token[];
  /** Comments before the statement's first token. */
  leadingComments: Comment[];
  /** Comments between its first and last token (part of `text`). */
  innerComments: Comment[];
  span: Span;
  /** Statement text without its terminator. */
  text: string;
  /** The statement holds an unterminated string, identifier or comment. */
  lexicalError: boolean;
}

export interface SplitResult {
  source: SourceText;
  statements: SplitStatement[];
  trailingComments: Comment[];
  diagnostics: Diagnostic[];
}

function commentOf(token: Token, source: SourceText): Comment {
  const text = token.text ?? "";
  const span = source.spanOfCodePoints(token.start, token.stop);
  // Trailing blanks of a line comment are not kept: printing trims them anyway.
  if (token.type === T.LINE_COMMENT) return { style: "line", text: text.slice(2).replace(/[ \t\f\v]+$/, ""), span };
  return { style: "block", text: text.slice(2, -2), span };
}

const LEXICAL_ERRORS: Partial<Record<number, string>> = {
  [T.UNTERMINATED_BLOCK_COMMENT]: "unterminated multiline comment",
  [T.UNTERMINATED_DOLLAR_STRING]: "unterminated dollar-quoted string",
  [T.UNTERMINATED_STRING]: "unterminated quoted string",
  [T.UNTERMINATED_QUOTED_IDENT]: "unterminated quoted identifier",
};

export function tokenSpan(token: Token, source: SourceText): Span {
  if (token.type === T.EOF) {
    const end = source.offsetOfCodePoint(token.start);
    return source.span(end, end);
  }
  return source.spanOfCodePoints(token.start, token.stop);
}

/** Tokenises the input and splits it into statements. */
export function splitStatements(text: string): SplitResult {
  const source = new SourceText(text);
  const all = scanTokens(source);
  const diagnostics: Diagnostic[] = [];
  const statements: SplitStatement[] = [];
  let tokens: Token[] = [];
  let comments: Token[] = [];
  let lexicalError = false;

  const flush = () => {
    if (tokens.length === 0) return;
    const first = tokens[0]!;
    const last = tokens[tokens.length - 1]!;
    const start = source.offsetOfCodePoint(first.start);
    const end = source.offsetOfCodePoint(last.stop + 1);
    statements.push({
      tokens,
      leadingComments: comments.filter((c) => c.start < first.start).map((c) => commentOf(c, source)),
      innerComments: comments.filter((c) => c.start > first.start).map((c) => commentOf(c, source)),
      span: source.span(start, end),
      text: source.slice(start, end),
      lexicalError,
    });
    tokens = [];
    comments = [];
    lexicalError = false;
  };

  for (const token of all) {
    const lexical = LEXICAL_ERRORS[token.type];
    if (lexical !== undefined) {
      // The bad token stays part of its statement, which is then kept as written.
      diagnostics.push(error("materialize.lexical", lexical, tokenSpan(token, source)));
      lexicalError = true;
      tokens.push(token);
      continue;
    }
    if (token.channel !== 0) {
      comments.push(token);
      continue;
    }
    if (token.type === T.SEMI) {
      flush();
      continue;
    }
    tokens.push(token);
  }
  flush();
  return { source, statements, trailingComments: comments.map((c) => commentOf(c, source)), diagnostics };
}

// ---- Parsing ----------------------------------------------------------------

const PUNCTUATION_NAMES: Partial<Record<number, string>> = {
  [T.LPAREN]: "left parenthesis",
  [T.RPAREN]: "right parenthesis",
  [T.LBRACKET]: "left square bracket",
  [T.RBRACKET]: "right square bracket",
  [T.COMMA]: "comma",
  [T.SEMI]: "semicolon",
  [T.DOT]: "dot",
  [T.EQ]: "equals sign",
  [T.ARROW]: "arrow",
  [T.DOUBLE_COLON]: "double colon",
  [T.COLON]: "colon",
};

function isKeywordType(type: number): boolean {
  return type >= T.ACCESS && type <= T.ZONES;
}

/** A quoted string for messages, with control and invisible characters escaped. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Describes a token the way the platform's messages do. */
export function describeToken(token: Token): string {
  const type = token.type;
  if (type === T.EOF) return "EOF";
  const text = token.text ?? "";
  if (isKeywordType(type)) return text.toUpperCase();
  const punctuation = PUNCTUATION_NAMES[type];
  if (punctuation !== undefined) return punctuation;
  switch (type) {
    case T.IDENT:
    case T.QUOTED_IDENT:
      return `identifier ${quoteForMessage(type === T.IDENT ? text.toLowerCase() : text.slice(1, -1).replace(/""/g, '"'))}`;
    case T.STRING:
    case T.ESCAPE_STRING:
    case T.DOLLAR_STRING:
      return "string literal";
    case T.NUMBER:
      return `number ${quoteForMessage(text)}`;
    case T.HEX_STRING:
      return "hex string literal";
    case T.PARAMETER:
      return `parameter ${text}`;
    case T.UNEXPECTED_CHAR:
      return `unexpected character ${quoteForMessage(text)}`;
    default:
      return `operator ${quoteForMessage(text)}`;
  }
}

function describeExpected(type: number): string {
  if (type === T.EOF) return "end of statement";
  if (isKeywordType(type)) return MaterializeParser.symbolicNames[type] ?? String(type);
  const punctuation = PUNCTUATION_NAMES[type];
  if (punctuation !== undefined) return punctuation;
  switch (type) {
    case T.IDENT:
    case T.QUOTED_IDENT:
      return "identifier";
    case T.STRING:
    case T.ESCAPE_STRING:
    case T.DOLLAR_STRING:
      return "literal string";
    case T.NUMBER:
      return "number";
    case T.HEX_STRING:
      return "hex string";
    default:
      return MaterializeParser.symbolicNames[type]?.toLowerCase() ?? String(type);
  }
}

class SyntaxError extends Error {
  constructor(
    readonly token: Token,
    message: string,
  ) {
    super(message);
  }
}

class FirstErrorListener extends BaseErrorListener {
  first: SyntaxError | undefined;

  override syntaxError<S extends Token, T extends ATNSimulator>(
    recognizer: Recognizer<T>,
    offendingSymbol: S | null,
    _line: number,
    _column: number,
    _msg: string,
    _e: RecognitionException | null,
  ): void {
    if (this.first !== undefined || offendingSymbol === null) return;
    const parser = recognizer as unknown as MaterializeParser;
    const expected = parser.getExpectedTokens().toArray();
    this.first = new SyntaxError(offendingSymbol, expectedMessage(expected, offendingSymbol));
  }
}

function expectedMessage(expected: number[], found: Token): string {
  const names: string[] = [];
  const identifierExpected = expected.includes(T.IDENT);
  for (const type of expected) {
    // Every keyword is also an identifier; listing them all would bury the message.
    if (identifierExpected && isKeywordType(type)) continue;
    const name = describeExpected(type);
    if (!names.includes(name)) names.push(name);
  }
  const list = names.length === 0 ? "a different token" : names.length === 1 ? names[0] : `one of ${names.join(" or ")}`;
  return `Expected ${list}, found ${describeToken(found)}`;
}

export interface ParsedStatement {
  tree: StatementContext | undefined;
  diagnostics: Diagnostic[];
}

/** One parser instance, reused for every statement (the DFA cache is shared anyway). */
let sharedParser: MaterializeParser | undefined;

function parserFor(tokens: Token[]): MaterializeParser {
  const last = tokens.length > 0 ? tokens[tokens.length - 1]! : undefined;
  // An explicit EOF right after the statement, so that errors at the end point there.
  const eof = CommonTokenFactory.DEFAULT.create(
    [null, last?.inputStream ?? null], T.EOF, undefined, 0, (last?.stop ?? -1) + 1, last?.stop ?? 0,
    last?.line ?? 1, (last?.column ?? 0) + (last?.text?.length ?? 0));
  const source = new ListTokenSource([...tokens, eof]);
  const stream = new CommonTokenStream(source);
  if (sharedParser === undefined) {
    sharedParser = new MaterializeParser(stream);
    sharedParser.removeErrorListeners();
  } else {
    sharedParser.tokenStream = stream;
  }
  return sharedParser;
}

/** Parses one split statement into an ANTLR tree, or reports its first syntax error. */
export function parseStatement(statement: SplitStatement, source: SourceText): ParsedStatement {
  const nesting = maxNesting(statement.tokens);
  if (nesting.depth > MAX_NESTING) {
    return {
      tree: undefined,
      diagnostics: [
        error(
          "materialize.syntax",
          `nesting limit of ${MAX_NESTING} exceeded`,
          tokenSpan(nesting.token!, source),
        ),
      ],
    };
  }
  // Fast path: SLL prediction, bail at the first error.
  let parser = parserFor(statement.tokens);
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  parser.removeErrorListeners();
  try {
    return { tree: parser.statement(), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ParseCancellationException)) throw e;
  }
  // Slow path: full LL with error reporting.
  parser = parserFor(statement.tokens);
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new DefaultErrorStrategy();
  const listener = new FirstErrorListener();
  parser.removeErrorListeners();
  parser.addErrorListener(listener);
  const tree = parser.statement();
  if (listener.first === undefined) return { tree, diagnostics: [] };
  return {
    tree: undefined,
    diagnostics: [error("materialize.syntax", listener.first.message, tokenSpan(listener.first.token, source))],
  };
}

function maxNesting(tokens: Token[]): { depth: number; token: Token | undefined } {
  let depth = 0;
  let max = 0;
  let deepest: Token | undefined;
  for (const token of tokens) {
    if (token.type === T.LPAREN || token.type === T.LBRACKET) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max === MAX_NESTING + 1) deepest = token;
      }
    } else if (token.type === T.RPAREN || token.type === T.RBRACKET) {
      depth--;
    }
  }
  return { depth: max, token: deepest };
}

export { T as MzToken };
