// The fuzz harness's inputs: the corpus it starts from, the mutators, the
// hostile shapes and the planting of secret values. Everything here is
// deterministic: input number i of seed s is the same text on every machine
// (each input has its own generator, seeded from s and i), so a finding is
// replayed with `--seed s --only i`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findGoldenFiles, parseGoldenFile } from "./golden-format.mjs";
import { TEMPLATES as PLANTING_TEMPLATES } from "./planted-secrets.mjs";
import { selectProbes } from "./fuzz-probes.mjs";

// ---- Random numbers ------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit generator; `next()` is uniform in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of input `index` of a run seeded with `seed` (a 32-bit mix, so neighbouring inputs are unrelated). */
export function inputSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of a string: gives each dialect its own sequence of inputs for one seed. */
export function stringHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Helpers over a generator. */
export function random(seed) {
  const next = mulberry32(seed);
  const rng = {
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** An integer in [lo, hi]. */
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Log-uniform in [lo, hi]: small and huge sizes are equally likely per decade. */
    size: (lo, hi) => Math.round(Math.exp(Math.log(lo) + next() * (Math.log(hi) - Math.log(lo)))),
    /** One of `choices` ([weight, value] pairs) by weight. */
    weighted: (choices) => {
      const total = choices.reduce((n, [w]) => n + w, 0);
      let r = next() * total;
      for (const [w, value] of choices) {
        r -= w;
        if (r < 0) return value;
      }
      return choices[choices.length - 1][1];
    },
  };
  return rng;
}

// ---- The corpus ----------------------------------------------------------------------------

/**
 * The statements the mutations start from, per dialect: the conformance
 * corpus beside the repository (when it is there), the inputs of every golden
 * case whose source is the dialect, and the examples. Only the dialects asked
 * for are kept; a dialect without any text gets none (the hostile shapes and
 * planted statements still give it inputs).
 * @returns {Record<string, { text: string, origin: string }[]>}
 */
export function loadCorpus(root, dialects, conformanceDir = join(root, "..", "shared", "conformance")) {
  /** @type {Record<string, { text: string, origin: string }[]>} */
  const corpus = Object.fromEntries(dialects.map((d) => [d, []]));
  const seen = new Set();
  const add = (dialect, text, origin) => {
    if (!(dialect in corpus) || typeof text !== "string") return;
    const key = `${dialect}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    corpus[dialect].push({ text, origin });
  };
  for (const dialect of dialects) {
    const file = join(conformanceDir, dialect, "cases.jsonl");
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      try {
        const c = JSON.parse(line);
        add(dialect, c.sql, `conformance ${c.id}`);
      } catch {
        // a damaged line of the corpus is not ours to report
      }
    }
  }
  const goldenRoot = join(root, "golden");
  if (existsSync(goldenRoot)) {
    for (const file of findGoldenFiles(goldenRoot, root)) {
      for (const c of parseGoldenFile(readFileSync(join(root, file), "utf8"), file)) {
        add(c.args.from ?? c.dialect, c.input, `${file}:${c.line}`);
      }
    }
  }
  for (const dialect of dialects) {
    const dir = join(root, "examples", dialect);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".sql")) add(dialect, readFileSync(join(dir, name), "utf8"), `examples/${dialect}/${name}`);
    }
  }
  return corpus;
}

/**
 * Words for token edits: the keywords of the dialect's generated lexer (its
 * single-word token names) and the upper-case words and JSON keys of its
 * corpus, so a later dialect gets its own vocabulary without editing this file.
 */
export async function loadVocabulary(root, dialect, entries) {
  const words = new Set();
  const dir = join(root, "dist", "generated", dialect);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith("Lexer.js"))) {
      try {
        const module = await import(join(dir, name));
        for (const value of Object.values(module)) {
          for (const symbol of value?.symbolicNames ?? []) if (typeof symbol === "string" && /^[A-Z][A-Z0-9]+$/.test(symbol)) words.add(symbol);
        }
      } catch {
        // no lexer to read: the corpus words are enough
      }
    }
  }
  for (const { text } of entries) {
    for (const m of text.matchAll(/\b[A-Z][A-Z0-9_]{1,30}\b/g)) words.add(m[0]);
    for (const m of text.matchAll(/"([a-z][a-z0-9_.-]{1,40})"\s*:/g)) words.add(`"${m[1]}"`);
  }
  return [...words].sort();
}

// ---- Mutators ------------------------------------------------------------------------------

const encoder = new TextEncoder();
const lenientDecoder = new TextDecoder("utf-8", { fatal: false });

/** Byte flips on the UTF-8 bytes (bit flips, random bytes, inserted and deleted bytes), decoded leniently. */
export function byteFlip(rng, text) {
  const bytes = [...encoder.encode(text)];
  const edits = rng.range(1, 4);
  for (let k = 0; k < edits; k++) {
    const at = rng.int(bytes.length + 1);
    switch (rng.int(4)) {
      case 0:
        if (at < bytes.length) bytes[at] ^= 1 << rng.int(8);
        break;
      case 1:
        if (at < bytes.length) bytes[at] = rng.int(256);
        break;
      case 2:
        bytes.splice(at, 0, rng.int(256));
        break;
      default:
        bytes.splice(at, 1);
    }
  }
  return lenientDecoder.decode(new Uint8Array(bytes));
}

/** Tokens on whitespace and punctuation, separators kept, so joining them gives the text back. */
export function tokens(text) {
  return text.split(/(\s+|--|\/\*|\*\/|\$\$|\|\||::|[(),;=.:'"`{}[\]|\\$#*])/).filter((t) => t !== "");
}

/** What a token edit may put in: lexically loaded pieces, whatever the dialect. */
const LEXICAL_PIECES = ["'", '"', "`", "--", "-- ", "/*", "*/", "#", "$$", "$tag$", "\r", "\r\n", "\n", "(", ")", ",", ";", "=", "\\", "\\G", "E'", "''", "{", "}", "[", "]", ":", "::", "||", "0", "-1", "99999999999999999999", "1e999", "NULL", "true"];

/** Deletes, duplicates, swaps or replaces tokens (with the dialect's keywords or lexical pieces), or inserts one. */
export function tokenEdit(rng, text, vocabulary) {
  const parts = tokens(text);
  const edits = rng.range(1, 3);
  const piece = () => (vocabulary.length > 0 && rng.chance(0.5) ? rng.pick(vocabulary) : rng.pick(LEXICAL_PIECES));
  for (let k = 0; k < edits; k++) {
    const at = rng.int(Math.max(parts.length, 1));
    switch (rng.int(5)) {
      case 0:
        parts.splice(at, 1);
        break;
      case 1:
        if (parts.length > 0) parts.splice(at, 0, parts[at]);
        break;
      case 2: {
        const other = rng.int(Math.max(parts.length, 1));
        [parts[at], parts[other]] = [parts[other] ?? "", parts[at] ?? ""];
        break;
      }
      case 3:
        parts[at] = piece();
        break;
      default:
        parts.splice(at, 0, rng.chance(0.5) ? ` ${piece()} ` : piece());
    }
  }
  return parts.join("");
}

/** Two texts joined at random points, or one put inside the other. */
export function splice(rng, text, other) {
  if (rng.chance(0.5)) return text.slice(0, rng.int(text.length + 1)) + other.slice(rng.int(other.length + 1));
  const at = rng.int(text.length + 1);
  return text.slice(0, at) + other + text.slice(at);
}

/** The text cut at a random point (half of the time at a token boundary). */
export function truncate(rng, text) {
  if (rng.chance(0.5)) {
    const parts = tokens(text);
    return parts.slice(0, rng.int(parts.length + 1)).join("");
  }
  return text.slice(0, rng.int(text.length + 1));
}

/** Characters that break naive code: astral, lone surrogates, controls, bidi, NUL, BOM, separators, homoglyph quotes. */
export function oddCharacter(rng) {
  switch (rng.int(9)) {
    case 0:
      return String.fromCodePoint(rng.range(0x10000, 0x10ffff));
    case 1:
      return String.fromCharCode(rng.range(0xd800, 0xdfff));
    case 2:
      return String.fromCharCode(rng.pick([rng.range(0, 0x1f), 0x7f, rng.range(0x80, 0x9f)]));
    case 3:
      return String.fromCharCode(rng.pick([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]));
    case 4:
      return "\u0000";
    case 5:
      return rng.pick(["\ufeff", "\u2028", "\u2029", "\u0085", "\u200b", "\u200d", "\u00a0", "\u3000"]);
    case 6:
      return rng.pick(["\u2018", "\u2019", "\u201c", "\u201d", "\uff07", "\uff02", "\u02bc", "\u0301", "\u0338"]);
    case 7:
      return String.fromCodePoint(rng.pick([0x1f600, 0x1d400, 0x20000, 0xe0041, 0x10ffff, 0xfffd, 0xffff]));
    default:
      return String.fromCharCode(rng.range(0xa0, 0xfffd));
  }
}

/** Random Unicode inserted at, or put in place of, random points. */
export function unicode(rng, text) {
  let out = text;
  const edits = rng.range(1, 4);
  for (let k = 0; k < edits; k++) {
    const at = rng.int(out.length + 1);
    const ch = oddCharacter(rng);
    out = rng.chance(0.5) ? out.slice(0, at) + ch + out.slice(at) : out.slice(0, at) + ch + out.slice(at + 1);
  }
  return out;
}

export const MUTATORS = {
  "byte-flip": (rng, text) => byteFlip(rng, text),
  "token-edit": (rng, text, ctx) => tokenEdit(rng, text, ctx.vocabulary),
  splice: (rng, text, ctx) => splice(rng, text, ctx.other()),
  truncate: (rng, text) => truncate(rng, text),
  unicode: (rng, text) => unicode(rng, text),
};

// ---- Hostile shapes ------------------------------------------------------------------------

const STRING_LITERAL = /'(?:[^'\\]|''|\\.)*'/g;

/** The string literals of a text with their positions. */
function stringLiterals(text) {
  return [...text.matchAll(STRING_LITERAL)].map((m) => ({ at: m.index, text: m[0] }));
}

/** `text` with the literal `lit` replaced by `by`. */
const replaceAt = (text, lit, by) => text.slice(0, lit.at) + by + text.slice(lit.at + lit.text.length);

/** A point between two tokens. */
function tokenBoundary(rng, text) {
  const parts = tokens(text);
  return parts.slice(0, rng.int(parts.length + 1)).join("").length;
}

/** The top-level items of the first parenthesised list with a comma, with the list's bounds. */
function parenthesisedList(text) {
  for (let open = text.indexOf("("); open >= 0; open = text.indexOf("(", open + 1)) {
    let depth = 0;
    let quote = null;
    const commas = [];
    for (let i = open; i < text.length; i++) {
      const ch = text[i];
      if (quote !== null) {
        if (ch === quote) quote = null;
        continue;
      }
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) {
        if (commas.length === 0) break;
        const bounds = [open, ...commas, i];
        const items = bounds.slice(0, -1).map((b, k) => text.slice(b + 1, bounds[k + 1]));
        return { open, close: i, items };
      } else if (ch === "," && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/** A numbered copy of an item: its first string literal or word gets the number, so copies differ. */
function numbered(item, i) {
  if (/'[^']*'/.test(item)) return item.replace(/'([^']*)'/, (_, s) => `'${s}${i}'`);
  return item.replace(/[A-Za-z_][A-Za-z0-9_]*/, (w) => `${w}${i}`);
}

/** Ways to blow up a statement of the corpus: generic, so they apply to any dialect's text. */
export const SHAPES = {
  /** Parentheses n deep around a string literal (or at a token boundary). */
  "deep-parentheses": (rng, text, n) => {
    const lits = stringLiterals(text);
    if (lits.length > 0) {
      const lit = rng.pick(lits);
      return replaceAt(text, lit, "(".repeat(n) + lit.text + ")".repeat(n));
    }
    const at = tokenBoundary(rng, text);
    return text.slice(0, at) + "(".repeat(n) + ")".repeat(n) + text.slice(at);
  },
  /** Block comments nested n deep (closed, or left open) at a token boundary. */
  "nested-comments": (rng, text, n) => {
    const at = tokenBoundary(rng, text);
    const closed = rng.chance(0.7);
    return text.slice(0, at) + " " + "/* ".repeat(n) + "x" + (closed ? " */".repeat(n) : "") + " " + text.slice(at);
  },
  /** JSON nested n deep inside a string literal (SingleStore CONFIG and CREDENTIALS; elsewhere just a long string). */
  "nested-json": (rng, text, n) => {
    const lits = stringLiterals(text);
    const json = rng.chance(0.5) ? `'${'{"a":'.repeat(n)}1${"}".repeat(n)}'` : `'{"a":${"[".repeat(n)}${"]".repeat(n)}}'`;
    if (lits.length === 0) return `${text} ${json}`;
    const objects = lits.filter((l) => l.text.startsWith("'{"));
    return replaceAt(text, rng.pick(objects.length > 0 ? objects : lits), json);
  },
  /** An item of a parenthesised list (options, brokers) repeated n times, identical or numbered. */
  "huge-list": (rng, text, n) => {
    const list = parenthesisedList(text);
    if (list === undefined) return text + ` (${Array.from({ length: n }, (_, i) => `x${i}`).join(", ")})`;
    const item = rng.pick(list.items);
    const same = rng.chance(0.3);
    const items = Array.from({ length: n }, (_, i) => (same ? item : numbered(item, i)));
    return text.slice(0, list.open + 1) + [...list.items, ...items].join(",") + text.slice(list.close);
  },
  /** n keys in a JSON object literal: unknown keys, or one key repeated. */
  "huge-json": (rng, text, n) => {
    const objects = stringLiterals(text).filter((l) => /^'\{\s*"/.test(l.text));
    const same = rng.chance(0.3);
    const keys = Array.from({ length: n }, (_, i) => (same ? `"k":"v"` : `"key_${i}":"v${i}"`)).join(",");
    if (objects.length === 0) return `${text} '{${keys}}'`;
    const lit = rng.pick(objects);
    return replaceAt(text, lit, `'{${keys},${lit.text.slice(2)}`);
  },
  /** The last name of the statement followed by n more names (a DROP of thousands of connections). */
  "huge-names": (rng, text, n) => {
    const body = text.replace(/[\s;]*$/, "");
    const names = Array.from({ length: n }, (_, i) => `name_${i}`).join(", ");
    return `${body}, ${names}${text.slice(body.length)}`;
  },
  /** A string literal replaced by a chain of n `||` concatenations. */
  "concat-chain": (rng, text, n) => {
    const chain = Array.from({ length: n }, (_, i) => `'p${i}'`).join(" || ");
    const lits = stringLiterals(text);
    return lits.length === 0 ? `${text} ${chain}` : replaceAt(text, rng.pick(lits), chain);
  },
  /** A word made n characters long (or a quoted identifier of n characters). */
  "long-identifier": (rng, text, n) => {
    const words = [...text.matchAll(/\b[a-z_][a-z0-9_]*\b/g)];
    const long = rng.chance(0.5) ? "i".repeat(n) : `"${"q".repeat(n)}"`;
    if (words.length === 0) return `${text} ${long}`;
    const w = rng.pick(words);
    return text.slice(0, w.index) + long + text.slice(w.index + w[0].length);
  },
  /** A string literal of n characters (plain, or made of escapes). */
  "long-string": (rng, text, n) => {
    const body = rng.pick(["s".repeat(n), "''".repeat(n), "\\\\".repeat(n), "\n".repeat(n), "é".repeat(n)]);
    const lits = stringLiterals(text);
    return lits.length === 0 ? `${text} '${body}'` : replaceAt(text, rng.pick(lits), `'${body}'`);
  },
  /** The text repeated n times, as n statements. */
  "many-statements": (rng, text, n) => {
    const statement = /;\s*$/.test(text) ? text : `${text};`;
    return Array.from({ length: n }, () => statement).join("\n");
  },
  /** n comment lines (or n lines of one block comment) inside the statement. */
  "many-comments": (rng, text, n) => {
    const at = tokenBoundary(rng, text);
    const comments = rng.chance(0.5) ? "\n-- c".repeat(n) + "\n" : `/*${"\nline".repeat(n)}\n*/`;
    return text.slice(0, at) + comments + text.slice(at);
  },
  /** n line breaks (LF, CR or CRLF) between tokens. */
  "many-lines": (rng, text, n) => {
    const at = tokenBoundary(rng, text);
    return text.slice(0, at) + rng.pick(["\n", "\r", "\r\n"]).repeat(n) + text.slice(at);
  },
};

/**
 * Hostile statements written for a dialect, the shapes that broke it before
 * (a DROP of thousands of names, thousands of unknown or repeated keys, a
 * secret of thousands of `||`). `n` is the size. A dialect without a row
 * gets the generic shapes above on its corpus only.
 */
export const HOSTILE_STATEMENTS = {
  materialize: [
    (n) => `CREATE SECRET s AS ${Array.from({ length: n }, (_, i) => `'p${i}'`).join(" || ")};`,
    (n) => `CREATE SECRET s AS ${"(".repeat(n)}'x'${")".repeat(n)};`,
    (n) => `CREATE SECRET s AS ${"decode(".repeat(n)}'x'${", 'base64')".repeat(n)};`,
    (n) => `DROP CONNECTION ${Array.from({ length: n }, (_, i) => `c${i}`).join(", ")};`,
    (n) => `DROP CONNECTION IF EXISTS ${Array.from({ length: n }, () => "c").join(", ")} CASCADE;`,
    (n) => `CREATE CONNECTION k TO KAFKA (BROKERS (${Array.from({ length: n }, (_, i) => `'b${i}:9092'`).join(", ")}));`,
    (n) => `CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', ${Array.from({ length: n }, () => "PROGRESS TOPIC 't'").join(", ")});`,
    (n) => `CREATE CONNECTION k TO KAFKA (BROKER 'b:9092', ${Array.from({ length: n }, (_, i) => `UNKNOWN_${i} 'v'`).join(", ")});`,
    (n) => `/*${"/*".repeat(n)} x ${"*/".repeat(n)}*/ SHOW CONNECTIONS;`,
    (n) => `COMMENT ON CONNECTION c IS '${"x".repeat(n)}';`,
    (n) => `CREATE SOURCE s FROM KAFKA CONNECTION k (TOPIC 't')${"\n-- line".repeat(n)};`,
    (n) => `ALTER CONNECTION c ${Array.from({ length: n }, () => "SET (HOST = 'h')").join(", ")};`,
  ],
  singlestore: [
    (n) => `CREATE LINK l AS KAFKA CONFIG '{${Array.from({ length: n }, (_, i) => `"unknown.key.${i}":"v"`).join(",")}}' CREDENTIALS '{}';`,
    (n) => `CREATE LINK l AS KAFKA CONFIG '{${Array.from({ length: n }, () => `"sasl.mechanism":"PLAIN"`).join(",")}}' CREDENTIALS '{}';`,
    (n) => `CREATE LINK l AS KAFKA CONFIG '${'{"a":'.repeat(n)}1${"}".repeat(n)}' CREDENTIALS '{}';`,
    (n) => `CREATE LINK l AS S3 CONFIG '{"region":"${"[".repeat(n)}"}' CREDENTIALS '{"aws_secret_access_key":${"[".repeat(n)}${"]".repeat(n)}}';`,
    (n) => `CREATE LINK l AS KAFKA CONFIG '{}' CREDENTIALS '{${Array.from({ length: n }, (_, i) => `"sasl.passwrd${i}":"v"`).join(",")}}';`,
    (n) => `DROP LINK ${Array.from({ length: n }, (_, i) => `l${i}`).join(", ")};`,
    (n) => `CREATE LINK ${"l".repeat(n)} AS HTTP CREDENTIALS '{}';`,
    (n) => `CREATE LINK l AS HTTP CREDENTIALS '{"headers":{${Array.from({ length: n }, (_, i) => `"H${i}":"v"`).join(",")}}}';`,
    (n) => `ALTER LINK l SET CONFIG ${Array.from({ length: n }, (_, i) => `::k${i} = 'v'`).join(", ")};`,
    (n) => `CREATE LINK l AS MYSQL CONFIG '{"database.hostname":"h"}' CREDENTIALS '{}' DESCRIPTION '${"\\'".repeat(n)}';`,
    (n) => `${"# c\n".repeat(n)}SHOW LINKS;`,
  ],
};

// ---- Planted secrets -----------------------------------------------------------------------

/** A planted value: distinctive, never a keyword, never in the corpus. */
export function marker(rng) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return `Zq${Array.from({ length: 10 }, () => alphabet[rng.int(alphabet.length)]).join("")}Xj`;
}

/**
 * A statement with a planted value in a sensitive position, from the
 * planted-secrets measure's templates (the dialect's row there decides what
 * is sensitive). Half of the time the text after the value is damaged
 * (cut right after it, or byte-flipped) when the value is a whole quoted
 * literal: then it stays inside a string that starts in a sensitive position
 * whatever follows, so it must still be masked. Templates where the value is
 * part of a larger string (a URL's password) are planted intact, since
 * damage there can rightly move the value out of the secret part.
 * @returns {{ text: string, values: string[], damaged: boolean } | undefined}
 */
export function plantedStatement(rng, dialect) {
  const templates = PLANTING_TEMPLATES[dialect];
  if (templates === undefined || templates.length === 0) return undefined;
  const template = rng.pick(templates).replaceAll("{n}", String(rng.int(100)));
  const values = [];
  let text = template
    .replace(/\{S\}/g, () => {
      const v = marker(rng);
      values.push(v);
      return v;
    })
    .replace(/\{B\}/g, () => {
      const v = marker(rng);
      const encoded = Buffer.from(v).toString("base64");
      values.push(v, encoded);
      return encoded;
    });
  const first = values[0] ?? "";
  const at = text.indexOf(first);
  const wholeLiteral = at > 0 && /(['"]|\$[a-z]*\$)$/.test(text.slice(0, at)) && /^(['"]|\$[a-z]*\$|\\)/.test(text.slice(at + first.length));
  let damaged = false;
  if (wholeLiteral && values.length === 1 && rng.chance(0.5)) {
    const end = at + first.length;
    const tail = text.slice(end);
    const damagedTail = rng.chance(0.5) ? tail.slice(0, rng.int(tail.length)) : byteFlip(rng, tail);
    text = text.slice(0, end) + damagedTail;
    damaged = true;
  }
  return { text, values, damaged };
}

/** The longest input a hostile shape may make (about a second of parsing). */
export const MAX_INPUT_CHARS = 1_000_000;

// ---- One input -----------------------------------------------------------------------------

/**
 * Input number `index` of a run: a corpus text (or a hostile statement) run
 * through 0–4 mutations, sometimes blown up into a hostile shape, sometimes
 * with a planted statement in front. The planted statement comes first, so
 * that the mutated text after it cannot pull its value out of its place
 * (an open comment before it would). `prefixLength` is its length with the
 * line break after it, kept whole when a secret finding is minimised.
 * The probes it runs are drawn by a generator of their own, so the text of
 * input k does not depend on `variants`.
 * @param {{ dialect: string, dialects: string[], corpus: { text: string, origin: string }[], others: { text: string }[], vocabulary: string[], maxSize: number, variants?: number }} ctx
 */
export function generateInput(seed, index, ctx) {
  const rng = random(inputSeed((seed ^ stringHash(ctx.dialect)) >>> 0, index));
  const recipe = [];
  const base = () => {
    const hostile = HOSTILE_STATEMENTS[ctx.dialect] ?? [];
    if (ctx.corpus.length === 0 || (hostile.length > 0 && rng.chance(0.08))) {
      if (hostile.length === 0) return "";
      const k = rng.int(hostile.length);
      const n = rng.size(2, ctx.maxSize);
      recipe.push(`hostile statement ${k} n=${n}`);
      return hostile[k](n);
    }
    const entry = rng.pick(ctx.corpus);
    recipe.push(`from ${entry.origin}`);
    return entry.text;
  };
  let text = base();
  const mutations = rng.weighted([
    [2, 0],
    [4, 1],
    [3, 2],
    [1, 3],
    [1, 4],
  ]);
  const mutatorContext = {
    vocabulary: ctx.vocabulary,
    other: () => {
      // Mostly the same dialect; sometimes another's text, as a user pasting the wrong file would.
      const pool = ctx.others.length > 0 && rng.chance(0.15) ? ctx.others : ctx.corpus;
      return pool.length > 0 ? rng.pick(pool).text : "";
    },
  };
  const names = Object.keys(MUTATORS);
  for (let k = 0; k < mutations; k++) {
    const name = rng.weighted([
      [3, names[0]],
      [5, names[1]],
      [2, names[2]],
      [2, names[3]],
      [2, names[4]],
    ]);
    text = MUTATORS[name](rng, text, mutatorContext);
    recipe.push(name);
  }
  if (rng.chance(0.12)) {
    const shape = rng.pick(Object.keys(SHAPES));
    let n = rng.size(8, ctx.maxSize);
    const shapeSeed = rng.int(2 ** 31);
    let shaped = SHAPES[shape](random(shapeSeed), text, n);
    // A list item or statement that is itself long, repeated n times, can
    // make megabytes that no call reads within the time limit even in linear
    // time: the size is scaled down until the input fits.
    while (shaped.length > MAX_INPUT_CHARS && n > 8) {
      n = Math.max(8, Math.floor((n * MAX_INPUT_CHARS) / shaped.length / 2));
      shaped = SHAPES[shape](random(shapeSeed), text, n);
    }
    text = shaped;
    recipe.push(`${shape} n=${n}`);
  }
  let planted = [];
  let prefixLength = 0;
  if (rng.chance(0.3)) {
    const statement = plantedStatement(rng, ctx.dialect);
    if (statement !== undefined) {
      text = `${statement.text}\n${text}`;
      planted = statement.values;
      prefixLength = statement.text.length + 1;
      recipe.push(statement.damaged ? "planted secret (tail damaged)" : "planted secret");
    }
  }
  // A value the caller hands over in `secrets`: it may be written into the
  // output, but never into a diagnostic, and never unmasked under redact.
  const optionSecret = marker(rng);
  const secretNames = [...new Set([...text.matchAll(/\bSECRET\s+([A-Za-z_][A-Za-z0-9_.]*)/gi)].map((m) => m[1]))];
  const connectionNames = [...new Set([...text.matchAll(/\b(?:CONNECTION|LINK)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1]))];
  return {
    index,
    dialect: ctx.dialect,
    text,
    planted,
    prefixLength,
    secretsOption: { [secretNames.length > 0 ? rng.pick(secretNames) : "pw"]: optionSecret },
    optionSecret,
    supplyOption: connectionNames.length > 0 ? { [rng.pick(connectionNames)]: { brokers: "b1:9092,b2:9092" } } : undefined,
    probes: selectProbes(random(inputSeed(stringHash(ctx.dialect), index) ^ seed), ctx.dialect, ctx.dialects, ctx.variants),
    recipe,
  };
}
