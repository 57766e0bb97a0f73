// Tokenising, statement splitting and ANTLR parsing of Materialize SQL: the
// platform's token vocabulary, lexical messages and limits. Statements end at
// top-level semicolons; each in-scope statement is parsed on its own, which
// keeps one bad statement from hiding the others.
import { MaterializeParser } from "../../generated/materialize/MaterializeParser.js";
import { scanTokens } from "./lexer.js";
import { quoteForMessage, StatementParser, type NestingLimit, type TokenNames } from "../shared/antlr-parse.js";
import { SourceText } from "../shared/source.js";
import { StatementSplitter, type SplitResult } from "../shared/split.js";

const T = MaterializeParser;

/** Largest statement the platform accepts (spec §1). */
export const MAX_STATEMENT_BYTES = 1_000_000;
/**
 * Deepest nesting the platform's parser accepts (spec §1: "expression nesting
 * limit 128"). Counted as the platform's recursive descent recurses: each
 * bracket, and each operator of an expression whose right operand is still
 * being read (`- - 1`, `NOT a = NOT b`); a chain of left-associative
 * operators (`'a' || 'b' || ...`) does not nest, whatever its length.
 */
export const MAX_NESTING = 128;

const splitter = new StatementSplitter({
  terminators: [T.SEMI],
  lexicalErrors: {
    [T.UNTERMINATED_BLOCK_COMMENT]: "unterminated multiline comment",
    [T.UNTERMINATED_DOLLAR_STRING]: "unterminated dollar-quoted string",
    [T.UNTERMINATED_STRING]: "unterminated quoted string",
    [T.UNTERMINATED_QUOTED_IDENT]: "unterminated quoted identifier",
  },
  lexicalCode: "materialize.lexical",
  lineComments: { [T.LINE_COMMENT]: 2 },
});

/** Tokenises the input and splits it into statements. */
export function splitStatements(text: string): SplitResult {
  const source = new SourceText(text);
  return splitter.split(source, scanTokens(source));
}

// ---- Parsing ----------------------------------------------------------------

export function isKeywordType(type: number): boolean {
  return type >= T.ACCESS && type <= T.ZONES;
}

const STRING = { found: () => "string literal", expected: "literal string" };

/** Token names as the platform's messages give them. */
export const TOKEN_NAMES: TokenNames = {
  symbolicNames: MaterializeParser.symbolicNames,
  isKeyword: isKeywordType,
  endOfInput: "EOF",
  punctuation: {
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
  },
  tokens: {
    [T.IDENT]: { found: (text) => `identifier ${quoteForMessage(text.toLowerCase())}`, expected: "identifier" },
    [T.QUOTED_IDENT]: { found: (text) => `identifier ${quoteForMessage(text.slice(1, -1).replace(/""/g, '"'))}`, expected: "identifier" },
    [T.STRING]: STRING,
    [T.ESCAPE_STRING]: STRING,
    [T.DOLLAR_STRING]: STRING,
    [T.NUMBER]: { found: (text) => `number ${quoteForMessage(text)}`, expected: "number" },
    [T.HEX_STRING]: { found: () => "hex string literal", expected: "hex string" },
    [T.PARAMETER]: { found: (text) => `parameter ${text}` },
    [T.UNEXPECTED_CHAR]: { found: (text) => `unexpected character ${quoteForMessage(text)}` },
  },
  identifier: T.IDENT,
  // Every keyword is also an identifier; listing them all would bury the message.
  coveredByIdentifier: isKeywordType,
  sortExpected: false,
};

/**
 * Brackets are the only nesting the grammar has (expressions are read flat:
 * expression.ts), so counting them before parsing keeps the parser's
 * recursion within the limit.
 */
export const BRACKET_NESTING: NestingLimit = { limit: MAX_NESTING, open: [T.LPAREN, T.LBRACKET], close: [T.RPAREN, T.RBRACKET] };

/** Parses split statements one at a time into ANTLR trees, reporting each one's first syntax error. */
export const statementParser = new StatementParser({
  names: TOKEN_NAMES,
  create: (input) => new MaterializeParser(input),
  entry: (p: MaterializeParser) => p.statement(),
  nesting: BRACKET_NESTING,
  code: "materialize.syntax",
});

export { T as MzToken };
