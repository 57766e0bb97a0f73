// Where the string literals of a SQL text are, without parsing it: the
// characters a code frame or a redacted copy must never show when nothing
// better is known (a statement that did not parse, or text kept as written).
// Each scanner skips comments and quoted identifiers so that a quote inside
// them does not start a literal; an unterminated literal runs to the end.

const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_$]/u.test(c);

/**
 * Contents of string literals in MySQL-family SQL: '...' and "..." with
 * backslash escapes and doubled quotes, skipping `#`, `-- ` and block
 * comments and back-quoted identifiers. Unterminated literals run to the end.
 */
export function mysqlLiteralContents(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === "#" || (c === "-" && text[i + 1] === "-" && (i + 2 >= n || /[\s\x00-\x1f]/.test(text[i + 2]!)))) {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close === -1 ? n : close + 2;
    } else if (c === "`") {
      i++;
      while (i < n && !(text[i] === "`" && text[i + 1] !== "`")) i += text[i] === "`" ? 2 : 1;
      i++;
    } else if (c === "'" || c === '"') {
      const start = i + 1;
      i = start;
      while (i < n) {
        if (text[i] === "\\") i += 2;
        else if (text[i] === c && text[i + 1] === c) i += 2;
        else if (text[i] === c) break;
        else i++;
      }
      const end = Math.min(i, n);
      if (end > start) ranges.push([start, end]);
      i = end + 1;
    } else {
      i++;
    }
  }
  return ranges;
}

/**
 * Contents of string literals in PostgreSQL-family SQL: '...', E'...',
 * X'...' and $tag$...$tag$, skipping comments and quoted identifiers so that
 * quotes inside them do not start a literal. Unterminated literals run to
 * the end of the text.
 */
export function sqlLiteralContents(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === "-" && text[i + 1] === "-") {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === "/" && text[i + 1] === "*") (depth++, (i += 2));
        else if (text[i] === "*" && text[i + 1] === "/") (depth--, (i += 2));
        else i++;
      }
    } else if (c === '"') {
      i++;
      while (i < n && !(text[i] === '"' && text[i + 1] !== '"')) i += text[i] === '"' ? 2 : 1;
      i++;
    } else if (c === "'") {
      const prefix = text[i - 1];
      const backslashEscapes = (prefix === "E" || prefix === "e") && !isIdentChar(text[i - 2]);
      const start = i + 1;
      i = start;
      while (i < n) {
        if (backslashEscapes && text[i] === "\\") i += 2;
        else if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") break;
        else i++;
      }
      const end = Math.min(i, n);
      if (end > start) ranges.push([start, end]);
      i = end + 1;
    } else if (c === "$" && !isIdentChar(text[i - 1])) {
      const tag = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(text.slice(i, i + 256))?.[0];
      if (tag === undefined) {
        i++;
        continue;
      }
      const start = i + tag.length;
      const close = text.indexOf(tag, start);
      const end = close === -1 ? n : close;
      if (end > start) ranges.push([start, end]);
      i = close === -1 ? n : close + tag.length;
    } else {
      i++;
    }
  }
  return ranges;
}

/** Merges sorted [start, end) ranges into sorted, disjoint ones. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * The contents of every string literal in any dialect's string forms: the
 * PostgreSQL family's ('...', E'...', $$...$$) and the MySQL family's ('...'
 * and "..." with backslash escapes). Used where the dialect the text was
 * written in is not known to be the one chosen.
 */
export function anyLiteralContents(text: string): Array<[number, number]> {
  return mergeRanges([...sqlLiteralContents(text), ...mysqlLiteralContents(text)]);
}

/**
 * The string scanner of a dialect's own lexical family, for rewriting text
 * of that dialect (masking must leave its quotes and comments intact):
 * SingleStore reads strings as MySQL does, the others as PostgreSQL does.
 */
export function literalContentsOf(dialect: string): (text: string) => Array<[number, number]> {
  return dialect === "singlestore" ? mysqlLiteralContents : sqlLiteralContents;
}
