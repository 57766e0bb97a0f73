// Statement splitting from a token stream. The whole input is tokenised once
// (as the platforms do) and cut at top-level terminators, so strings,
// comments and quoted names are never cut. Each dialect says which tokens end
// a statement, which are unterminated literals and how its comments look.
import type { Token } from "antlr4ng";
import { error, type Diagnostic } from "../../diagnostics.js";
import type { Comment, Span } from "../../ir/schema.js";
import { tokenSpan, type SourceText } from "./source.js";

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

export interface SplitRules {
  /** Token types that end a statement. */
  terminators: readonly number[];
  /** Token types of unterminated literals and comments, with the platform's message for each. */
  lexicalErrors: Partial<Record<number, string>>;
  /** Diagnostic code of those messages. */
  lexicalCode: string;
  /** A hint for a lexical error, from the tokens of its statement before it. */
  lexicalHint?(before: Token[], source: SourceText): string | undefined;
  /** Line comment token types, with the length of their opening (`--`, `#`); other comments are block comments. */
  lineComments: Partial<Record<number, number>>;
}

function commentOf(token: Token, source: SourceText, rules: SplitRules): Comment {
  const text = token.text ?? "";
  const span = source.spanOfCodePoints(token.start, token.stop);
  const opening = rules.lineComments[token.type];
  // Trailing blanks of a line comment are not kept: printing trims them anyway.
  if (opening !== undefined) return { style: "line", text: text.slice(opening).replace(/[ \t\f\v]+$/, ""), span };
  return { style: "block", text: text.slice(2, -2), span };
}

const TERMINATOR = 1;
const LEXICAL_ERROR = 2;

/** Splits tokenised input into statements by one dialect's rules; tokens off the default channel are comments. */
export class StatementSplitter {
  /** What each token type is to the splitter, looked up once a token (TERMINATOR, LEXICAL_ERROR or 0). */
  private readonly roles: Uint8Array;

  constructor(private readonly rules: SplitRules) {
    const lexical = Object.keys(rules.lexicalErrors).map(Number);
    let largest = 0;
    for (const type of [...rules.terminators, ...lexical]) largest = Math.max(largest, type);
    this.roles = new Uint8Array(largest + 1);
    for (const type of rules.terminators) this.roles[type] = TERMINATOR;
    for (const type of lexical) this.roles[type] = LEXICAL_ERROR;
  }

  split(source: SourceText, all: readonly Token[]): SplitResult {
    const rules = this.rules;
    const roles = this.roles;
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
        leadingComments: comments.filter((c) => c.start < first.start).map((c) => commentOf(c, source, rules)),
        innerComments: comments.filter((c) => c.start > first.start && c.start < last.stop).map((c) => commentOf(c, source, rules)),
        span: source.span(start, end),
        text: source.slice(start, end),
        lexicalError,
      });
      tokens = [];
      // A comment after the last token (before the terminator) is not part of
      // the statement's text: it goes before the next statement, or at the end.
      comments = comments.filter((c) => c.start > last.stop);
      lexicalError = false;
    };

    for (const token of all) {
      const role = roles[token.type];
      if (role === LEXICAL_ERROR) {
        // The bad token stays part of its statement, which is then kept as written.
        const hint = rules.lexicalHint?.(tokens, source);
        diagnostics.push(error(rules.lexicalCode, rules.lexicalErrors[token.type]!, tokenSpan(token, source), hint));
        lexicalError = true;
        tokens.push(token);
        continue;
      }
      if (token.channel !== 0) {
        comments.push(token);
        continue;
      }
      if (role === TERMINATOR) {
        flush();
        continue;
      }
      tokens.push(token);
    }
    flush();
    return { source, statements, trailingComments: comments.map((c) => commentOf(c, source, rules)), diagnostics };
  }
}
