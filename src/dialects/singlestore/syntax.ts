// Tokenising, statement splitting and ANTLR parsing of SingleStore SQL.
// The whole input is tokenised once; statements end at top-level `;` or at
// the mysql client's `\G`, so strings, back-quoted names and comments are
// never cut. Each in-scope statement is then parsed on its own, which keeps
// one bad statement from hiding the others.
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
import { SingleStoreLexer } from "../../generated/singlestore/SingleStoreLexer.js";
import { SingleStoreParser, type StatementContext } from "../../generated/singlestore/SingleStoreParser.js";
import { error, type Diagnostic } from "../../diagnostics.js";
import type { Comment, Span } from "../../ir/schema.js";
import { SourceCharStream, SourceText } from "../shared/source.js";

const T = SingleStoreLexer;

export interface SplitStatement {
  /** Default-channel tokens of the statement, without its terminator. */
  tokens: Token[];
  /** Comments before the statement's first token. */
  leadingComments: Comment[];
  /** Comments between its first and last token (part of `text`). */
  innerComments: Comment[];
  span: Span;
  /** Statement text without its terminator. */
  text: string;
  /** The statement holds an unterminated string, name or comment. */
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
  if (token.type === T.HASH_COMMENT) return { style: "line", text: text.slice(1).replace(/[ \t\f\v]+$/, ""), span };
  return { style: "block", text: text.slice(2, -2), span };
}

const LEXICAL_ERRORS: Partial<Record<number, string>> = {
  [T.UNTERMINATED_BLOCK_COMMENT]: "unterminated comment",
  [T.UNTERMINATED_STRING]: "unterminated string literal",
  [T.UNTERMINATED_BACKTICK_IDENT]: "unterminated quoted identifier",
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
  const lexer = new SingleStoreLexer(new SourceCharStream(source));
  lexer.removeErrorListeners();
  const all = lexer.getAllTokens();
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
      innerComments: comments.filter((c) => c.start > first.start && c.start < last.stop).map((c) => commentOf(c, source)),
      span: source.span(start, end),
      text: source.slice(start, end),
      lexicalError,
    });
    tokens = [];
    // Comments between the last token and the terminator come before whatever follows.
    comments = comments.filter((c) => c.start > last.stop);
    lexicalError = false;
  };

  for (const token of all) {
    const lexical = LEXICAL_ERRORS[token.type];
    if (lexical !== undefined) {
      // The bad token stays part of its statement, which is then kept as written.
      const curly = tokens.find((t) => TYPOGRAPHIC_QUOTE.test(t.text ?? ""));
      const hint = curly === undefined ? undefined : typographicQuoteHint(curly, source);
      diagnostics.push(error("singlestore.lexical", lexical, tokenSpan(token, source), hint));
      lexicalError = true;
      tokens.push(token);
      continue;
    }
    if (token.channel !== 0) {
      comments.push(token);
      continue;
    }
    if (token.type === T.SEMI || token.type === T.CLIENT_TERMINATOR) {
      flush();
      continue;
    }
    tokens.push(token);
  }
  flush();
  return { source, statements, trailingComments: comments.map((c) => commentOf(c, source)), diagnostics };
}

/** Typographic quotes, which documentation pages put where SQL needs ' or ". */
const TYPOGRAPHIC_QUOTE = /[\u2018\u2019\u201c\u201d]/;

function typographicQuoteHint(token: Token, source: SourceText): string {
  const at = tokenSpan(token, source).start;
  return `the typographic quote at ${at.line}:${at.column} is not a string delimiter; use ' or "`;
}

/**
 * UTF-16 ranges [start, end) of the contents of every string literal in a
 * text, by SingleStore's rules (backslash escapes, both quote characters):
 * what a code frame must mask, since CONFIG and CREDENTIALS hold secrets.
 */
export function stringLiteralContents(text: string): Array<[number, number]> {
  const source = new SourceText(text);
  const lexer = new SingleStoreLexer(new SourceCharStream(source));
  lexer.removeErrorListeners();
  const ranges: Array<[number, number]> = [];
  for (const token of lexer.getAllTokens()) {
    const type = token.type;
    if (type !== T.SINGLE_QUOTED_STRING && type !== T.DOUBLE_QUOTED_STRING && type !== T.UNTERMINATED_STRING) continue;
    const start = source.offsetOfCodePoint(token.start) + 1;
    const end = source.offsetOfCodePoint(token.stop + 1) - (type === T.UNTERMINATED_STRING ? 0 : 1);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}

// ---- Parsing ----------------------------------------------------------------

const PUNCTUATION_NAMES: Partial<Record<number, string>> = {
  [T.LPAREN]: "left parenthesis",
  [T.RPAREN]: "right parenthesis",
  [T.COMMA]: "comma",
  [T.SEMI]: "semicolon",
  [T.DOT]: "dot",
  [T.EQ]: "equals sign",
  [T.DOUBLE_COLON]: "double colon",
};

export function isKeywordType(type: number): boolean {
  return type >= T.ALTER && type <= T.SHOW;
}

/** A quoted string for messages, with control and invisible characters escaped. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Describes a token for a message; string literals are never quoted (they may hold secrets). */
export function describeToken(token: Token): string {
  const type = token.type;
  if (type === T.EOF) return "end of statement";
  const text = token.text ?? "";
  if (isKeywordType(type)) return text.toUpperCase();
  const punctuation = PUNCTUATION_NAMES[type];
  if (punctuation !== undefined) return punctuation;
  switch (type) {
    case T.IDENT:
      return `identifier ${quoteForMessage(text)}`;
    case T.BACKTICK_IDENT:
      return `identifier ${quoteForMessage(text.slice(1, -1).replace(/``/g, "`"))}`;
    case T.SINGLE_QUOTED_STRING:
    case T.DOUBLE_QUOTED_STRING:
      return "string literal";
    case T.NUMBER:
      return `number ${quoteForMessage(text)}`;
    case T.UNEXPECTED_CHAR:
      return `unexpected character ${quoteForMessage(text)}`;
    default:
      return `operator ${quoteForMessage(text)}`;
  }
}

function describeExpected(type: number): string {
  if (type === T.EOF) return "end of statement";
  if (isKeywordType(type)) return SingleStoreLexer.symbolicNames[type] ?? String(type);
  const punctuation = PUNCTUATION_NAMES[type];
  if (punctuation !== undefined) return punctuation;
  switch (type) {
    case T.IDENT:
    case T.BACKTICK_IDENT:
      return "identifier";
    case T.SINGLE_QUOTED_STRING:
    case T.DOUBLE_QUOTED_STRING:
      return "string literal";
    default:
      return SingleStoreLexer.symbolicNames[type]?.toLowerCase() ?? String(type);
  }
}

/** Keywords that are also names: an expected identifier covers them. */
const NON_RESERVED = new Set([
  T.AZURE, T.CONFIG, T.CREDENTIALS, T.DESCRIPTION, T.GCS, T.HDFS, T.HTTP, T.KAFKA, T.LINK, T.LINKS, T.MONGODB, T.MYSQL, T.S3,
]);

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

  override syntaxError<S extends Token, A extends ATNSimulator>(
    recognizer: Recognizer<A>,
    offendingSymbol: S | null,
    _line: number,
    _column: number,
    _msg: string,
    _e: RecognitionException | null,
  ): void {
    if (this.first !== undefined || offendingSymbol === null) return;
    const parser = recognizer as unknown as SingleStoreParser;
    const expected = parser.getExpectedTokens().toArray();
    this.first = new SyntaxError(offendingSymbol, expectedMessage(expected, offendingSymbol));
  }
}

function expectedMessage(expected: number[], found: Token): string {
  const names: string[] = [];
  const identifierExpected = expected.includes(T.IDENT);
  for (const type of [...expected].sort((a, b) => describeExpected(a).localeCompare(describeExpected(b)))) {
    // Keywords that are also names would bury the message when a name is expected.
    if (identifierExpected && NON_RESERVED.has(type)) continue;
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
let sharedParser: SingleStoreParser | undefined;

function parserFor(tokens: Token[]): SingleStoreParser {
  const last = tokens.length > 0 ? tokens[tokens.length - 1]! : undefined;
  // An explicit EOF right after the statement, so that errors at the end point there.
  const eof = CommonTokenFactory.DEFAULT.create(
    [null, last?.inputStream ?? null], T.EOF, undefined, 0, (last?.stop ?? -1) + 1, last?.stop ?? 0,
    last?.line ?? 1, (last?.column ?? 0) + (last?.text?.length ?? 0));
  const stream = new CommonTokenStream(new ListTokenSource([...tokens, eof]));
  if (sharedParser === undefined) {
    sharedParser = new SingleStoreParser(stream);
    sharedParser.removeErrorListeners();
  } else {
    sharedParser.tokenStream = stream;
  }
  return sharedParser;
}

/** Parses one split statement into an ANTLR tree, or reports its first syntax error. */
export function parseStatement(statement: SplitStatement, source: SourceText): ParsedStatement {
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
  const found = listener.first.token;
  const hint = TYPOGRAPHIC_QUOTE.test(found.text ?? "") ? typographicQuoteHint(found, source) : undefined;
  return {
    tree: undefined,
    diagnostics: [error("singlestore.syntax", listener.first.message, tokenSpan(found, source), hint)],
  };
}

export { T as SingleStoreToken };
