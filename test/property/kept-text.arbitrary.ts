// Text that must stay inert wherever the output keeps it as comments:
// comment texts with line ends of every kind, delimiters of the other
// dialect's comments, nested and unterminated block comments, MySQL's
// executable comments and hints — each around a canary statement that would
// show up when re-parsing the output if any part of the text became live.
//
// Also: source texts for translation, built from pieces that say which
// statements each pair of dialects writes for them, so a property can check
// that re-parsing the translation gives exactly those statements.
import fc from "fast-check";
import type { Comment, DialectId } from "../../src/ir/schema.js";
import { DIALECTS } from "../../src/dialects/index.js";

/** The dialects the library implements, in registry order. */
export const IMPLEMENTED = Object.keys(DIALECTS) as DialectId[];

/** Every ordered pair of implemented dialects, the same-dialect pairs included. */
export const PAIRS: [DialectId, DialectId][] = IMPLEMENTED.flatMap((from) => IMPLEMENTED.map((to): [DialectId, DialectId] => [from, to]));

/** The name canary statements drop; nothing else generated uses it. */
export const CANARY_NAME = "prod";

/** A statement in each dialect that must never come back live from kept text. */
export const CANARIES = ["DROP LINK prod;", "DROP CONNECTION prod;"] as const;

/** Whether a re-parsed statement names the canary anywhere (a drop, a verbatim DROP ... prod, ...). */
export function namesCanary(statement: unknown): boolean {
  if (typeof statement !== "object" || statement === null) return false;
  const s = statement as { kind?: string; text?: string; names?: { parts: { value: string }[] }[]; name?: { parts: { value: string }[] } };
  const names = [...(s.names ?? []), ...(s.name !== undefined ? [s.name] : [])];
  if (names.some((n) => n.parts.some((p) => p.value.toLowerCase() === CANARY_NAME))) return true;
  // A kept statement of the dialect's own text that *is* a canary (not one that merely quotes it).
  return s.kind === "verbatim" && /^\s*DROP\s+(LINK|CONNECTION)\s+prod\b/i.test(s.text ?? "");
}

/** Pieces that end a comment, open or close one, or mean something else, in either dialect. */
const HOSTILE_FRAGMENTS = [
  "\r", "\n", "\r\n", "\n\r", "\u2028", "\u2029", "\u000b", "\f", "\u0085", "\t", " ", "",
  "*/", "/*", "/*/", "*/*", "/**/", "/*!", "/*+", "!", "+", "*", "/", "**/", "-- ", "--", "#", ";", "\\G", "\\",
  "'", '"', "`", "$$", "E'", "é", "😀", "\0",
] as const;

/** Comment texts the unit tests go through one by one, each around a canary. */
export const HOSTILE_COMMENT_TEXTS: readonly string[] = [
  " SELECT 1\rDROP LINK prod;",
  " SELECT 1\rDROP CONNECTION prod;",
  "\rDROP LINK prod;\rDROP CONNECTION prod;",
  "a\nDROP LINK prod;",
  "a\r\nDROP CONNECTION prod;",
  "\n\rDROP LINK prod;",
  "a\u2028DROP LINK prod;\u2029DROP CONNECTION prod;",
  "a\u000bDROP LINK prod;\fDROP CONNECTION prod;",
  " */ DROP LINK prod; DROP CONNECTION prod; /* ",
  " outer /* inner */ DROP LINK prod; DROP CONNECTION prod; ",
  " /* never closed DROP LINK prod;",
  " */ */ DROP CONNECTION prod;",
  "!40101 DROP LINK prod",
  "!",
  "+ SET_VAR(x=1) DROP LINK prod",
  "M!100101 DROP LINK prod",
  "/",
  "*",
  "/*",
  "*/",
  "/*/",
  "x/",
  "-",
  "-x DROP LINK prod",
  "--x\nDROP LINK prod;",
  "#x\rDROP LINK prod;",
  "",
  " ",
  "\t\rDROP LINK prod;",
  "\\\nDROP LINK prod;",
  "'\nDROP LINK prod; '",
  "`\rDROP CONNECTION prod;`",
  "$$\nDROP CONNECTION prod;$$",
];

/** Arbitrary comment text made mostly of hostile pieces and canaries. */
export const hostileText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
      { weight: 2, arbitrary: fc.constantFrom(...CANARIES) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 3 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 2 }) },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(""));

/** A comment of either style with hostile text, as IR JSON written anywhere may hold. */
export const hostileComment: fc.Arbitrary<Comment> = fc.record({ style: fc.constantFrom("line" as const, "block" as const), text: hostileText });

// ---- Source texts for translation -------------------------------------------------------------

/** What a piece of source text becomes in a target: the kinds of the statements written for it. */
export interface Piece {
  /** Source text of the piece, a statement with its terminator or comments only. */
  text: string;
  /** Kinds of the statements the translation writes for it, by target. */
  writes: Partial<Record<DialectId, readonly string[]>>;
  /** Whether the piece may only come last (it runs to the end of the input). */
  last?: boolean;
}

/** Short plain names: nothing a length check or quoting could object to, and never the canary. */
const plainName = fc.stringMatching(/^n_[a-z0-9]{0,5}$/);

/** Text placed inside strings, names and comments of a piece: hostile, with canaries. */
const payload = hostileText;

/** A Materialize string literal holding `value`. */
const mzString = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** A SingleStore string literal holding `value` (quotes doubled, backslashes escaped). */
const s2String = (value: string) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/** Text with no `*\/` in it, to stay inside a block comment. */
const noClose = (text: string) => text.replace(/\*\//g, " ");

/** A Materialize block comment around `text`, nested comments balanced so it is one comment. */
const mzBlock = (text: string) => `/*${text.replace(/\/\*|\*\//g, " ")} /* nested ${text.replace(/\/\*|\*\//g, " ")} */ */`;
/** A SingleStore block comment around `text`: it ends at the first `*\/`, so none inside. */
const s2Block = (text: string) => `/*${text.replace(/\*\//g, "* /").replace(/^[!+]/, " ")}*/`;
/** A line comment around `text` in either dialect: line ends taken out (they would end it in the source). */
const lineComment = (opening: string, text: string) => `${opening}${text.replace(/[\r\n]/g, " ")}`;

const same = (from: DialectId, kinds: readonly string[]): Piece["writes"] => ({ [from]: kinds });

/** Pieces of Materialize text. */
function materializePieces(): fc.Arbitrary<Piece>[] {
  const from: DialectId = "materialize";
  return [
    // Comments only: nested block comments, and line comments; kept as comments everywhere.
    fc.tuple(payload, payload).map(([a, b]): Piece => ({ text: `${mzBlock(a)}\n${lineComment("--", b)}\n`, writes: {} })),
    // Statements every target writes.
    plainName.map((n): Piece => ({ text: `DROP CONNECTION ${n};`, writes: { materialize: ["drop"], singlestore: ["drop"] } })),
    fc.constant<Piece>({ text: "SHOW CONNECTIONS;", writes: { materialize: ["show"], singlestore: ["show"] } }),
    // Out of scope, with a carriage return before a canary: passed through in Materialize, kept as comments elsewhere.
    payload.map((p): Piece => ({ text: `SELECT 1\rDROP LINK prod ${mzString(p)};`, writes: same(from, ["verbatim"]) })),
    // Not parsed (a syntax error): kept as written in Materialize, as comments elsewhere.
    payload.map((p): Piece => ({ text: `CREATE CONNECTION ((( ${mzString(p)}\rDROP LINK prod;`, writes: same(from, ["verbatim"]) })),
    // A kind SingleStore lacks, a canary inside its strings and a nested comment inside it.
    fc.tuple(plainName, payload, payload).map(
      ([n, p, c]): Piece => ({
        text: `CREATE CONNECTION ${n} TO SSH TUNNEL (HOST ${mzString(`h\r${p}\nDROP LINK prod;`)}, ${mzBlock(c)} USER 'u', PORT 22);`,
        writes: same(from, ["create_connection"]),
      }),
    ),
    // An unterminated block comment: the rest of the input is in it.
    fc.tuple(payload, payload).map(
      ([a, b]): Piece => ({ text: `/* open ${noClose(a)}\rDROP LINK prod;\n/* ${noClose(b)}`, writes: same(from, ["verbatim"]), last: true }),
    ),
  ];
}

/** Pieces of SingleStore text. */
function singlestorePieces(): fc.Arbitrary<Piece>[] {
  const from: DialectId = "singlestore";
  return [
    fc.tuple(payload, payload, payload).map(
      ([a, b, c]): Piece => ({ text: `${s2Block(a)}\n${lineComment("-- ", b)}\n${lineComment("#", c)}\n`, writes: {} }),
    ),
    // `/* a /* b */` is one comment in SingleStore and an open one in Materialize.
    payload.map((p): Piece => ({ text: `/* a /* b ${noClose(p)} */\n`, writes: {} })),
    plainName.map((n): Piece => ({ text: `DROP LINK ${n};`, writes: { materialize: ["drop"], singlestore: ["drop"] } })),
    fc.constant<Piece>({ text: "SHOW LINKS;", writes: { materialize: ["show"], singlestore: ["show"] } }),
    payload.map((p): Piece => ({ text: `SELECT 1\rDROP CONNECTION prod ${s2String(p)};`, writes: same(from, ["verbatim"]) })),
    payload.map((p): Piece => ({ text: `CREATE LINK ((( ${s2String(p)}\rDROP CONNECTION prod;`, writes: same(from, ["verbatim"]) })),
    // A link type Materialize lacks; the canary inside its JSON.
    fc.tuple(plainName, payload).map(
      ([n, p]): Piece => ({
        text: `CREATE LINK ${n} AS HDFS CONFIG ${s2String(JSON.stringify({ note: `x\r${p}\nDROP CONNECTION prod;` }))} CREDENTIALS '{}';`,
        writes: same(from, ["create_connection"]),
      }),
    ),
    payload.map((a): Piece => ({ text: `/* open ${noClose(a)}\rDROP CONNECTION prod;`, writes: same(from, ["verbatim"]), last: true })),
  ];
}

const PIECES: Partial<Record<DialectId, fc.Arbitrary<Piece>[]>> = {
  materialize: materializePieces(),
  singlestore: singlestorePieces(),
};

/** A source text in `from`, with the kinds of the statements each target writes for it. */
export interface KeptTextInput {
  text: string;
  writes: (to: DialectId) => string[];
}

/** Inputs of a few pieces joined by line breaks of every kind; a piece that runs to the end comes last. */
export function keptTextInput(from: DialectId): fc.Arbitrary<KeptTextInput> {
  const pieces = PIECES[from];
  if (pieces === undefined) throw new Error(`no source pieces for ${from}`);
  return fc
    .tuple(fc.array(fc.tuple(fc.oneof(...pieces), fc.constantFrom("\n", "\r", "\r\n", " ")), { minLength: 1, maxLength: 5 }))
    .map(([chosen]) => {
      const ordered = [...chosen.filter(([p]) => !p.last), ...chosen.filter(([p]) => p.last).slice(0, 1)];
      return {
        text: ordered.map(([p, sep]) => p.text + sep).join(""),
        writes: (to: DialectId) => ordered.flatMap(([p]) => p.writes[to] ?? []),
      };
    });
}
