// Parsing one split statement with an ANTLR parser, and the syntax error
// messages. The messages follow the platforms' own (`Expected X, found Y`);
// what differs between dialects is only how their tokens are named, which
// each describes in a TokenNames.
import {
  BailErrorStrategy,
  BaseErrorListener,
  CommonTokenFactory,
  CommonTokenStream,
  DefaultErrorStrategy,
  ListTokenSource,
  ParseCancellationException,
  PredictionMode,
  Token,
  type ATNSimulator,
  type Parser,
  type RecognitionException,
  type Recognizer,
  type TokenStream,
} from "antlr4ng";
import { error, type Diagnostic } from "../../diagnostics.js";
import { tokenSpan, type SourceText } from "./source.js";
import type { SplitStatement } from "./split.js";

// ---- Token names in messages ---------------------------------------------------

/** How one token type is named in a message. */
export interface TokenDescription {
  /** As the token found, from its text. */
  found(text: string): string;
  /** In the list of what was expected; the lower-cased symbolic name when absent. */
  expected?: string;
}

/** How a dialect's tokens are named in syntax error messages. */
export interface TokenNames {
  /** The generated recognizer's symbolic names, indexed by token type. */
  symbolicNames: readonly (string | null)[];
  /** Keywords are named by their upper-cased text when found and their symbolic name when expected. */
  isKeyword(type: number): boolean;
  /** The found end of input. */
  endOfInput: string;
  /** Punctuation, named the same found or expected. */
  punctuation: Partial<Record<number, string>>;
  /** Other named tokens; anything else found is an operator. */
  tokens: Partial<Record<number, TokenDescription>>;
  /** The plain identifier's type: when one is expected, keywords it covers are not listed. */
  identifier: number;
  /** Keywords that are also names (left out of the list when an identifier is expected). */
  coveredByIdentifier(type: number): boolean;
  /** List what was expected alphabetically rather than in the parser's order. */
  sortExpected: boolean;
}

/** A quoted string for messages, with control and invisible characters escaped. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Describes a found token; string literals are never quoted (they may hold secrets). */
export function describeToken(names: TokenNames, token: Token): string {
  const type = token.type;
  if (type === Token.EOF) return names.endOfInput;
  const text = token.text ?? "";
  if (names.isKeyword(type)) return text.toUpperCase();
  const punctuation = names.punctuation[type];
  if (punctuation !== undefined) return punctuation;
  const description = names.tokens[type];
  if (description !== undefined) return description.found(text);
  return `operator ${quoteForMessage(text)}`;
}

function describeExpected(names: TokenNames, type: number): string {
  if (type === Token.EOF) return "end of statement";
  if (names.isKeyword(type)) return names.symbolicNames[type] ?? String(type);
  const punctuation = names.punctuation[type];
  if (punctuation !== undefined) return punctuation;
  return names.tokens[type]?.expected ?? names.symbolicNames[type]?.toLowerCase() ?? String(type);
}

/** `Expected a or b, found c`. */
function expectedMessage(names: TokenNames, expected: number[], found: Token): string {
  const result: string[] = [];
  const identifierExpected = expected.includes(names.identifier);
  const order = names.sortExpected
    ? [...expected].sort((a, b) => describeExpected(names, a).localeCompare(describeExpected(names, b)))
    : expected;
  for (const type of order) {
    // Keywords that are also names would bury the message when a name is expected.
    if (identifierExpected && names.coveredByIdentifier(type)) continue;
    const name = describeExpected(names, type);
    if (!result.includes(name)) result.push(name);
  }
  const list = result.length === 0 ? "a different token" : result.length === 1 ? result[0] : `one of ${result.join(" or ")}`;
  return `Expected ${list}, found ${describeToken(names, found)}`;
}

// ---- The parser driver ---------------------------------------------------------

/** The first syntax error of a statement: where, and the message. */
class SyntaxProblem {
  constructor(
    readonly token: Token,
    readonly message: string,
  ) {}
}

class FirstErrorListener extends BaseErrorListener {
  first: SyntaxProblem | undefined;

  constructor(private readonly names: TokenNames) {
    super();
  }

  override syntaxError<S extends Token, A extends ATNSimulator>(
    recognizer: Recognizer<A>,
    offendingSymbol: S | null,
    _line: number,
    _column: number,
    _msg: string,
    _e: RecognitionException | null,
  ): void {
    if (this.first !== undefined || offendingSymbol === null) return;
    const expected = (recognizer as unknown as Parser).getExpectedTokens().toArray();
    this.first = new SyntaxProblem(offendingSymbol, expectedMessage(this.names, expected, offendingSymbol));
  }
}

/** Bracket nesting refused before parsing, so that deep input never reaches the recursive parser. */
export interface NestingLimit {
  limit: number;
  open: readonly number[];
  close: readonly number[];
}

/** Finds where a statement nests deeper than a limit; the brackets are looked up by token type. */
export class NestingCheck {
  /** +1 for an opening bracket's token type, -1 for a closing one. */
  private readonly delta: Int8Array;
  readonly limit: number;

  constructor({ limit, open, close }: NestingLimit) {
    this.limit = limit;
    let largest = 0;
    for (const type of [...open, ...close]) largest = Math.max(largest, type);
    this.delta = new Int8Array(largest + 1);
    for (const type of open) this.delta[type] = 1;
    for (const type of close) this.delta[type] = -1;
  }

  /** The token that opens one level more than the limit allows, if any. */
  tooDeep(tokens: readonly Token[]): Token | undefined {
    const delta = this.delta;
    let depth = 0;
    for (const token of tokens) {
      const d = delta[token.type];
      if (d === 1) {
        if (++depth > this.limit) return token;
      } else if (d === -1) {
        depth--;
      }
    }
    return undefined;
  }
}

export interface StatementParserOptions<P extends Parser, Tree> {
  names: TokenNames;
  create(input: TokenStream): P;
  /** The rule a statement is parsed with. */
  entry(parser: P): Tree;
  nesting?: NestingLimit;
  /** Diagnostic code of syntax errors. */
  code: string;
  /** A hint for a syntax error at a token. */
  hint?(found: Token, source: SourceText): string | undefined;
}

export interface ParsedStatement<Tree> {
  tree: Tree | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Parses statements with one parser instance, reused for every statement
 * (the DFA cache is shared anyway): SLL prediction first, bailing out at the
 * first error, and full LL with error reporting only when that fails.
 */
export class StatementParser<P extends Parser, Tree> {
  private parser: P | undefined;
  private readonly nesting: NestingCheck | undefined;

  constructor(private readonly options: StatementParserOptions<P, Tree>) {
    if (options.nesting !== undefined) this.nesting = new NestingCheck(options.nesting);
  }

  private parserFor(tokens: Token[]): P {
    const last = tokens.length > 0 ? tokens[tokens.length - 1]! : undefined;
    // An explicit EOF right after the statement, so that errors at the end point there.
    const eof = CommonTokenFactory.DEFAULT.create(
      [null, last?.inputStream ?? null], Token.EOF, undefined, 0, (last?.stop ?? -1) + 1, last?.stop ?? 0,
      last?.line ?? 1, (last?.column ?? 0) + (last?.text?.length ?? 0));
    const stream = new CommonTokenStream(new ListTokenSource([...tokens, eof]));
    if (this.parser === undefined) {
      this.parser = this.options.create(stream);
      this.parser.removeErrorListeners();
    } else {
      this.parser.tokenStream = stream;
    }
    return this.parser;
  }

  /** Parses one split statement into a tree, or reports its first syntax error. */
  parse(statement: SplitStatement, source: SourceText): ParsedStatement<Tree> {
    const result = this.treeOrProblem(statement.tokens);
    if (!(result instanceof SyntaxProblem)) return { tree: result, diagnostics: [] };
    const { code, hint } = this.options;
    return { tree: undefined, diagnostics: [error(code, result.message, tokenSpan(result.token, source), hint?.(result.token, source))] };
  }

  private treeOrProblem(tokens: Token[]): Tree | SyntaxProblem {
    const { names, entry } = this.options;
    const deepest = this.nesting?.tooDeep(tokens);
    if (deepest !== undefined) return new SyntaxProblem(deepest, `nesting limit of ${this.nesting!.limit} exceeded`);
    // Fast path: SLL prediction, bail at the first error.
    let parser = this.parserFor(tokens);
    parser.interpreter.predictionMode = PredictionMode.SLL;
    parser.errorHandler = new BailErrorStrategy();
    parser.removeErrorListeners();
    try {
      return entry(parser);
    } catch (e) {
      if (!(e instanceof ParseCancellationException)) throw e;
    }
    // Slow path: full LL with error reporting.
    parser = this.parserFor(tokens);
    parser.interpreter.predictionMode = PredictionMode.LL;
    parser.errorHandler = new DefaultErrorStrategy();
    const listener = new FirstErrorListener(names);
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    const tree = entry(parser);
    return listener.first ?? tree;
  }
}
