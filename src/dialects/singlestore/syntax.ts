// Tokenising, statement splitting and ANTLR parsing of SingleStore SQL: the
// platform's token vocabulary and lexical messages. Statements end at
// top-level `;` or at the mysql client's `\G`; each in-scope statement is
// parsed on its own, which keeps one bad statement from hiding the others.
import type { Token } from "antlr4ng";
import { SingleStoreLexer } from "../../generated/singlestore/SingleStoreLexer.js";
import { SingleStoreParser } from "../../generated/singlestore/SingleStoreParser.js";
import { quoteForMessage, StatementParser, type TokenNames } from "../shared/antlr-parse.js";
import { SourceCharStream, SourceText, tokenSpan } from "../shared/source.js";
import { StatementSplitter, type SplitResult } from "../shared/split.js";

const T = SingleStoreLexer;

const splitter = new StatementSplitter({
  terminators: [T.SEMI, T.CLIENT_TERMINATOR],
  lexicalErrors: {
    [T.UNTERMINATED_BLOCK_COMMENT]: "unterminated comment",
    [T.UNTERMINATED_STRING]: "unterminated string literal",
    [T.UNTERMINATED_BACKTICK_IDENT]: "unterminated quoted identifier",
  },
  lexicalCode: "singlestore.lexical",
  lexicalHint(before, source) {
    const curly = before.find((t) => TYPOGRAPHIC_QUOTE.test(t.text ?? ""));
    return curly === undefined ? undefined : typographicQuoteHint(curly, source);
  },
  lineComments: { [T.LINE_COMMENT]: 2, [T.HASH_COMMENT]: 1 },
});

function tokenize(source: SourceText): Token[] {
  const lexer = new SingleStoreLexer(new SourceCharStream(source));
  lexer.removeErrorListeners();
  return lexer.getAllTokens();
}

/** Tokenises the input and splits it into statements. */
export function splitStatements(text: string): SplitResult {
  const source = new SourceText(text);
  return splitter.split(source, tokenize(source));
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
  const ranges: Array<[number, number]> = [];
  for (const token of tokenize(source)) {
    const type = token.type;
    if (type !== T.SINGLE_QUOTED_STRING && type !== T.DOUBLE_QUOTED_STRING && type !== T.UNTERMINATED_STRING) continue;
    const start = source.offsetOfCodePoint(token.start) + 1;
    const end = source.offsetOfCodePoint(token.stop + 1) - (type === T.UNTERMINATED_STRING ? 0 : 1);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}

// ---- Parsing ----------------------------------------------------------------

export function isKeywordType(type: number): boolean {
  return type >= T.ALTER && type <= T.SHOW;
}

/** Keywords that are also names: an expected identifier covers them. */
const NON_RESERVED = new Set([
  T.AZURE, T.CONFIG, T.CREDENTIALS, T.DESCRIPTION, T.GCS, T.HDFS, T.HTTP, T.KAFKA, T.LINK, T.LINKS, T.MONGODB, T.MYSQL, T.S3,
]);

const STRING = { found: () => "string literal", expected: "string literal" };

/** Token names in messages; string literals are never quoted (they may hold secrets). */
export const TOKEN_NAMES: TokenNames = {
  symbolicNames: SingleStoreLexer.symbolicNames,
  isKeyword: isKeywordType,
  endOfInput: "end of statement",
  punctuation: {
    [T.LPAREN]: "left parenthesis",
    [T.RPAREN]: "right parenthesis",
    [T.COMMA]: "comma",
    [T.SEMI]: "semicolon",
    [T.DOT]: "dot",
    [T.EQ]: "equals sign",
    [T.DOUBLE_COLON]: "double colon",
  },
  tokens: {
    [T.IDENT]: { found: (text) => `identifier ${quoteForMessage(text)}`, expected: "identifier" },
    [T.BACKTICK_IDENT]: { found: (text) => `identifier ${quoteForMessage(text.slice(1, -1).replace(/``/g, "`"))}`, expected: "identifier" },
    [T.SINGLE_QUOTED_STRING]: STRING,
    [T.DOUBLE_QUOTED_STRING]: STRING,
    [T.NUMBER]: { found: (text) => `number ${quoteForMessage(text)}` },
    [T.UNEXPECTED_CHAR]: { found: (text) => `unexpected character ${quoteForMessage(text)}` },
  },
  identifier: T.IDENT,
  coveredByIdentifier: (type) => NON_RESERVED.has(type),
  sortExpected: true,
};

/** Parses split statements one at a time into ANTLR trees, reporting each one's first syntax error. */
export const statementParser = new StatementParser({
  names: TOKEN_NAMES,
  create: (input) => new SingleStoreParser(input),
  entry: (p: SingleStoreParser) => p.statement(),
  code: "singlestore.syntax",
  hint: (found, source) => (TYPOGRAPHIC_QUOTE.test(found.text ?? "") ? typographicQuoteHint(found, source) : undefined),
});

export { T as SingleStoreToken };
