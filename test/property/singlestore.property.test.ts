// Property tests of the SingleStore dialect: emit → parse round trip,
// printing idempotence at several widths, and comment preservation, over
// generated IR programs (see singlestore-ir.arbitrary.ts for what is
// generated). JSON values and keys are arbitrary strings, so the two
// escaping layers of CONFIG and CREDENTIALS are exercised on every run; a
// last property reads arbitrary text back from every spelling MySQL allows
// for it (either quote, adjacent pieces, any escape).
//
// Runs are deterministic: the seed is fixed (override with FC_SEED, and the
// number of runs with FC_RUNS).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, type Program } from "../../src/index.js";
import { KEYS, LINK_TYPES, type LinkType } from "../../src/dialects/singlestore/catalog.js";
import { getPath } from "../../src/dialects/shared/paths.js";
import { commentedProgram, connectionsByType, program, STATEMENT_KINDS, statementsByKind } from "./singlestore-ir.arbitrary.js";
import { describeRoundTripProperties, propertySettings } from "./roundtrip.js";

const { seed: SEED, params } = propertySettings(20_240_611);

const dialect = "singlestore" as const;

describe("singlestore IR generator", () => {
  it("covers every statement kind and every IR field of the catalogue", () => {
    const kinds = new Set(fc.sample(program, { seed: SEED, numRuns: 300 }).flatMap((p) => p.statements.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual([...STATEMENT_KINDS].sort());
    for (const type of LINK_TYPES) {
      const paths = new Set<string>();
      for (const connection of fc.sample(connectionsByType[type as LinkType], { seed: SEED, numRuns: 300 })) {
        for (const entry of KEYS[type]) {
          if (entry.path === undefined) continue;
          if (getPath(connection as unknown as Record<string, unknown>, entry.path) !== undefined) paths.add(entry.path);
        }
      }
      const expected = KEYS[type].flatMap((e) => (e.path === undefined ? [] : [e.path]));
      expect({ type, paths: [...paths].sort() }).toEqual({ type, paths: expected.sort() });
    }
  });
});

const id = (value: string) => ({ value, quoted: false });

/** Minimal cases of defects these properties once found, kept as regression tests. */
const REGRESSIONS: { what: string; witness: Program }[] = [
  {
    what: "a JSON key __proto__ is an own key, not a prototype",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("h")] },
          connection: { kind: "http", headers: JSON.parse('{"__proto__":"x"}') as Record<string, string> },
        },
      ],
    },
  },
  {
    what: "backslashes and quotes pass both escaping layers",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("k")] },
          description: "it's \\ \n",
          connection: { kind: "kafka", sasl: { username: "a\"b\\'c", password: "\\\\\"'" } },
        },
      ],
    },
  },
  {
    what: "control characters and lone surrogates in JSON strings",
    witness: {
      statements: [
        {
          kind: "create_connection",
          name: { parts: [id("m")] },
          connection: { kind: "mysql", host: "\0\x1a\b\u2028\ud800", port: 3306, extras: { singlestore: { config: [{ key: "\udc00", value: ["\t", -0, 1e-7] }] } } },
        },
      ],
    },
  },
];

describeRoundTripProperties({
  dialect,
  platform: "SingleStore",
  lossCodes: new Set([
    "singlestore.unsupported-field",
    "singlestore.meaning-lost",
    "singlestore.unsupported-connection-type",
    "singlestore.unsupported-alter",
    "singlestore.unsupported-statement",
    "singlestore.secret-reference",
    "singlestore.no-secrets",
    "singlestore.describe",
    "singlestore.foreign-verbatim",
    "ir.invalid",
  ]),
  params,
  program,
  commentedProgram,
  statementsByKind,
  regressions: REGRESSIONS,
});

/** Every way MySQL lets a character be written inside a literal quoted with `quote`. */
function spellings(c: string, quote: string): string[] {
  const named: Record<string, string> = { "\0": "\\0", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1a": "\\Z" };
  if (c === quote) return [quote + quote, `\\${quote}`];
  if (c === "\\") return ["\\\\"];
  const out = [c];
  if (named[c] !== undefined) out.push(named[c]!);
  // `\x` is `x` unless x names an escape (0 b n r t Z) or is kept with its backslash (% _).
  if (!/[0bnrtZ%_]/.test(c)) out.push(`\\${c}`);
  return out;
}

/** A random SQL spelling of a text: adjacent pieces, either quote, any escape of each character. */
const spelt = (value: string) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: value.length, maxLength: value.length }),
      fc.array(fc.boolean(), { minLength: value.length + 1, maxLength: value.length + 1 }),
    )
    .map(([choices, cuts]) => {
      const pieces: string[] = [];
      let quote = "'";
      let body = "";
      [...value].forEach((c, i) => {
        if (cuts[i] && body !== "") {
          pieces.push(quote + body + quote);
          body = "";
          quote = quote === "'" ? '"' : "'";
        }
        const options = spellings(c, quote);
        body += options[choices[i]! % options.length];
      });
      pieces.push(quote + body + quote);
      return pieces.join(cuts[value.length] ? "\n  " : " ");
    });

describe("singlestore string literals (property d)", () => {
  it("every spelling of a text decodes to the text", () => {
    const textAndSpelling = fc.string({ unit: "binary", maxLength: 12 }).chain((value) => spelt(value).map((sql) => ({ value, sql })));
    fc.assert(
      fc.property(textAndSpelling, ({ value, sql }) => {
        const parsed = parse(`CREATE LINK l AS S3 CREDENTIALS '{}' DESCRIPTION ${sql}`, { dialect, check: false });
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.program.statements[0]).toMatchObject({ description: value });
      }),
      params,
    );
  });
});

