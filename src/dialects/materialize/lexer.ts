// The Materialize tokenizer used at run time. grammars/materialize/
// MaterializeLexer.g4 is the specification of the lexical rules and the
// token vocabulary; this scanner implements the same rules by hand because
// the generated lexer spends milliseconds building its automaton on first use
// and is several times slower per token. test/unit/materialize-lexer.test.ts
// checks that both produce the same tokens.
//
// Token positions are code point indexes, as the generated lexer's are, so
// that SourceText maps both the same way.
import { CommonToken, Token } from "antlr4ng";
import { MaterializeParser as T } from "../../generated/materialize/MaterializeParser.js";
import type { SourceText } from "../shared/source.js";

const KEYWORDS: Map<string, number> = (() => {
  const keywords = new Map<string, number>();
  for (let type = T.ACCESS; type <= T.ZONES; type++) keywords.set(T.symbolicNames[type]!, type);
  return keywords;
})();

const SINGLE_CHAR: Partial<Record<string, number>> = {
  "(": T.LPAREN,
  ")": T.RPAREN,
  "[": T.LBRACKET,
  "]": T.RBRACKET,
  ",": T.COMMA,
  ";": T.SEMI,
  "+": T.PLUS,
  "-": T.MINUS,
  "*": T.STAR,
  "/": T.SLASH,
  "%": T.PERCENT,
  "^": T.CARET,
  "<": T.LT,
  ">": T.GT,
  "=": T.EQ,
  ":": T.COLON,
  ".": T.DOT,
  "~": T.OPERATOR,
  "!": T.OPERATOR,
  "@": T.OPERATOR,
  "#": T.OPERATOR,
  "&": T.OPERATOR,
  "|": T.OPERATOR,
  "`": T.OPERATOR,
  "?": T.OPERATOR,
};

const TWO_CHAR: Partial<Record<string, number>> = {
  "::": T.DOUBLE_COLON,
  "=>": T.ARROW,
  "||": T.CONCAT,
  "<>": T.NOT_EQ,
  "!=": T.NOT_EQ,
  "<=": T.LT_EQ,
  ">=": T.GT_EQ,
};

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 0x80;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 0x24;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Tokenises a whole input: default-channel tokens, hidden comments, no whitespace, no EOF. */
export function scanTokens(source: SourceText): Token[] {
  const text = source.text;
  const n = text.length;
  const tokens: Token[] = [];
  let i = 0; // UTF-16 index
  let cp = 0; // code point index of i
  let line = 1;
  let lineStartCp = 0;

  /** Advances one code point, keeping the code point index and line count. */
  const advance = () => {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else {
      i++;
    }
    cp++;
    if (c === 0x0a) {
      line++;
      lineStartCp = cp;
    }
  };
  const at = (k: number) => (i + k < n ? text.charCodeAt(i + k) : -1);

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      advance();
      continue;
    }
    const startI = i;
    const startCp = cp;
    const startLine = line;
    const startColumn = cp - lineStartCp;
    let type: number;
    let channel = Token.DEFAULT_CHANNEL;

    if (c === 0x2d && at(1) === 0x2d) {
      while (i < n && at(0) !== 0x0a && at(0) !== 0x0d) advance();
      type = T.LINE_COMMENT;
      channel = Token.HIDDEN_CHANNEL;
    } else if (c === 0x2f && at(1) === 0x2a) {
      advance();
      advance();
      let depth = 1;
      while (depth > 0 && i < n) {
        if (at(0) === 0x2f && at(1) === 0x2a) {
          depth++;
          advance();
        } else if (at(0) === 0x2a && at(1) === 0x2f) {
          depth--;
          advance();
        }
        advance();
      }
      type = depth > 0 ? T.UNTERMINATED_BLOCK_COMMENT : T.BLOCK_COMMENT;
      channel = Token.HIDDEN_CHANNEL;
    } else if ((c === 0x45 || c === 0x65) && at(1) === 0x27) {
      advance();
      advance();
      type = T.UNTERMINATED_STRING;
      while (i < n) {
        const d = at(0);
        if (d === 0x5c) {
          advance();
          if (i < n) advance();
        } else if (d === 0x27) {
          advance();
          if (at(0) === 0x27) {
            advance();
            continue;
          }
          type = T.ESCAPE_STRING;
          break;
        } else {
          advance();
        }
      }
    } else if ((c === 0x58 || c === 0x78) && at(1) === 0x27) {
      advance();
      advance();
      while (i < n && at(0) !== 0x27) advance();
      if (i < n) {
        advance();
        type = T.HEX_STRING;
      } else {
        type = T.UNTERMINATED_STRING;
      }
    } else if (c === 0x27 || c === 0x22) {
      const quote = c;
      advance();
      type = quote === 0x27 ? T.UNTERMINATED_STRING : T.UNTERMINATED_QUOTED_IDENT;
      while (i < n) {
        if (at(0) === quote) {
          advance();
          if (at(0) === quote) {
            advance();
            continue;
          }
          type = quote === 0x27 ? T.STRING : T.QUOTED_IDENT;
          break;
        }
        advance();
      }
    } else if (c === 0x24 && isDigit(at(1))) {
      advance();
      while (isDigit(at(0))) advance();
      type = T.PARAMETER;
    } else if (c === 0x24 && dollarTagEnd(text, i) > 0) {
      const tagEnd = dollarTagEnd(text, i);
      const tag = text.slice(i, tagEnd);
      while (i < tagEnd) advance();
      const close = text.indexOf(tag, i);
      const stop = close < 0 ? n : close + tag.length;
      while (i < stop) advance();
      type = close < 0 ? T.UNTERMINATED_DOLLAR_STRING : T.DOLLAR_STRING;
    } else if (isDigit(c) || (c === 0x2e && isDigit(at(1)))) {
      while (isDigit(at(0))) advance();
      if (at(0) === 0x2e) {
        advance();
        while (isDigit(at(0))) advance();
      }
      const e = at(0);
      if ((e === 0x45 || e === 0x65) && (isDigit(at(1)) || ((at(1) === 0x2b || at(1) === 0x2d) && isDigit(at(2))))) {
        advance();
        if (!isDigit(at(0))) advance();
        while (isDigit(at(0))) advance();
      }
      type = T.NUMBER;
    } else if (isIdentStart(c)) {
      while (i < n && isIdentPart(at(0))) advance();
      const word = text.slice(startI, i);
      type = (/^[A-Za-z_]+$/.test(word) && KEYWORDS.get(word.toUpperCase())) || T.IDENT;
    } else {
      const two = TWO_CHAR[text.slice(i, i + 2)];
      if (two !== undefined) {
        advance();
        advance();
        type = two;
      } else {
        type = SINGLE_CHAR[text[i]!] ?? T.UNEXPECTED_CHAR;
        advance();
      }
    }

    const token = CommonToken.fromSource([null, null], type, channel, startCp, cp - 1);
    token.text = text.slice(startI, i);
    token.line = startLine;
    token.column = startColumn;
    tokens.push(token);
  }
  return tokens;
}

/** End (exclusive) of a `$tag$` opening delimiter at `i`, or 0 when there is none. */
function dollarTagEnd(text: string, i: number): number {
  let j = i + 1;
  const first = text.charCodeAt(j);
  if (first === 0x24) return j + 1;
  if (!(isIdentStart(first) && first !== 0x24)) return 0;
  j++;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x24) return j + 1;
    if (!(isIdentStart(c) || isDigit(c))) return 0;
    j++;
  }
  return 0;
}
